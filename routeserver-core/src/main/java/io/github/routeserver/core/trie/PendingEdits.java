package io.github.routeserver.core.trie;

import io.github.routeserver.core.net.Prefix;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Edits an editor has taken but not yet applied; not thread-safe. They are applied in one batch, in
 * order of the leading bits of their keys, so that consecutive edits walk the same top of the trie
 * and small subtrees below it while those are in cache. A full table fed in random order touches a
 * different path through tens of megabytes of nodes on every edit; in this order it costs a
 * fraction.
 *
 * <p>The order is a stable counting sort on at most 12 leading bits, so the edits of one key keep
 * the order they were made in, and edits of different keys do not depend on each other: the result
 * is the same as applying them one by one. Keys are copied out of their {@link Prefix} objects when
 * taken, so that applying them reads arrays in sequence rather than objects scattered over the
 * heap.
 */
final class PendingEdits<V> {
  /**
   * At most 2^12 buckets: more buckets make the sort itself scatter its writes over memory, and
   * fewer keys to a bucket do not make the edits faster once a bucket's part of the trie fits in a
   * CPU cache.
   */
  private static final int MAX_BUCKET_BITS = 12;

  /** Marks an IPv6 key in {@link #lengths}. */
  private static final short IPV6 = 0x100;

  /** Marks an update in {@link #lengths}: the payload is its function, not a value. */
  private static final short UPDATE = 0x200;

  private long[] his = new long[0];
  private long[] los = new long[0];

  /** The length, plus the {@link #IPV6} and {@link #UPDATE} flags. */
  private short[] lengths = new short[0];

  /** The value of a put, null for a remove, the function of an update. */
  private @Nullable Object[] payloads = new Object[0];

  private int count;

  void put(Prefix prefix, V value) {
    add(prefix, 0, value);
  }

  void remove(Prefix prefix) {
    add(prefix, 0, null);
  }

  void update(Prefix prefix, UnaryOperator<@Nullable V> function) {
    add(prefix, UPDATE, function);
  }

  private void add(Prefix prefix, int flags, @Nullable Object payload) {
    if (count == his.length) {
      int capacity = Math.max(16, count + (count >> 1));
      his = Arrays.copyOf(his, capacity);
      los = Arrays.copyOf(los, capacity);
      lengths = Arrays.copyOf(lengths, capacity);
      payloads = Arrays.copyOf(payloads, capacity);
    }
    his[count] = prefix.hi();
    los[count] = prefix.lo();
    lengths[count] = (short) (prefix.length() | (prefix.isIpv4() ? 0 : IPV6) | flags);
    payloads[count] = payload;
    count++;
  }

  /**
   * Applies every pending edit to {@code trie} and forgets them. An exception thrown by an update's
   * function propagates from here, with the edits before it applied and the rest forgotten.
   */
  @SuppressWarnings("unchecked")
  void applyTo(MutableTrie<V> trie) {
    // About 1024 keys to a bucket; a batch under 2048 fits in cache as it is.
    int bucketBits = Math.min(MAX_BUCKET_BITS, 21 - Integer.numberOfLeadingZeros(count));
    if (bucketBits > 0) {
      sortByLeadingBits(bucketBits);
    }
    long[] his = this.his;
    long[] los = this.los;
    short[] lengths = this.lengths;
    Object[] payloads = this.payloads;
    int count = this.count;
    this.his = new long[0];
    this.los = new long[0];
    this.lengths = new short[0];
    this.payloads = new Object[0];
    this.count = 0;
    for (int i = 0; i < count; i++) {
      int flags = lengths[i];
      int length = flags & 0xff;
      boolean ipv6 = (flags & IPV6) != 0;
      Object payload = payloads[i];
      if ((flags & UPDATE) != 0) {
        trie.update(his[i], los[i], length, ipv6, (UnaryOperator<@Nullable V>) payload);
      } else if (payload == null) {
        trie.remove(his[i], los[i], length, ipv6);
      } else {
        trie.put(his[i], los[i], length, ipv6, (V) payload);
      }
    }
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
    Object[] sortedPayloads = new Object[count];
    for (int i = 0; i < count; i++) {
      int to = start[(int) (his[i] >>> shift)]++;
      sortedHis[to] = his[i];
      sortedLos[to] = los[i];
      sortedLengths[to] = lengths[i];
      sortedPayloads[to] = payloads[i];
    }
    his = sortedHis;
    los = sortedLos;
    lengths = sortedLengths;
    payloads = sortedPayloads;
  }
}
