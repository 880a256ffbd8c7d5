package io.github.routeserver.azure.routing;

import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.trie.PrefixTrie;
import java.util.function.Supplier;

/**
 * The BGP routes (gateway and Route Server) programmed into the VNets that one hub serves: for each
 * prefix the rows it shows in effective routes, all {@code Active}. A layer is shared by every
 * subnet that receives BGP routes from the hub, so a change costs one trie update, not one per
 * subnet. Immutable; the flat list of rows is built once per version, on first use.
 */
final class BgpLayer {
  static final BgpLayer EMPTY = new BgpLayer(PrefixTrie.empty());

  private final PrefixTrie<ImmutableList<EffectiveRoute>> rows;
  private final Supplier<ImmutableList<EffectiveRoute>> flat;

  BgpLayer(PrefixTrie<ImmutableList<EffectiveRoute>> rows) {
    this.rows = rows;
    this.flat =
        Suppliers.memoize(
            () -> {
              ImmutableList.Builder<EffectiveRoute> all = ImmutableList.builder();
              rows.forEach((prefix, list) -> all.addAll(list));
              return all.build();
            });
  }

  /** The rows per prefix. */
  PrefixTrie<ImmutableList<EffectiveRoute>> trie() {
    return rows;
  }

  /** Whether a BGP route to exactly {@code prefix} is programmed. */
  boolean has(Prefix prefix) {
    return rows.containsKey(prefix);
  }

  /** Every row, in prefix order. */
  ImmutableList<EffectiveRoute> rows() {
    return flat.get();
  }

  /** The number of prefixes. */
  int size() {
    return rows.size();
  }
}
