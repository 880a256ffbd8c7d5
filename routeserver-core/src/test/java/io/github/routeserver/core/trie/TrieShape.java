package io.github.routeserver.core.trie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.trie.Node.Branch;
import io.github.routeserver.core.trie.Node.Inner4;
import io.github.routeserver.core.trie.Node.Inner6;
import io.github.routeserver.core.trie.Node.Keyed;
import io.github.routeserver.core.trie.Node.Leaf4;
import io.github.routeserver.core.trie.Node.Leaf6;
import org.jspecify.annotations.Nullable;

/**
 * Checks the node-level invariants of a frozen trie that content comparisons cannot see: the
 * canonical PATRICIA shape (so at most one branch per key), keys in the right place, families in
 * the right classes, nothing left editable.
 */
final class TrieShape {
  private int keyed;
  private int branches;

  private TrieShape() {}

  /** Asserts every invariant and that the node count matches {@link PrefixTrie#size()}. */
  static void check(PrefixTrie<?> trie) {
    TrieShape shape = new TrieShape();
    shape.check(trie.root4, false, -1);
    shape.check(trie.root6, true, -1);
    assertEquals(trie.size(), shape.keyed, "keyed nodes");
    assertTrue(shape.branches <= Math.max(0, shape.keyed - 1), "branches: at most keys - 1");
  }

  private <V> void check(@Nullable Node<V> node, boolean ipv6, int parentPosition) {
    if (node == null) {
      return;
    }
    assertFalse(node.editable, "a frozen trie has no editable node");
    int position = node.position();
    assertTrue(position > parentPosition, "positions grow downwards");
    assertTrue(position <= (ipv6 ? 128 : 32), "position within the family");
    Node<V> left = Node.child(node, false);
    Node<V> right = Node.child(node, true);
    if (node instanceof Branch<V>) {
      branches++;
      assertNotNull(left, "a branch has two children");
      assertNotNull(right, "a branch has two children");
    } else {
      keyed++;
      Keyed<V> key = (Keyed<V>) node;
      boolean inner = ipv6 ? node instanceof Inner6 : node instanceof Inner4;
      // Inner4 and Inner6 extend Leaf4 and Leaf6.
      boolean ofFamily = ipv6 ? node instanceof Leaf6 : node instanceof Leaf4;
      assertTrue(ofFamily, "family of " + key.prefix());
      assertEquals(inner, left != null || right != null, "inner exactly when it has a child");
      Prefix prefix = key.prefix();
      assertEquals(prefix.hi(), key.hi(), "host bits masked");
      assertEquals(prefix.lo(), key.lo(), "host bits masked");
    }
    checkChild(node, left, false);
    checkChild(node, right, true);
    check(left, ipv6, position);
    check(right, ipv6, position);
  }

  /** The child's keys start with the parent's position and then the bit of its side. */
  private static <V> void checkChild(Node<V> parent, @Nullable Node<V> child, boolean right) {
    if (child == null) {
      return;
    }
    Keyed<V> parentKey = Node.positionKey(parent);
    Keyed<V> childKey = Node.positionKey(child);
    int position = parent.position();
    assertTrue(
        Node.commonPrefixLength(parentKey.hi(), parentKey.lo(), childKey.hi(), childKey.lo())
            >= position,
        "child extends parent position");
    assertEquals(right, Node.bit(childKey.hi(), childKey.lo(), position), "child on its side");
  }
}
