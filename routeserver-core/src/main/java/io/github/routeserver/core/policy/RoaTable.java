package io.github.routeserver.core.policy;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.trie.PrefixTrie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A named, immutable set of validated ROA payloads (prefix, maximum length, origin AS), given as
 * data, and route origin validation over them as RFC 6811 section 2 defines it. No RPKI transport
 * (RTR, RFC 8210) is involved: whoever fetches the payloads builds a new table.
 *
 * <p>A route is {@link ValidationState#NOT_FOUND} when no payload's prefix covers its prefix;
 * {@link ValidationState#VALID} when some covering payload has the route's origin AS and a maximum
 * length at least the route's prefix length; {@link ValidationState#INVALID} otherwise. The origin
 * AS is the last AS of the path when the path ends with an AS_SEQUENCE; a path that is empty or
 * ends with an AS_SET has no origin AS ("NONE" in the RFC) and so is never valid; a payload for AS
 * 0 (RFC 7607) never makes a route valid.
 */
public final class RoaTable {
  private final String name;
  private final ImmutableList<Roa> roas;
  private final PrefixTrie<Roa[]> index;

  /**
   * One validated ROA payload.
   *
   * @param prefix the prefix the origin AS may announce
   * @param maxLength the longest prefix length it may announce inside {@code prefix}
   * @param asn the authorised origin AS
   */
  public record Roa(Prefix prefix, int maxLength, long asn) {
    /** Validates {@code prefix.length() <= maxLength <= family bits}. */
    public Roa {
      checkArgument(
          maxLength >= prefix.length() && maxLength <= prefix.family().bits(),
          "maxLength: %s (expected: %s to %s for %s)",
          maxLength,
          prefix.length(),
          prefix.family().bits(),
          prefix);
      checkArgument(asn >= 0 && asn <= 0xFFFF_FFFFL, "asn: %s (expected: 0 to 4294967295)", asn);
    }

    /** Whether this payload makes a route for {@code route} originated by {@code origin} valid. */
    boolean authorises(Prefix route, long origin) {
      return asn != 0 && asn == origin && route.length() <= maxLength;
    }

    /** For example {@code 10.0.0.0/8-24 AS65001}. */
    @Override
    public String toString() {
      return prefix + "-" + maxLength + " AS" + asn;
    }
  }

  private RoaTable(String name, ImmutableList<Roa> roas) {
    checkArgument(!name.isBlank(), "name: '%s' (expected: a non-blank name)", name);
    this.name = name;
    this.roas = roas;
    PrefixTrie<Roa[]> own = PrefixTrie.empty();
    for (Roa roa : roas) {
      own = own.update(roa.prefix(), old -> append(old, roa));
    }
    // Each key holds the payloads of every key covering it too: one longest match finds them all.
    PrefixTrie<Roa[]> merged = own;
    for (PrefixTrie.Entry<Roa[]> entry : own) {
      List<Roa> covering = new ArrayList<>();
      own.covering(entry.prefix()).forEach(e -> covering.addAll(List.of(e.value())));
      merged = merged.put(entry.prefix(), covering.toArray(new Roa[0]));
    }
    this.index = merged;
  }

  private static Roa[] append(Roa @Nullable [] old, Roa roa) {
    if (old == null) {
      return new Roa[] {roa};
    }
    Roa[] grown = Arrays.copyOf(old, old.length + 1);
    grown[old.length] = roa;
    return grown;
  }

  /** The table called {@code name} holding {@code roas}. */
  public static RoaTable of(String name, Iterable<Roa> roas) {
    return new RoaTable(name, ImmutableList.copyOf(roas));
  }

  /** The name configurations and traces refer to this table by. */
  public String name() {
    return name;
  }

  /** The payloads in the order given. */
  public ImmutableList<Roa> roas() {
    return roas;
  }

  /** The origin validation state of a route for {@code prefix} with {@code path} (RFC 6811). */
  public ValidationState validate(Prefix prefix, AsPath path) {
    Optional<PrefixTrie.Entry<Roa[]>> covering = index.longestMatch(prefix);
    if (covering.isEmpty()) {
      return ValidationState.NOT_FOUND;
    }
    OptionalLong origin = path.originAs();
    if (origin.isPresent()) {
      for (Roa roa : covering.get().value()) {
        if (roa.authorises(prefix, origin.getAsLong())) {
          return ValidationState.VALID;
        }
      }
    }
    return ValidationState.INVALID;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RoaTable t && t.name.equals(name) && t.roas.equals(roas);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, roas);
  }

  /** The name and the number of payloads, for example {@code rpki(2 ROAs)}. */
  @Override
  public String toString() {
    return name + "(" + roas.size() + " ROAs)";
  }

  /** The outcome of route origin validation (RFC 6811 section 2). */
  public enum ValidationState {
    /** A covering payload authorises the route's origin AS and length. */
    VALID,
    /** Payloads cover the prefix but none authorises the route. */
    INVALID,
    /** No payload covers the prefix. */
    NOT_FOUND
  }
}
