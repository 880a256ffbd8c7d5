package io.github.routeserver.core.trie;

import static java.util.Objects.requireNonNull;

import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.trie.Node.Branch;
import io.github.routeserver.core.trie.Node.Keyed;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The roots and size of a trie being changed; not thread-safe. Nodes it made while {@code editing}
 * are editable and changed in place; every other node is copied on the way from the root to the
 * change (path copying), so the tries that share it never see the change.
 *
 * <p>Both {@link PrefixTrie}'s single edits (not editing: every node copied) and its {@link
 * PrefixTrie.Editor} (editing) run on this class, so the algorithms exist once. Keys come as a
 * {@link Prefix} or taken apart: {@code (hi, lo)} laid out as in {@link Prefix}, host bits zero,
 * the length, and the family.
 */
final class MutableTrie<V> {
  /** The nodes made editable since the last {@link #freeze}; null when not editing. */
  private final @Nullable List<Node<V>> log;

  @Nullable Node<V> root4;
  @Nullable Node<V> root6;
  int size;

  // The key and value of the edit under way, and where the key parts from the trie.
  private long hi;
  private long lo;
  private int length;
  private boolean ipv6;
  private @Nullable V value;
  private int split;
  private boolean closestRight;

  MutableTrie(@Nullable Node<V> root4, @Nullable Node<V> root6, int size, boolean editing) {
    this.root4 = root4;
    this.root6 = root6;
    this.size = size;
    this.log = editing ? new ArrayList<>() : null;
  }

  private @Nullable Node<V> root(boolean ipv6) {
    return ipv6 ? root6 : root4;
  }

  private void setRoot(boolean ipv6, @Nullable Node<V> root) {
    if (ipv6) {
      root6 = root;
    } else {
      root4 = root;
    }
  }

  /** Maps {@code prefix} to {@code value}; does nothing when that very value is already there. */
  void put(Prefix prefix, V value) {
    put(prefix.hi(), prefix.lo(), prefix.length(), !prefix.isIpv4(), value);
  }

  /** {@link #put(Prefix, Object)} with the key taken apart. */
  void put(long hi, long lo, int length, boolean ipv6, V value) {
    this.hi = hi;
    this.lo = lo;
    this.length = length;
    this.ipv6 = ipv6;
    this.value = value;
    Node<V> root = root(ipv6);
    if (root == null) {
      setRoot(ipv6, Node.leaf(ipv6, hi, lo, length, value, log));
      size++;
    } else {
      setRoot(ipv6, insert(root, -1));
    }
    this.value = null;
  }

  /** The value of {@code prefix}, or null. */
  @Nullable V get(Prefix prefix) {
    return get(prefix.hi(), prefix.lo(), prefix.length(), !prefix.isIpv4());
  }

  private @Nullable V get(long hi, long lo, int length, boolean ipv6) {
    Keyed<V> found = find(root(ipv6), hi, lo, length);
    return found == null ? null : found.value;
  }

  /**
   * Replaces the value of {@code prefix} (null when absent) with what {@code function} makes of it:
   * null removes it; the very same value changes nothing.
   */
  void update(Prefix prefix, UnaryOperator<@Nullable V> function) {
    update(prefix.hi(), prefix.lo(), prefix.length(), !prefix.isIpv4(), function);
  }

  /** {@link #update(Prefix, UnaryOperator)} with the key taken apart. */
  void update(long hi, long lo, int length, boolean ipv6, UnaryOperator<@Nullable V> function) {
    V old = get(hi, lo, length, ipv6);
    V updated = function.apply(old);
    if (updated == old) {
      return;
    }
    if (updated == null) {
      remove(hi, lo, length, ipv6);
    } else {
      put(hi, lo, length, ipv6, updated);
    }
  }

  /** Removes {@code prefix}; does nothing when it is absent. */
  void remove(Prefix prefix) {
    remove(prefix.hi(), prefix.lo(), prefix.length(), !prefix.isIpv4());
  }

  /** {@link #remove(Prefix)} with the key taken apart. */
  void remove(long hi, long lo, int length, boolean ipv6) {
    Node<V> root = root(ipv6);
    if (root != null) {
      this.hi = hi;
      this.lo = lo;
      this.length = length;
      setRoot(ipv6, remove(root));
    }
  }

  /**
   * Replaces the value of every key of one family, in prefix order, with what {@code function}
   * makes of the key and its value: null removes the key, the very same value keeps it. One walk
   * over the family's nodes, which copies only the paths to what changed: unlike one {@link
   * #update} per key, it never looks a key up.
   */
  void replaceAll(
      boolean ipv6, BiFunction<? super Prefix, ? super V, ? extends @Nullable V> function) {
    Replacement replacement = new Replacement(function);
    Node<V> root = replacement.below(root(ipv6));
    // Only now, so that a function that throws leaves the trie as it was.
    setRoot(ipv6, root);
    size -= replacement.removed;
  }

  /** One {@link #replaceAll} walk: its function and the keys it has removed so far. */
  private final class Replacement {
    private final BiFunction<? super Prefix, ? super V, ? extends @Nullable V> function;
    private int removed;

    Replacement(BiFunction<? super Prefix, ? super V, ? extends @Nullable V> function) {
      this.function = function;
    }

