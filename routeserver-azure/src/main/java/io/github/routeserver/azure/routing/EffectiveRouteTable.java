package io.github.routeserver.azure.routing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.core.net.Prefix;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The effective routes of one subnet (and of every NIC in it), as {@code az network nic
 * show-effective-route-table} lists them. Rows come in this order: system routes (VNet ranges,
 * peerings, 0.0.0.0/0, reserved ranges, service endpoints), then BGP routes in prefix order, then
 * user routes in route-table order; compare with Azure's output as a set, since Azure's own order
 * is not documented.
 *
 * <p>Selection (UDR "How Azure selects a route", DIAG): longest prefix first, which forwarding does
 * and the table does not need to encode; for the same prefix User beats BGP beats System, except
 * that VNet, peering and service-endpoint system routes beat BGP routes even more specific than
 * themselves; the losers are listed {@code Invalid}, the winners {@code Active}. Several BGP rows
 * for one prefix are ECMP, all {@code Active}.
 *
 * <p>Immutable. The BGP rows are shared with every other subnet served by the same hub; {@link
 * #routes()} assembles the list on each call.
 */
public final class EffectiveRouteTable {
  private final SubnetRouting routing;
  private final BgpLayer layer;
  private final ImmutableSet<Prefix> overriddenBgp;
  private final ImmutableList<EffectiveRoute> systemRows;
  private final ImmutableList<EffectiveRoute> userRows;

  private EffectiveRouteTable(
      SubnetRouting routing,
      BgpLayer layer,
      ImmutableSet<Prefix> overriddenBgp,
      ImmutableList<EffectiveRoute> systemRows,
      ImmutableList<EffectiveRoute> userRows) {
    this.routing = routing;
    this.layer = layer;
    this.overriddenBgp = overriddenBgp;
    this.systemRows = systemRows;
    this.userRows = userRows;
  }

  /** The table of {@code routing} with the BGP routes of {@code layer}. */
  static EffectiveRouteTable of(SubnetRouting routing, BgpLayer layer) {
    return new EffectiveRouteTable(
        routing,
        layer,
        routing.overriddenBgp(layer),
        routing.systemRows(layer),
        routing.userRows());
  }

  /** This table with {@code layer}, which differs from the current one only at {@code changed}. */
  EffectiveRouteTable withLayer(BgpLayer next, List<Prefix> changed) {
    Set<Prefix> overridden = new HashSet<>(overriddenBgp);
    boolean systemAffected = false;
    for (Prefix prefix : changed) {
      overridden.remove(prefix);
      if (next.has(prefix) && routing.overridesBgp(prefix)) {
        overridden.add(prefix);
      }
      systemAffected |= routing.hasSystemPrefix(prefix);
    }
    return new EffectiveRouteTable(
        routing,
        next,
        overridden.equals(overriddenBgp) ? overriddenBgp : ImmutableSet.copyOf(overridden),
        systemAffected ? routing.systemRows(next) : systemRows,
        userRows);
  }

  /** Whether this subnet receives the BGP routes of {@code hub}. */
  boolean servedBy(ResourceId hub) {
    return routing.hub().filter(hub::equals).isPresent();
  }

  /** The subnet. */
  public ResourceId subnet() {
    return routing.subnetId();
  }

  /** The subnet's route-table flag: true when no gateway or Route Server routes reach it. */
  public boolean disableBgpRoutePropagation() {
    return routing.disableBgpRoutePropagation();
  }

  /** Every row: system, then BGP, then user routes. */
  public ImmutableList<EffectiveRoute> routes() {
    ImmutableList<EffectiveRoute> bgp = layer.rows();
    ImmutableList.Builder<EffectiveRoute> rows =
        ImmutableList.builderWithExpectedSize(systemRows.size() + bgp.size() + userRows.size());
    rows.addAll(systemRows);
    if (overriddenBgp.isEmpty()) {
      rows.addAll(bgp);
    } else {
      for (EffectiveRoute row : bgp) {
        rows.add(
            overriddenBgp.contains(row.addressPrefixes().get(0))
                ? row.withState(EffectiveRouteState.INVALID)
                : row);
      }
    }
    rows.addAll(userRows);
    return rows.build();
  }

  /** The number of rows, without assembling them. */
  public int size() {
    return systemRows.size() + layer.rows().size() + userRows.size();
  }

  @Override
  public String toString() {
    return "EffectiveRouteTable[" + subnet() + ", " + size() + " routes]";
  }
}
