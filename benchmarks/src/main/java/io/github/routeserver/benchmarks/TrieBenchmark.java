package io.github.routeserver.benchmarks;

import static com.google.common.base.Preconditions.checkState;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.trie.PrefixTrie;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link PrefixTrie} on the IPv4 part of the {@link SyntheticTable} full table (1,050,000 prefixes
 * in shuffled feed order), every value one shared object:
 *
 * <ul>
 *   <li>{@code bulkLoad}: all prefixes through one editor, then {@code freeze()}.
 *   <li>{@code put}: one persistent put of a prefix the full trie does not hold.
 *   <li>{@code replace}: one persistent put of a new value for a prefix the full trie holds.
 *   <li>{@code remove}: one persistent remove of a prefix the full trie holds.
 *   <li>{@code longestMatch}: one lookup of an address inside a random table prefix.
 *   <li>{@code diffAfterOnePut}: the diff between the full trie and a version one put away.
 * </ul>
 *
 * <p>The single operations cycle through {@code keys} distinct keys or addresses: with 1024 the
 * paths they walk stay in the CPU caches; with 1048576 most nodes below the top of the trie are a
 * cache miss, as for lookups of traffic to random destinations. The full trie never changes: each
 * put or remove makes a new version and drops it. Sample mode reports the median (p0.50).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TrieBenchmark {
  private static final Object VALUE = new Object();
  private static final Object OTHER_VALUE = new Object();

  /** The table and the trie that holds it. */
  @State(Scope.Benchmark)
  public static class Table {
    Prefix[] prefixes;
    PrefixTrie<Object> full;

    @Setup
    public void setUp() {
      prefixes = SyntheticTable.fullTable().ipv4Prefixes();
      full = load(prefixes);
    }
  }

  /** The keys and addresses the single operations cycle through. */
  @State(Scope.Thread)
  public static class Keys {
    @Param({"1024", "1048576"})
    int keys;

    Prefix[] absent;
    Prefix[] present;
    IpAddress[] addresses;
    PrefixTrie<Object>[] oneAway;
    private int next;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp(Table table) {
      checkState(Integer.bitCount(keys) == 1, "keys: %s (expected: a power of two)", keys);
      SplittableRandom random = new SplittableRandom(1);
      present = new Prefix[keys];
      addresses = new IpAddress[keys];
      for (int i = 0; i < keys; i++) {
        Prefix prefix = table.prefixes[random.nextInt(table.prefixes.length)];
        present[i] = prefix;
        int network = (int) (prefix.hi() >>> 32);
        int host = prefix.length() == 32 ? 0 : random.nextInt() >>> prefix.length();
        addresses[i] = IpAddress.ofIpv4(network | host);
      }
      // The table's length mix with another seed, minus the prefixes the table holds.
      absent =
          Arrays.stream(SyntheticTable.generate(keys * 2, 1, 0, 1, 2).ipv4Prefixes())
              .filter(prefix -> !table.full.containsKey(prefix))
              .limit(keys)
              .toArray(Prefix[]::new);
      checkState(absent.length == keys, "absent prefixes: %s (expected: %s)", absent.length, keys);
      oneAway = new PrefixTrie[Math.min(keys, 1024)];
      for (int i = 0; i < oneAway.length; i++) {
        oneAway[i] = table.full.put(absent[i], VALUE);
      }
    }

    int next() {
      int i = next;
      next = (i + 1) & (keys - 1);
      return i;
    }
  }

  static PrefixTrie<Object> load(Prefix[] prefixes) {
    PrefixTrie.Editor<Object> editor = PrefixTrie.empty().editor();
    for (Prefix prefix : prefixes) {
      editor.put(prefix, VALUE);
    }
    return editor.freeze();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public PrefixTrie<Object> bulkLoad(Table table) {
    return load(table.prefixes);
  }

  @Benchmark
  public PrefixTrie<Object> put(Table table, Keys keys) {
    return table.full.put(keys.absent[keys.next()], VALUE);
  }

  @Benchmark
  public PrefixTrie<Object> replace(Table table, Keys keys) {
    return table.full.put(keys.present[keys.next()], OTHER_VALUE);
  }

  @Benchmark
  public PrefixTrie<Object> remove(Table table, Keys keys) {
    return table.full.remove(keys.present[keys.next()]);
  }

  @Benchmark
  public Optional<PrefixTrie.Entry<Object>> longestMatch(Table table, Keys keys) {
    return table.full.longestMatch(keys.addresses[keys.next()]);
  }

  @Benchmark
  public long diffAfterOnePut(Table table, Keys keys) {
    return table.full.diff(keys.oneAway[keys.next() & (keys.oneAway.length - 1)]).count();
  }
}
