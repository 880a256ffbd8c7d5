package io.github.routeserver.benchmarks;

import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.trie.PrefixTrie;
import java.lang.ref.Reference;
import java.util.Arrays;

/**
 * Loads the 1,050,000 IPv4 prefixes of the {@link SyntheticTable} full table, in feed order and all
 * mapped to one shared value, into a {@link PrefixTrie} through its editor, and reports the load
 * time (median of several loads, one thread, freeze included) and the retained heap per prefix:
 * used heap after full collections with the trie reachable, minus the same without it, while the
 * prefix array stays reachable in both. The last line is {@code bytes_per_prefix=<n> load_ms=<n>}.
 *
 * <p>Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar
 * io.github.routeserver.benchmarks.TrieFootprint [loads]}
 */
public final class TrieFootprint {
  private TrieFootprint() {}

  /** Runs the probe; the optional argument is the number of timed loads (default 5). */
  public static void main(String[] args) {
    int loads = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Prefix[] prefixes = SyntheticTable.fullTable().ipv4Prefixes();
    Object value = new Object();

    long[] millis = new long[loads];
    PrefixTrie<Object> trie = null;
    for (int run = 0; run < loads; run++) {
      trie = null;
      HeapProbe.usedAfterGc();
      long start = System.nanoTime();
      PrefixTrie.Editor<Object> editor = PrefixTrie.empty().editor();
      for (Prefix prefix : prefixes) {
        editor.put(prefix, value);
      }
      trie = editor.freeze();
      millis[run] = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("load %d: %d ms (%d prefixes)%n", run + 1, millis[run], trie.size());
    }
    long withTrie = HeapProbe.usedAfterGc();
    Reference.reachabilityFence(trie);
    trie = null;
    long withoutTrie = HeapProbe.usedAfterGc();
    Reference.reachabilityFence(prefixes);

    Arrays.sort(millis);
    double bytesPerPrefix = (double) (withTrie - withoutTrie) / prefixes.length;
    System.out.printf(
        "retained heap %d bytes for %d prefixes%n", withTrie - withoutTrie, prefixes.length);
    System.out.printf("bytes_per_prefix=%.1f load_ms=%d%n", bytesPerPrefix, millis[loads / 2]);
  }
}
