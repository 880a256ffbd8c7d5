package io.github.routeserver.core.trie;

import io.github.routeserver.core.net.Prefix;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A node of the path-compressed binary trie behind {@link PrefixTrie}, PATRICIA style: a {@link
 * Branch} holds only the bit index at which its two subtrees part, and keys are held inline (no
 * {@link Prefix} object) only by the {@link Keyed} nodes that carry a value.
 *
 * <p>Every node has a <em>position</em>: a string of bits that every key below it starts with. A
 * keyed node's position is its key; a branch's position is the first {@link #position()} bits of
 * any key below it, which the branch does not store. A child's position extends its parent's by at
 * least one bit, and the first extra bit says which child it is (0 left, 1 right). A branch always
 * has two children, a keyed node none, one or two, so the shape depends only on the set of keys.
 *
 * <p>Keys are 128-bit numbers {@code (hi, lo)} laid out as in {@link Prefix}, so every algorithm is
 * written once for both families; only the classes that store a key know its family. Sizes on a
 * 64-bit JVM with compressed oops (12-byte header, 8-byte alignment): {@link Branch} 24 bytes,
 * {@link Leaf4} 24, {@link Inner4} 32, {@link Leaf6} 40, {@link Inner6} 48.
 *
 * <p>A node reachable from a {@link PrefixTrie} never changes. A node an unfrozen editor created is
 * {@link #editable} and only that editor reaches it, so the editor changes it in place; freezing
 * clears the flag. Methods that make nodes take the editor's <em>log</em>: a node made with a log
 * is editable and recorded in it, so that freezing finds it; without one (null) it is immutable.
 */
abstract class Node<V> {
  /** The position length in bits, 0 to 128, stored as an unsigned byte. */
  private final byte position;

  /** Whether the one editor that can reach this node may change it in place. */
  boolean editable;

  Node(int position, @Nullable List<Node<V>> log) {
    this.position = (byte) position;
    if (log != null) {
      editable = true;
      log.add(this);
    }
  }

  /** The length of this node's position: a branch's bit index, or a keyed node's key length. */
  final int position() {
    return position & 0xff;
  }

  /** Bit {@code index} (0 is the most significant) of the 128-bit number {@code (hi, lo)}. */
  static boolean bit(long hi, long lo, int index) {
    return index < 64 ? (hi << index) < 0 : (lo << (index - 64)) < 0;
  }

  /** The number of leading bits two 128-bit numbers share, 128 when they are equal. */
  static int commonPrefixLength(long hi1, long lo1, long hi2, long lo2) {
    long x = hi1 ^ hi2;
    return x != 0 ? Long.numberOfLeadingZeros(x) : 64 + Long.numberOfLeadingZeros(lo1 ^ lo2);
  }

  /** The child on side {@code right} of {@code node}, without a megamorphic call. */
  static <V> @Nullable Node<V> child(Node<V> node, boolean right) {
    if (node instanceof Branch<V> branch) {
      return right ? branch.right : branch.left;
    }
    return ((Keyed<V>) node).child(right);
  }

  /** The keyed node at or below {@code node} whose key is smallest, which shows its position. */
  static <V> Keyed<V> positionKey(Node<V> node) {
    Node<V> n = node;
    while (n instanceof Branch<V> branch) {
      n = branch.left;
    }
    return (Keyed<V>) n;
  }

  /** A new leaf of the family {@code ipv6} says. */
  static <V> Keyed<V> leaf(
      boolean ipv6, long hi, long lo, int length, V value, @Nullable List<Node<V>> log) {
    return ipv6
        ? new Leaf6<>(hi, lo, length, value, log)
        : new Leaf4<>((int) (hi >>> 32), length, value, log);
  }

  /** A new keyed node with children of the family {@code ipv6} says. */
  static <V> Keyed<V> inner(
      boolean ipv6,
      long hi,
      long lo,
      int length,
      V value,
      @Nullable Node<V> left,
      @Nullable Node<V> right,
      @Nullable List<Node<V>> log) {
    return ipv6
        ? new Inner6<>(hi, lo, length, value, left, right, log)
        : new Inner4<>((int) (hi >>> 32), length, value, left, right, log);
  }

  /**
   * This node with the child on side {@code right} replaced: changed in place when {@link
   * #editable}, otherwise a copy (editable, and added to {@code log}, when a log is given). A null
   * child removes the side; a branch left with one child gives way to it.
   */
  abstract @Nullable Node<V> withChild(
      boolean right, @Nullable Node<V> child, @Nullable List<Node<V>> log);

  /** A node without a value: two children below one bit index. */
  static final class Branch<V> extends Node<V> {
    Node<V> left;
    Node<V> right;

    Branch(int bit, Node<V> left, Node<V> right, @Nullable List<Node<V>> log) {
      super(bit, log);
      this.left = left;
      this.right = right;
    }

    @Override
    Node<V> withChild(boolean right, @Nullable Node<V> child, @Nullable List<Node<V>> log) {
      Node<V> other = right ? this.left : this.right;
      if (child == null) {
        return other;
      }
      if (editable) {
        if (right) {
          this.right = child;
        } else {
          this.left = child;
        }
        return this;
      }
      return right
          ? new Branch<>(position(), other, child, log)
          : new Branch<>(position(), child, other, log);
    }
  }

  /** A node that carries a key and its value; subclasses store the key of one family. */
  abstract static class Keyed<V> extends Node<V> {
    V value;

    Keyed(int length, V value, @Nullable List<Node<V>> log) {
      super(length, log);
      this.value = value;
    }

    /** The high 64 bits of the key. */
    abstract long hi();

    /** The low 64 bits of the key. */
    abstract long lo();

    /** The key as a prefix. */
    abstract Prefix prefix();

    /** The child on side {@code right}, null for a leaf. */
    abstract @Nullable Node<V> child(boolean right);

    /** Sets both children in place and returns true, or returns false if this is a leaf. */
    abstract boolean setChildren(@Nullable Node<V> left, @Nullable Node<V> right);

    /** A new node with this key, {@code value} and the given children (a leaf when both null). */
    abstract Keyed<V> copy(
        V value, @Nullable Node<V> left, @Nullable Node<V> right, @Nullable List<Node<V>> log);

    /** The key length in bits. */
    final int length() {
      return position();
    }

    /** Whether this key is a prefix of the 128-bit number {@code (hi, lo)}. */
    final boolean isPrefixOf(long hi, long lo) {
      return commonPrefixLength(hi(), lo(), hi, lo) >= length();
    }

    /** Whether this key is exactly {@code (hi, lo)} of {@code length} bits. */
    final boolean hasKey(long hi, long lo, int length) {
      return length == length() && hi == hi() && lo == lo();
    }

    /** This node with {@code value} instead of its own. */
    final Keyed<V> withValue(V value, @Nullable List<Node<V>> log) {
      if (editable) {
        this.value = value;
        return this;
      }
      return copy(value, child(false), child(true), log);
    }

    /** What stands in this node's place once its value is removed. */
    final @Nullable Node<V> withoutValue(@Nullable List<Node<V>> log) {
      Node<V> left = child(false);
      Node<V> right = child(true);
      if (left == null || right == null) {
        return left == null ? right : left;
      }
      return new Branch<>(length(), left, right, log);
    }

    @Override
    final Keyed<V> withChild(boolean right, @Nullable Node<V> child, @Nullable List<Node<V>> log) {
      Node<V> left = right ? child(false) : child;
      Node<V> rightChild = right ? child : child(true);
      if (editable && (left != null || rightChild != null) && setChildren(left, rightChild)) {
        return this;
      }
      return copy(value, left, rightChild, log);
    }
  }

  /** An IPv4 key with its value and no children: 24 bytes. */
  static class Leaf4<V> extends Keyed<V> {
    private final int bits;

    Leaf4(int bits, int length, V value, @Nullable List<Node<V>> log) {
      super(length, value, log);
      this.bits = bits;
    }

    @Override
    final long hi() {
      return (long) bits << 32;
    }

    @Override
    final long lo() {
      return 0;
    }

    @Override
    final Prefix prefix() {
      return Prefix.ofIpv4(bits, length());
    }

    @Override
    @Nullable Node<V> child(boolean right) {
      return null;
    }

    @Override
    boolean setChildren(@Nullable Node<V> left, @Nullable Node<V> right) {
      return false;
    }

    @Override
    final Keyed<V> copy(
        V value, @Nullable Node<V> left, @Nullable Node<V> right, @Nullable List<Node<V>> log) {
      return left == null && right == null
          ? new Leaf4<>(bits, length(), value, log)
          : new Inner4<>(bits, length(), value, left, right, log);
    }
  }

  /** An IPv4 key with its value and one or two children: 32 bytes. */
  static final class Inner4<V> extends Leaf4<V> {
    private @Nullable Node<V> left;
    private @Nullable Node<V> right;

    Inner4(
        int bits,
        int length,
        V value,
        @Nullable Node<V> left,
        @Nullable Node<V> right,
        @Nullable List<Node<V>> log) {
      super(bits, length, value, log);
      this.left = left;
      this.right = right;
    }

    @Override
    @Nullable Node<V> child(boolean right) {
      return right ? this.right : this.left;
    }

    @Override
    final boolean setChildren(@Nullable Node<V> left, @Nullable Node<V> right) {
      this.left = left;
      this.right = right;
      return true;
    }
  }

  /** An IPv6 key with its value and no children: 40 bytes. */
  static class Leaf6<V> extends Keyed<V> {
    private final long hi;
    private final long lo;

    Leaf6(long hi, long lo, int length, V value, @Nullable List<Node<V>> log) {
      super(length, value, log);
      this.hi = hi;
      this.lo = lo;
    }

    @Override
    final long hi() {
      return hi;
    }

    @Override
    final long lo() {
      return lo;
    }

    @Override
    final Prefix prefix() {
      return Prefix.ofIpv6(hi, lo, length());
    }

    @Override
    @Nullable Node<V> child(boolean right) {
      return null;
    }

    @Override
    boolean setChildren(@Nullable Node<V> left, @Nullable Node<V> right) {
      return false;
    }

    @Override
    final Keyed<V> copy(
        V value, @Nullable Node<V> left, @Nullable Node<V> right, @Nullable List<Node<V>> log) {
      return left == null && right == null
          ? new Leaf6<>(hi, lo, length(), value, log)
          : new Inner6<>(hi, lo, length(), value, left, right, log);
    }
  }

  /** An IPv6 key with its value and one or two children: 48 bytes. */
  static final class Inner6<V> extends Leaf6<V> {
    private @Nullable Node<V> left;
    private @Nullable Node<V> right;

    Inner6(
        long hi,
        long lo,
        int length,
        V value,
        @Nullable Node<V> left,
        @Nullable Node<V> right,
        @Nullable List<Node<V>> log) {
      super(hi, lo, length, value, log);
      this.left = left;
      this.right = right;
    }

    @Override
    @Nullable Node<V> child(boolean right) {
      return right ? this.right : this.left;
    }

    @Override
    final boolean setChildren(@Nullable Node<V> left, @Nullable Node<V> right) {
      this.left = left;
      this.right = right;
      return true;
    }
  }
}
