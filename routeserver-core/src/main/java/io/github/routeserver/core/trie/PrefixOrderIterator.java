package io.github.routeserver.core.trie;

import io.github.routeserver.core.trie.Node.Keyed;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * The keyed nodes of up to two subtrees, the first subtree's before the second's, each in prefix
 * order. A node's own key sorts before every key below it and its left subtree before its right, so
 * prefix order is pre-order; an explicit stack of at most one pending node per level replaces
 * recursion.
 */
final class PrefixOrderIterator<V> implements Iterator<Keyed<V>> {
  private final ArrayDeque<Node<V>> pending = new ArrayDeque<>();
  private @Nullable Keyed<V> next;

  PrefixOrderIterator(@Nullable Node<V> first, @Nullable Node<V> second) {
    push(second);
    push(first);
    next = advance();
  }

  private void push(@Nullable Node<V> node) {
    if (node != null) {
      pending.push(node);
    }
  }

  private @Nullable Keyed<V> advance() {
    while (!pending.isEmpty()) {
      Node<V> node = pending.pop();
      push(Node.child(node, true));
      push(Node.child(node, false));
      if (node instanceof Keyed<V> keyed) {
        return keyed;
      }
    }
    return null;
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public Keyed<V> next() {
    Keyed<V> current = next;
    if (current == null) {
      throw new NoSuchElementException();
    }
    next = advance();
    return current;
  }
}
