package io.github.routeserver.core.trie;

import io.github.routeserver.core.net.Prefix;
import java.util.Arrays;

/**
 * Puts an editor has taken but not yet applied; not thread-safe. They are applied in one batch, in
 * order of the leading bits of their keys, so that consecutive puts walk the same top of the trie
 * and small subtrees below it while those are in cache. A full table fed in random order touches a
 * different path of tens of megabytes of nodes on every put; in this order it costs a fraction.
 *
 * <p>The order is a stable counting sort on at most 12 leading bits, so puts of the same key keep
 * the order they were made in and the last one wins. Keys are copied out of their {@link Prefix}
 * objects when taken, so that applying them reads arrays in sequence rather than objects scattered
 * over the heap.
 */
final class PendingPuts<V> {
  /**
   * At most 2^12 buckets: more buckets make the sort itself scatter its writes over memory, and
   * fewer keys to a bucket do not make the puts faster once a bucket's part of the trie fits in a
   * CPU cache.
   */
  private static final int MAX_BUCKET_BITS = 12;

  private long[] his = new long[0];
  private long[] los = new long[0];

  /** The length, plus {@link #IPV6} for IPv6 keys. */
  private short[] lengths = new short[0];

  private Object[] values = new Object[0];
  private int count;

  private static final short IPV6 = 0x100;

  void add(Prefix prefix, V value) {
    if (count == his.length) {
      int capacity = Math.max(16, count * 2);
      his = Arrays.copyOf(his, capacity);
      los = Arrays.copyOf(los, capacity);
      lengths = Arrays.copyOf(lengths, capacity);
      values = Arrays.copyOf(values, capacity);
    }
    his[count] = prefix.hi();
    los[count] = prefix.lo();
    lengths[count] = (short) (prefix.length() | (prefix.isIpv4() ? 0 : IPV6));
    values[count] = value;
    count++;
  }

  /** Applies every pending put to {@code trie}, and forgets them. */
  @SuppressWarnings("unchecked")
  void applyTo(MutableTrie<V> trie) {
    // About 1024 keys to a bucket; a batch under 2048 fits in cache as it is.
    int bucketBits = Math.min(MAX_BUCKET_BITS, 21 - Integer.numberOfLeadingZeros(count));
    if (bucketBits > 0) {
      sortByLeadingBits(bucketBits);
    }
    for (int i = 0; i < count; i++) {
      int length = lengths[i];
      trie.put(his[i], los[i], length & 0xff, (length & IPV6) != 0, (V) values[i]);
    }
    his = new long[0];
    los = new long[0];
    lengths = new short[0];
    values = new Object[0];
    count = 0;
  }

  /** A stable counting sort on the leading {@code bits} bits. */
  private void sortByLeadingBits(int bits) {
    int shift = 64 - bits;
    int[] start = new int[(1 << bits) + 1];
    for (int i = 0; i < count; i++) {
      start[(int) (his[i] >>> shift) + 1]++;
    }
    for (int b = 1; b < start.length; b++) {
      start[b] += start[b - 1];
    }
    long[] sortedHis = new long[count];
    long[] sortedLos = new long[count];
    short[] sortedLengths = new short[count];
    Object[] sortedValues = new Object[count];
    for (int i = 0; i < count; i++) {
      int to = start[(int) (his[i] >>> shift)]++;
      sortedHis[to] = his[i];
      sortedLos[to] = los[i];
      sortedLengths[to] = lengths[i];
      sortedValues[to] = values[i];
    }
    his = sortedHis;
    los = sortedLos;
    lengths = sortedLengths;
    values = sortedValues;
  }
}
