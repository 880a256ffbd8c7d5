package io.github.routeserver.azure.routing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.azure.model.NextHopType;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteTable;
import io.github.routeserver.azure.model.ServiceEndpoint;
import io.github.routeserver.azure.model.ServiceTag;
import io.github.routeserver.azure.model.Subnet;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.model.UserRoute;
import io.github.routeserver.azure.model.VirtualNetwork;
import io.github.routeserver.azure.model.VirtualNetworkPeering;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.trie.PrefixTrie;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one subnet's effective routes are made of besides BGP: its system routes and its route
 * table's routes, and the facts the selection needs (which ranges BGP can never override, which
 * prefixes a user route claims). Depends on the topology only, never on the RIB. Immutable.
 *
 * <p>System routes (UDR, "System routes" and "Optional default routes"; SPEC-NIC example):
 *
 * <ol>
 *   <li>each VNet address range to {@code VnetLocal};
 *   <li>each address range of each connected peered VNet to {@code VNetPeering};
 *   <li>0.0.0.0/0 to {@code Internet};
 *   <li>10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918) and 100.64.0.0/10 (RFC 6598) to {@code
 *       None}, except that a VNet range equal to one of them takes its place as {@code VnetLocal}
 *       and a VNet range containing one removes it; a range inside one leaves it (UDR); and a UDR
 *       for 0.0.0.0/0 removes all four when {@link
 *       AzureRoutingOptions#defaultUdrRemovesReservedRoutes()} (UDR example);
 *   <li>for each service endpoint on this subnet only, one {@code VirtualNetworkServiceEndpoint}
 *       row with the prefixes of the service's tags (UDR).
 * </ol>
 *
 * <p>IPv6 default routes are not modelled: the reference gives none.
 */
final class SubnetRouting {
  static final ImmutableList<Prefix> RESERVED_RANGES =
      ImmutableList.of(
          Prefix.parse("10.0.0.0/8"),
          Prefix.parse("172.16.0.0/12"),
          Prefix.parse("192.168.0.0/16"),
          Prefix.parse("100.64.0.0/10"));

  private static final Prefix DEFAULT_ROUTE = Prefix.parse("0.0.0.0/0");

  private final Subnet subnet;
  private final boolean disableBgpRoutePropagation;
  private final Optional<ResourceId> hub;
  private final ImmutableList<EffectiveRoute> systemRows;
  private final ImmutableList<Boolean> systemRowProtected;
  private final ImmutableList<EffectiveRoute> userRows;
  private final ImmutableList<Integer> userRowRank;
  private final PrefixTrie<Boolean> protectedRanges;
  private final ImmutableSet<Prefix> userPrefixes;
  private final ImmutableSet<Prefix> systemPrefixes;

  SubnetRouting(
      Topology topology,
      VirtualNetwork vnet,
      Subnet subnet,
      Optional<ResourceId> hub,
      AzureRoutingOptions options) {
    this.subnet = subnet;
    Optional<RouteTable> table = subnet.routeTable().map(topology.routeTables()::get);
    this.disableBgpRoutePropagation =
        table.map(RouteTable::disableBgpRoutePropagation).orElse(false);
    this.hub = disableBgpRoutePropagation ? Optional.empty() : hub;
    List<UserRoute> udrs = table.map(t -> (List<UserRoute>) t.routes()).orElse(List.of());

    ImmutableList.Builder<EffectiveRoute> system = ImmutableList.builder();
    ImmutableList.Builder<Boolean> isProtected = ImmutableList.builder();
    PrefixTrie<Boolean> ranges = PrefixTrie.empty();
    for (Prefix range : vnet.addressSpace()) {
      system.add(row(range, NextHopType.VNET_LOCAL));
      isProtected.add(true);
      ranges = ranges.put(range, true);
    }
    for (VirtualNetworkPeering peering : vnet.peerings()) {
      if (!peering.connected()) {
        continue;
      }
      for (Prefix range : peering.remoteAddressSpace()) {
        system.add(row(range, NextHopType.VNET_PEERING));
        isProtected.add(true);
        ranges = ranges.put(range, true);
      }
    }
    system.add(row(DEFAULT_ROUTE, NextHopType.INTERNET));
    isProtected.add(false);
    boolean defaultUdr =
        udrs.stream().anyMatch(r -> r.prefix().filter(DEFAULT_ROUTE::equals).isPresent());
    if (!(defaultUdr && options.defaultUdrRemovesReservedRoutes())) {
      for (Prefix reserved : RESERVED_RANGES) {
        if (vnet.addressSpace().stream().noneMatch(range -> range.contains(reserved))) {
          system.add(row(reserved, NextHopType.NONE));
          isProtected.add(false);
        }
      }
    }
    for (ServiceEndpoint endpoint : subnet.serviceEndpoints()) {
      TreeSet<Prefix> prefixes = new TreeSet<>();
      for (ServiceTag tag :
          topology.serviceTags().forEndpoint(endpoint, options.serviceTagFor(endpoint.service()))) {
        prefixes.addAll(tag.addressPrefixes());
      }
      if (!prefixes.isEmpty()) {
        system.add(
            EffectiveRoute.system(
                ImmutableList.copyOf(prefixes),
                NextHopType.VIRTUAL_NETWORK_SERVICE_ENDPOINT,
                disableBgpRoutePropagation));
        isProtected.add(true);
        for (Prefix prefix : prefixes) {
          ranges = ranges.put(prefix, true);
        }
      }
    }
    this.systemRows = system.build();
    this.systemRowProtected = isProtected.build();
    this.protectedRanges = ranges;

    ImmutableList.Builder<EffectiveRoute> user = ImmutableList.builder();
    ImmutableList.Builder<Integer> rank = ImmutableList.builder();
    Set<Prefix> claimed = new HashSet<>();
    for (UserRoute udr : udrs) {
      ImmutableList<Prefix> prefixes = udrPrefixes(topology, udr);
      if (prefixes.isEmpty()) {
        continue; // an unknown service tag: reported by validation
      }
      user.add(
          new EffectiveRoute(
              Optional.of(udr.name()),
              EffectiveRouteSource.USER,
              EffectiveRouteState.ACTIVE,
              prefixes,
              udr.nextHopType(),
              udr.nextHopIpAddress().map(ImmutableList::of).orElse(ImmutableList.of()),
              disableBgpRoutePropagation));
      rank.add(tagRank(udr));
      claimed.addAll(prefixes);
    }
    this.userRows = user.build();
    this.userRowRank = rank.build();
    this.userPrefixes = ImmutableSet.copyOf(claimed);
    Set<Prefix> own = new HashSet<>();
    systemRows.forEach(r -> own.addAll(r.addressPrefixes()));
    this.systemPrefixes = ImmutableSet.copyOf(own);
  }

  private EffectiveRoute row(Prefix prefix, NextHopType type) {
    return EffectiveRoute.system(ImmutableList.of(prefix), type, disableBgpRoutePropagation);
  }

  private static ImmutableList<Prefix> udrPrefixes(Topology topology, UserRoute udr) {
    Optional<Prefix> prefix = udr.prefix();
    if (prefix.isPresent()) {
      return ImmutableList.of(prefix.get());
    }
    return topology
        .serviceTags()
        .tag(udr.addressPrefix())
        .map(ServiceTag::addressPrefixes)
        .orElse(ImmutableList.of());
  }

  /**
   * On an exact prefix tie an explicit prefix beats a service tag, and among tags a regional tag
   * beats a top-level tag, which beats AzureCloud.region, which beats AzureCloud (UDR). Lower wins.
   */
  private static int tagRank(UserRoute udr) {
    if (!udr.isServiceTag()) {
      return 0;
    }
    String tag = udr.addressPrefix();
    boolean azureCloud = tag.regionMatches(true, 0, "AzureCloud", 0, 10);
    boolean regional = tag.indexOf('.') >= 0;
    return azureCloud ? (regional ? 3 : 4) : (regional ? 1 : 2);
  }

  ResourceId subnetId() {
    return subnet.id();
  }

  /** The hub whose BGP routes this subnet receives; empty when none or propagation is off. */
  Optional<ResourceId> hub() {
    return hub;
  }

  boolean disableBgpRoutePropagation() {
    return disableBgpRoutePropagation;
  }

  /**
   * Whether a BGP route to {@code prefix} is overridden here: by a user route for the same prefix
   * (User > BGP), or by a VNet, peering or service-endpoint system route that contains it, which
   * "are preferred routes, even if BGP routes are more specific" (UDR; issue #5404). How Azure
   * lists such a BGP route is not documented; it is shown {@code Invalid}.
   */
  boolean overridesBgp(Prefix prefix) {
    return userPrefixes.contains(prefix) || protectedRanges.covering(prefix).findAny().isPresent();
  }

  /** Whether {@code prefix} is the prefix of a system row (whose state BGP can change). */
  boolean hasSystemPrefix(Prefix prefix) {
    return systemPrefixes.contains(prefix);
  }

  /** The BGP prefixes of {@code layer} that are overridden here. */
  ImmutableSet<Prefix> overriddenBgp(BgpLayer layer) {
    Set<Prefix> overridden = new HashSet<>();
    protectedRanges.forEach(
        (range, unused) -> layer.trie().coveredBy(range).forEach(e -> overridden.add(e.prefix())));
    for (Prefix prefix : userPrefixes) {
      if (layer.has(prefix)) {
        overridden.add(prefix);
      }
    }
    return ImmutableSet.copyOf(overridden);
  }

  /**
   * The system rows with their states: a row is {@code Invalid} when each of its prefixes has a
   * user route, or, for routes other than VNet, peering and service endpoint, an active BGP route
   * (User > BGP > System, UDR).
   */
  ImmutableList<EffectiveRoute> systemRows(BgpLayer layer) {
    ImmutableList.Builder<EffectiveRoute> rows =
        ImmutableList.builderWithExpectedSize(systemRows.size());
    for (int i = 0; i < systemRows.size(); i++) {
      EffectiveRoute row = systemRows.get(i);
      boolean protectedRow = systemRowProtected.get(i);
      boolean overridden = true;
      for (Prefix prefix : row.addressPrefixes()) {
        boolean bgpWins = !protectedRow && layer.has(prefix) && !overridesBgp(prefix);
        if (!userPrefixes.contains(prefix) && !bgpWins) {
          overridden = false;
          break;
        }
      }
      rows.add(
          row.withState(overridden ? EffectiveRouteState.INVALID : EffectiveRouteState.ACTIVE));
    }
    return rows.build();
  }

  /**
   * The user rows with their states: a row is {@code Invalid} when every one of its prefixes is
   * claimed by a row of better rank ({@link #tagRank}).
   */
  ImmutableList<EffectiveRoute> userRows() {
    Map<Prefix, Integer> bestRank = new HashMap<>();
    for (int i = 0; i < userRows.size(); i++) {
      for (Prefix prefix : userRows.get(i).addressPrefixes()) {
        bestRank.merge(prefix, userRowRank.get(i), Math::min);
      }
    }
    List<EffectiveRoute> rows = new ArrayList<>(userRows.size());
    for (int i = 0; i < userRows.size(); i++) {
      int rank = userRowRank.get(i);
      boolean wins =
          userRows.get(i).addressPrefixes().stream().anyMatch(p -> bestRank.get(p) == rank);
      rows.add(
          userRows
              .get(i)
              .withState(wins ? EffectiveRouteState.ACTIVE : EffectiveRouteState.INVALID));
    }
    return ImmutableList.copyOf(rows);
  }
}
