package io.github.routeserver.core.trie;

import io.github.routeserver.core.trie.Node.Branch;
import io.github.routeserver.core.trie.Node.Keyed;
import io.github.routeserver.core.trie.PrefixTrie.Change;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The changes from one trie to another in prefix order, found by walking both tries together and
 * skipping every pair of subtrees that are the same object. Two versions that differ in k keys cost
 * about k times the depth: off the changed paths everything is shared.
 *
 * <p>Work is a stack of (older, newer) subtree pairs whose keys all lie in the same slot of the key
 * space; either side may be empty. A pair is split at the shorter of the two positions (or at the
 * first bit in which they differ), which yields the change at that position, if any, and smaller
 * pairs below it, pushed so that they come out in prefix order.
 */
final class DiffIterator<V> implements Iterator<Change<V>> {
  /** Pairs (older, newer) flattened, the pair to take next at the end. */
  private final ArrayList<@Nullable Node<V>> pending = new ArrayList<>();

  private @Nullable Change<V> next;

  DiffIterator(
      @Nullable Node<V> older4,
      @Nullable Node<V> newer4,
      @Nullable Node<V> older6,
      @Nullable Node<V> newer6) {
    push(older6, newer6);
    push(older4, newer4);
    next = advance();
  }

  private void push(@Nullable Node<V> older, @Nullable Node<V> newer) {
    if (older != newer) {
      pending.add(older);
      pending.add(newer);
    }
  }

  private @Nullable Change<V> advance() {
    while (!pending.isEmpty()) {
      Node<V> newer = pending.remove(pending.size() - 1);
      Node<V> older = pending.remove(pending.size() - 1);
      Change<V> change = split(older, newer);
      if (change != null) {
        return change;
      }
    }
    return null;
  }

  /**
   * Pushes the pairs below a distinct pair (not both null) and returns the change at the top of the
   * pair, if any.
   */
  private @Nullable Change<V> split(@Nullable Node<V> older, @Nullable Node<V> newer) {
    if (older == null) {
      push(null, Node.child(Objects.requireNonNull(newer), true));
      push(null, Node.child(newer, false));
      return change(null, keyedOrNull(newer));
    }
    if (newer == null) {
      push(Node.child(older, true), null);
      push(Node.child(older, false), null);
      return change(keyedOrNull(older), null);
    }
    int olderPosition = older.position();
    int newerPosition = newer.position();
    if (samePositionByChild(older, newer)) {
      pushChildren(older, newer);
      return null;
    }
    Keyed<V> olderKey = Node.positionKey(older);
    Keyed<V> newerKey = Node.positionKey(newer);
    int split =
        Math.min(
            Node.commonPrefixLength(olderKey.hi(), olderKey.lo(), newerKey.hi(), newerKey.lo()),
            Math.min(olderPosition, newerPosition));
    if (split == olderPosition && split == newerPosition) {
      pushChildren(older, newer);
      return change(keyedOrNull(older), keyedOrNull(newer));
    }
    if (split == olderPosition) {
      // newer lies below older, on one side of it.
      boolean newerRight = Node.bit(newerKey.hi(), newerKey.lo(), split);
      push(Node.child(older, true), newerRight ? newer : null);
      push(Node.child(older, false), newerRight ? null : newer);
      return change(keyedOrNull(older), null);
    }
    if (split == newerPosition) {
      // older lies below newer, on one side of it.
      boolean olderRight = Node.bit(olderKey.hi(), olderKey.lo(), split);
      push(olderRight ? older : null, Node.child(newer, true));
      push(olderRight ? null : older, Node.child(newer, false));
      return change(null, keyedOrNull(newer));
    }
    // Disjoint: everything in older goes, everything in newer comes, the lower slot first.
    if (Node.bit(olderKey.hi(), olderKey.lo(), split)) {
      push(older, null);
      push(null, newer);
    } else {
      push(null, newer);
      push(older, null);
    }
    return null;
  }

  /**
   * Whether two branches at the same bit share a child, which proves their positions equal (both
   * are prefixes of the shared child's keys) without looking for a key below them.
   */
  private static <V> boolean samePositionByChild(Node<V> older, Node<V> newer) {
    return older instanceof Branch<V> olderBranch
        && newer instanceof Branch<V> newerBranch
        && olderBranch.position() == newerBranch.position()
        && (olderBranch.left == newerBranch.left || olderBranch.right == newerBranch.right);
  }

  private void pushChildren(Node<V> older, Node<V> newer) {
    push(Node.child(older, true), Node.child(newer, true));
    push(Node.child(older, false), Node.child(newer, false));
  }

  private static <V> @Nullable Keyed<V> keyedOrNull(Node<V> node) {
    return node instanceof Keyed<V> keyed ? keyed : null;
  }

  /** The change from {@code older}'s value to {@code newer}'s at the same key, if they differ. */
  private static <V> @Nullable Change<V> change(
      @Nullable Keyed<V> older, @Nullable Keyed<V> newer) {
    V olderValue = older == null ? null : older.value;
    V newerValue = newer == null ? null : newer.value;
    if (Objects.equals(olderValue, newerValue)) {
      return null;
    }
    Keyed<V> keyed = older == null ? Objects.requireNonNull(newer) : older;
    return new Change<>(keyed.prefix(), olderValue, newerValue);
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public Change<V> next() {
    Change<V> current = next;
    if (current == null) {
      throw new NoSuchElementException();
    }
    next = advance();
    return current;
  }
}
