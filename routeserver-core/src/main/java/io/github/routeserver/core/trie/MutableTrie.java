package io.github.routeserver.core.trie;

import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.trie.Node.Branch;
import io.github.routeserver.core.trie.Node.Keyed;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The roots and size of a trie being changed; not thread-safe. Nodes it made while {@code editing}
 * are editable and changed in place; every other node is copied on the way from the root to the
 * change (path copying), so the tries that share it never see the change.
 *
 * <p>Both {@link PrefixTrie}'s single edits (not editing: every node copied) and its {@link
 * PrefixTrie.Editor} (editing) run on this class, so the algorithms exist once.
 */
final class MutableTrie<V> {
  private final boolean editing;
  @Nullable Node<V> root4;
  @Nullable Node<V> root6;
  int size;

  MutableTrie(@Nullable Node<V> root4, @Nullable Node<V> root6, int size, boolean editing) {
    this.root4 = root4;
    this.root6 = root6;
    this.size = size;
    this.editing = editing;
  }

  /** The root of {@code prefix}'s family. */
  @Nullable Node<V> root(Prefix prefix) {
    return prefix.isIpv4() ? root4 : root6;
  }

  private void setRoot(Prefix prefix, @Nullable Node<V> root) {
    if (prefix.isIpv4()) {
      root4 = root;
    } else {
      root6 = root;
    }
  }

  /** Maps {@code prefix} to {@code value}; does nothing when that very value is already there. */
  void put(Prefix prefix, V value) {
    long hi = prefix.hi();
    long lo = prefix.lo();
    int length = prefix.length();
    boolean ipv6 = !prefix.isIpv4();
    Node<V> root = root(prefix);
    if (root == null) {
      setRoot(prefix, Node.leaf(ipv6, hi, lo, length, value, editing));
      size++;
      return;
    }
    Keyed<V> closest = closestKey(root, hi, lo, length);
    int split =
        Math.min(
            Node.commonPrefixLength(closest.hi(), closest.lo(), hi, lo),
            Math.min(length, closest.length()));
    if (split == length && closest.length() == length) {
      if (closest.value == value) {
        return;
      }
    } else {
      size++;
    }
    boolean closestRight = Node.bit(closest.hi(), closest.lo(), split);
    setRoot(prefix, insert(root, hi, lo, length, ipv6, value, split, closestRight));
  }

  /** The value of {@code prefix}, or null. */
  @Nullable V get(Prefix prefix) {
    Keyed<V> found = find(root(prefix), prefix.hi(), prefix.lo(), prefix.length());
    return found == null ? null : found.value;
  }

  /**
   * Replaces the value of {@code prefix} (null when absent) with what {@code function} makes of it:
   * null removes it; the very same value changes nothing.
   */
  void update(Prefix prefix, UnaryOperator<@Nullable V> function) {
    V old = get(prefix);
    V updated = function.apply(old);
    if (updated == old) {
      return;
    }
    if (updated == null) {
      remove(prefix);
    } else {
      put(prefix, updated);
    }
  }

  /** Removes {@code prefix}; does nothing when it is absent. */
  void remove(Prefix prefix) {
    Node<V> root = root(prefix);
    if (find(root, prefix.hi(), prefix.lo(), prefix.length()) == null) {
      return;
    }
    setRoot(prefix, removePresent(root, prefix.hi(), prefix.lo(), prefix.length()));
    size--;
  }

  /**
   * Makes every node this trie made editable immutable, so tries may share them from now on. Walks
   * only editable nodes: nodes below a frozen node are frozen.
   */
  void freeze() {
    freeze(root4);
    freeze(root6);
  }

  private static <V> void freeze(@Nullable Node<V> node) {
    if (node == null || !node.editable) {
      return;
    }
    node.editable = false;
    freeze(Node.child(node, false));
    freeze(Node.child(node, true));
  }

  /**
   * The keyed node that shows where a new key {@code (hi, lo, length)} parts from the trie: the
   * walk follows the key's bits, without checking branches' positions, until the key would lie
   * above or beside the node reached; the first bit in which that node's key (or, below a branch,
   * the smallest key) differs from the new key is where the new key goes.
   */
  private static <V> Keyed<V> closestKey(Node<V> root, long hi, long lo, int length) {
    Node<V> node = root;
    while (true) {
      int position = node.position();
      if (node instanceof Branch<V> branch) {
        if (position >= length) {
          return Node.positionKey(branch);
        }
        node = Node.bit(hi, lo, position) ? branch.right : branch.left;
      } else {
        Keyed<V> keyed = (Keyed<V>) node;
        if (position >= length || !keyed.isPrefixOf(hi, lo)) {
          return keyed;
        }
        Node<V> child = keyed.child(Node.bit(hi, lo, position));
        if (child == null) {
          return keyed;
        }
        node = child;
      }
    }
  }

  /**
   * Inserts the key below {@code node}. {@code split} is the length of the longest position on the
   * key's path that the key starts with (from {@link #closestKey}), and {@code closestRight} the
   * side on which the existing nodes lie at that bit.
   */
  private @Nullable Node<V> insert(
      @Nullable Node<V> node,
      long hi,
      long lo,
      int length,
      boolean ipv6,
      V value,
      int split,
      boolean closestRight) {
    if (node == null) {
      return Node.leaf(ipv6, hi, lo, length, value, editing);
    }
    int position = node.position();
    if (position < split || (position == split && split < length)) {
      // The node's position is a proper prefix of the key: go down.
      boolean right = Node.bit(hi, lo, position);
      Node<V> child = Node.child(node, right);
      Node<V> newChild = insert(child, hi, lo, length, ipv6, value, split, closestRight);
      return newChild == child ? node : node.withChild(right, newChild, editing);
    }
    if (position == split) {
      // The node sits at the key: give it the value.
      return node instanceof Keyed<V> keyed
          ? keyed.withValue(value, editing)
          : Node.inner(
              ipv6,
              hi,
              lo,
              length,
              value,
              Node.child(node, false),
              Node.child(node, true),
              editing);
    }
    // The key parts from the node above it: a new node goes in between.
    if (split == length) {
      return Node.inner(
          ipv6,
          hi,
          lo,
          length,
          value,
          closestRight ? null : node,
          closestRight ? node : null,
          editing);
    }
    Node<V> leaf = Node.leaf(ipv6, hi, lo, length, value, editing);
    return closestRight
        ? new Branch<>(split, leaf, node, editing)
        : new Branch<>(split, node, leaf, editing);
  }

  /** Removes the key, which is present below {@code node}. */
  private @Nullable Node<V> removePresent(Node<V> node, long hi, long lo, int length) {
    int position = node.position();
    if (position == length && node instanceof Keyed<V> keyed) {
      return keyed.withoutValue(editing);
    }
    boolean right = Node.bit(hi, lo, position);
    Node<V> child = Node.child(node, right);
    return node.withChild(right, removePresent(child, hi, lo, length), editing);
  }

  /** The keyed node whose key is exactly {@code (hi, lo, length)}, or null. */
  static <V> @Nullable Keyed<V> find(@Nullable Node<V> root, long hi, long lo, int length) {
    Node<V> node = root;
    while (node != null) {
      int position = node.position();
      if (position >= length) {
        return node instanceof Keyed<V> keyed && keyed.hasKey(hi, lo, length) ? keyed : null;
      }
      node = Node.child(node, Node.bit(hi, lo, position));
    }
    return null;
  }
}