    /** What stands in the place of {@code node} once the values below it are replaced. */
    @Nullable Node<V> below(@Nullable Node<V> node) {
      if (node == null) {
        return null;
      }
      V value = null;
      V replaced = null;
      if (node instanceof Keyed<V> keyed) {
        value = keyed.value;
        replaced = function.apply(keyed.prefix(), value); // before the children: prefix order
      }
      Node<V> left = Node.child(node, false);
      Node<V> right = Node.child(node, true);
      Node<V> newLeft = below(left);
      Node<V> newRight = below(right);
      if (node instanceof Keyed<V> keyed && replaced != null) {
        return replaced == value && newLeft == left && newRight == right
            ? node
            : keyed.copy(replaced, newLeft, newRight, log);
      }
      if (value != null) {
        removed++; // a keyed node whose value goes: it stands as a branch, or gives way to a child
      } else if (newLeft == left && newRight == right) {
        return node;
      }
      if (newLeft == null || newRight == null) {
        return newLeft == null ? newRight : newLeft;
      }
      return new Branch<>(node.position(), newLeft, newRight, log);
    }
  }

  /**
   * Makes every node this trie made editable immutable, so tries may share them from now on. Goes
   * through the nodes made since the last freeze, not down the trie, so the frozen nodes beside
   * them are not read.
   */
  void freeze() {
    if (log != null) {
      for (Node<V> node : log) {
        node.editable = false;
      }
      log.clear();
    }
  }

  /**
   * Puts the key below {@code node}, whose parent has position {@code parentPosition} (-1 for the
   * root), in one walk down and back up, and returns what stands in the node's place.
   *
   * <p>Down: the walk follows the key's bits without checking branches' positions (PATRICIA), until
   * a keyed node has a free slot for it, or the key would lie above or beside the node reached.
   * There the first bit in which that node's key (below a branch: its smallest key) differs from
   * the new key gives {@link #split}, the length of the longest position on the walk that the key
   * starts with. Up: nodes above the split point take the changed child; the topmost node below it
   * gets the key put above it (or its value, when it sits at the key); nodes further down, which
   * the unchecked walk may have reached, stay as they are.
   */
  private Node<V> insert(Node<V> node, int parentPosition) {
    int position = node.position();
    boolean right = false;
    Node<V> next = null;
    if (position < length) {
      right = Node.bit(hi, lo, position);
      if (node instanceof Branch<V> branch) {
        next = right ? branch.right : branch.left;
      } else {
        Keyed<V> keyed = (Keyed<V>) node;
        if (keyed.isPrefixOf(hi, lo)) {
          next = keyed.child(right);
          if (next == null) {
            split = position;
            size++;
            return keyed.withChild(right, newLeaf(), log);
          }
        }
      }
    }
    if (next != null) {
      Node<V> newChild = insert(next, position);
      if (isAboveSplit(position)) {
        return newChild == next ? node : node.withChild(right, newChild, log);
      }
    } else {
      Keyed<V> closest = Node.positionKey(node);
      split =
          Math.min(
              Node.commonPrefixLength(closest.hi(), closest.lo(), hi, lo),
              Math.min(length, position));
      closestRight = Node.bit(closest.hi(), closest.lo(), split);
    }
    if (!isAboveSplit(parentPosition)) {
      return node;
    }
    V value = requireNonNull(this.value);
    if (position == split) {
      // The node sits at the key.
      if (node instanceof Keyed<V> keyed) {
        return keyed.value == value ? node : keyed.withValue(value, log);
      }
      size++;
      Node<V> left = Node.child(node, false);
      Node<V> rightChild = Node.child(node, true);
      return Node.inner(ipv6, hi, lo, length, value, left, rightChild, log);
    }
    // The key parts from the trie above the node: a new node goes in between.
    size++;
    if (split == length) {
      Node<V> left = closestRight ? null : node;
      Node<V> rightChild = closestRight ? node : null;
      return Node.inner(ipv6, hi, lo, length, value, left, rightChild, log);
    }
    Keyed<V> leaf = newLeaf();
    return closestRight
        ? new Branch<>(split, leaf, node, log)
        : new Branch<>(split, node, leaf, log);
  }

  /** Whether a node at {@code position} on the walk lies above the split point. */
  private boolean isAboveSplit(int position) {
    return position < split || (position == split && split < length);
  }

  private Keyed<V> newLeaf() {
    return Node.leaf(ipv6, hi, lo, length, requireNonNull(value), log);
  }

  /**
   * Removes the key from below {@code node}, if it is there, and returns what stands in the node's
   * place. The walk does not check positions on the way: the key found at the end is compared.
   */
  private @Nullable Node<V> remove(Node<V> node) {
    int position = node.position();
    if (position >= length) {
      if (position == length && node instanceof Keyed<V> keyed && keyed.hasKey(hi, lo, length)) {
        size--;
        return keyed.withoutValue(log);
      }
      return node;
    }
    boolean right = Node.bit(hi, lo, position);
    Node<V> child = Node.child(node, right);
    if (child == null) {
      return node;
    }
    Node<V> newChild = remove(child);
    return newChild == child ? node : node.withChild(right, newChild, log);
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
