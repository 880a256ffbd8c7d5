package io.github.routeserver.core.policy;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.trie.PrefixTrie;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A named, immutable prefix list: {@link PrefixRange}s of both families. A prefix is {@linkplain
 * #contains in the set} when any range matches it.
 *
 * <p>Lookups cost one longest-match walk of a {@link PrefixTrie}, whatever the size of the set:
 * each range's prefix is a key whose value is the set of lengths admitted by every range covering
 * that key, so the most specific covering key alone answers the question.
 */
public final class PrefixSet {
  private final String name;
  private final ImmutableList<PrefixRange> ranges;
  private final PrefixTrie<Lengths> index;

  private PrefixSet(String name, ImmutableList<PrefixRange> ranges) {
    checkArgument(!name.isBlank(), "name: '%s' (expected: a non-blank name)", name);
    this.name = name;
    this.ranges = ranges;
    PrefixTrie<Lengths> own = PrefixTrie.empty();
    for (PrefixRange range : ranges) {
      own = own.update(range.prefix(), old -> Lengths.of(range).or(old));
    }
    PrefixTrie<Lengths> merged = own;
    for (PrefixTrie.Entry<Lengths> entry : own) {
      Lengths all =
          own.covering(entry.prefix()).map(PrefixTrie.Entry::value).reduce(Lengths::or).get();
      merged = merged.put(entry.prefix(), all);
    }
    this.index = merged;
  }

  /** The set called {@code name} holding {@code ranges}. */
  public static PrefixSet of(String name, Iterable<PrefixRange> ranges) {
    return new PrefixSet(name, ImmutableList.copyOf(ranges));
  }

  /**
   * The set called {@code name} holding the ranges parsed by {@link PrefixRange#parse}, for example
   * {@code PrefixSet.parse("bogons", "10.0.0.0/8 le 32", "192.168.0.0/16 le 32")}.
   */
  public static PrefixSet parse(String name, String... ranges) {
    return of(name, Arrays.stream(ranges).map(PrefixRange::parse).toList());
  }

  /** The name configurations and traces refer to this set by. */
  public String name() {
    return name;
  }

  /** The ranges in the order given. */
  public ImmutableList<PrefixRange> ranges() {
    return ranges;
  }

  /** Whether some range of the set matches {@code prefix}. */
  public boolean contains(Prefix prefix) {
    Optional<PrefixTrie.Entry<Lengths>> match = index.longestMatch(prefix);
    return match.isPresent() && match.get().value().contains(prefix.length());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PrefixSet s && s.name.equals(name) && s.ranges.equals(ranges);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, ranges);
  }

  /** For example {@code bogons[10.0.0.0/8 le 32, 192.168.0.0/16 le 32]}. */
  @Override
  public String toString() {
    return name + ranges;
  }

  /** A set of prefix lengths 0 to 128 as a 192-bit mask (bit i: length i admitted). */
  private record Lengths(long low, long middle, long high) {
    static Lengths of(PrefixRange range) {
      long[] words = new long[3];
      for (int length = range.ge(); length <= range.le(); length++) {
        words[length >>> 6] |= 1L << (length & 63);
      }
      return new Lengths(words[0], words[1], words[2]);
    }

    Lengths or(@Nullable Lengths other) {
      return other == null
          ? this
          : new Lengths(low | other.low, middle | other.middle, high | other.high);
    }

    boolean contains(int length) {
      long word = length < 64 ? low : length < 128 ? middle : high;
      return (word & (1L << (length & 63))) != 0;
    }
  }
}
