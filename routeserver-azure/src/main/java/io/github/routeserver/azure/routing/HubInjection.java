package io.github.routeserver.azure.routing;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.azure.model.BgpSettings;
import io.github.routeserver.azure.model.GatewayConnection;
import io.github.routeserver.azure.model.GatewayType;
import io.github.routeserver.azure.model.LocalNetworkGateway;
import io.github.routeserver.azure.model.NextHopType;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteServer;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.model.VirtualNetwork;
import io.github.routeserver.azure.model.VirtualNetworkGateway;
import io.github.routeserver.azure.model.VirtualNetworkPeering;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.AzureRouteServerPolicies;
import io.github.routeserver.core.policy.PeerInfo;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.rib.RibDelta;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import io.github.routeserver.core.trie.PrefixTrie;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The BGP routes one hub VNet programs into itself and its spokes: those its Route Server learned
 * (from NVAs and, where present, from the VNet's gateways) and the static prefixes of its VPN
 * gateway's local network gateways, filtered and selected by {@link RouteServerRules}.
 *
 * <p>A route in the Route Server's RIB counts as a gateway route when its peer address is one of
 * the BGP addresses ARM shows for a gateway in the hub VNet ({@code bgpSettings}); every other peer
 * is an NVA. A RIB given for a gateway (a hub without Route Server) holds that gateway's routes.
 *
 * <p>Rows: each NVA next hop is its own row, as ECMP shows in effective routes (LAB-ECMP); a
 * gateway's paths form one row listing its next hops (an active-active gateway has two). Immutable.
 */
final class HubInjection {
  private final boolean hasRouteServer;
  private final Map<IpAddress, VirtualNetworkGateway> gatewayByAddress = new HashMap<>();
  private final Optional<VirtualNetworkGateway> ribGateway;
  private final Map<Prefix, List<StaticPath>> staticPaths = new HashMap<>();
  private final RouteServerRules rules;
  private final boolean collapseExpressRouteEcmp;

  /**
   * The injection of {@code hub}; {@code speaker} names the RIB's owner: the hub's Route Server or,
   * without one, one of its gateways.
   */
  HubInjection(
      Topology topology,
      VirtualNetwork hub,
      Optional<ResourceId> speaker,
      AzureRoutingOptions options) {
    Optional<RouteServer> routeServer = topology.routeServerIn(hub.id());
    this.hasRouteServer = routeServer.isPresent();
    ImmutableList<VirtualNetworkGateway> gateways = topology.gatewaysIn(hub.id());
    for (VirtualNetworkGateway gateway : gateways) {
      gateway
          .bgpSettings()
          .ifPresent(b -> b.peeringAddresses().forEach(a -> gatewayByAddress.put(a, gateway)));
    }
    this.ribGateway =
        speaker.flatMap(id -> gateways.stream().filter(g -> g.id().equals(id)).findFirst());
    for (VirtualNetworkGateway gateway : gateways) {
      if (gateway.type() == GatewayType.VPN) {
        addStaticPaths(topology, gateway);
      }
    }
    AzureRouteServerPolicies policies =
        AzureRouteServerPolicies.builder()
            .vnetAddressSpace(hub.addressSpace())
            .peeredVnetAddressSpace(
                hub.peerings().stream()
                    .filter(VirtualNetworkPeering::connected)
                    .flatMap(p -> p.remoteAddressSpace().stream())
                    .toList(),
                options.peeredVnetFilter())
            .branchToBranch(routeServer.map(RouteServer::allowBranchToBranchTraffic).orElse(false))
            .hubRoutingPreference(
                routeServer
                    .map(RouteServer::hubRoutingPreference)
                    .orElse(options.preferenceWithoutRouteServer()))
            .build();
    this.rules =
        new RouteServerRules(
            policies,
            routeServer
                .flatMap(r -> r.routerIps().stream().findFirst())
                .orElse(IpAddress.ofIpv4(0)),
            options);
    this.collapseExpressRouteEcmp = hasRouteServer && options.expressRouteEcmpLostWithRouteServer();
  }

  private void addStaticPaths(Topology topology, VirtualNetworkGateway gateway) {
    List<IpAddress> addresses =
        gateway.bgpSettings().map(b -> (List<IpAddress>) b.peeringAddresses()).orElse(List.of());
    for (GatewayConnection connection : topology.connections().values()) {
      Optional<LocalNetworkGateway> site =
          connection.localNetworkGateway().map(topology.localNetworkGateways()::get);
      if (!connection.gateway().equals(gateway.id()) || site.isEmpty()) {
        continue;
      }
      for (Prefix prefix : site.get().addressPrefixes()) {
        List<StaticPath> paths = staticPaths.computeIfAbsent(prefix, p -> new ArrayList<>());
        List<Optional<IpAddress>> hops =
            addresses.isEmpty()
                ? List.of(Optional.empty())
                : addresses.stream().map(Optional::of).toList();
        for (Optional<IpAddress> hop : hops) {
          paths.add(new StaticPath(gateway, staticRoute(gateway, prefix, hop), hop));
        }
      }
    }
  }

  /** A static site prefix as a route from the gateway, so that import policy ranks it too. */
  private static Route staticRoute(
      VirtualNetworkGateway gateway, Prefix prefix, Optional<IpAddress> nextHop) {
    IpAddress address = nextHop.orElse(IpAddress.ofIpv4(0));
    long asn = gateway.bgpSettings().map(BgpSettings::asn).orElse(RouteServerProfile.AZURE_ASN);
    return Route.of(
        prefix,
        RouteSource.external(address.toString(), asn),
        PathAttributes.builder().nextHop(address).build());
  }

  /** The prefixes of the static gateway routes. */
  Set<Prefix> staticPrefixes() {
    return staticPaths.keySet();
  }

  /** The layer for {@code rib} (may be empty) and the static routes. */
  BgpLayer build(Rib rib) {
    PrefixTrie.Editor<ImmutableList<EffectiveRoute>> editor =
        PrefixTrie.<ImmutableList<EffectiveRoute>>empty().editor();
    rib.selections().forEach(s -> putRows(editor, s.prefix(), rib.candidates(s.prefix())));
    for (Prefix prefix : staticPaths.keySet()) {
      if (editor.get(prefix) == null && rib.selection(prefix).isEmpty()) {
        putRows(editor, prefix, List.of());
      }
    }
    return new BgpLayer(editor.freeze());
  }

  private void putRows(
      PrefixTrie.Editor<ImmutableList<EffectiveRoute>> editor, Prefix prefix, List<Route> routes) {
    ImmutableList<EffectiveRoute> rows = rows(prefix, routes);
    if (!rows.isEmpty()) {
      editor.put(prefix, rows);
    }
  }

  /**
   * {@code layer} after {@code delta}, and the prefixes whose rows changed ({@code changed} is
   * filled).
   */
  BgpLayer update(BgpLayer layer, RibDelta delta, List<Prefix> changed) {
    PrefixTrie<ImmutableList<EffectiveRoute>> trie = layer.trie();
    Rib after = delta.after();
    for (Prefix prefix : (Iterable<Prefix>) delta.touchedPrefixes()::iterator) {
      ImmutableList<EffectiveRoute> rows = rows(prefix, after.candidates(prefix));
      ImmutableList<EffectiveRoute> old = trie.get(prefix);
      if (rows.equals(old == null ? ImmutableList.of() : old)) {
        continue;
      }
      trie = rows.isEmpty() ? trie.remove(prefix) : trie.put(prefix, rows);
      changed.add(prefix);
    }
    return changed.isEmpty() ? layer : new BgpLayer(trie);
  }

  /** The paths to {@code prefix} that import policy accepts: RIB routes and static routes. */
  List<InjectionCandidate> candidates(Prefix prefix, List<Route> routes) {
    List<InjectionCandidate> paths = new ArrayList<>();
    for (StaticPath path : staticPaths.getOrDefault(prefix, List.of())) {
      Route imported = rules.importRoute(path.route(), peerInfo(path.route(), path.gateway()));
      if (imported != null) {
        paths.add(
            new InjectionCandidate(
                PathOrigin.VPN_GATEWAY,
                Optional.of(path.gateway().id()),
                path.nextHop(),
                imported,
                true));
      }
    }
    if (!prefix.isIpv4()) {
      return paths; // Route Server carries IPv4 only (FAQ).
    }
    for (Route route : routes) {
      VirtualNetworkGateway gateway =
          ribGateway.orElse(gatewayByAddress.get(route.source().peer().address()));
      Route imported = rules.importRoute(route, peerInfo(route, gateway));
      if (imported == null) {
        continue;
      }
      for (Optional<IpAddress> hop : nextHops(route, gateway)) {
        paths.add(
            new InjectionCandidate(
                origin(gateway),
                Optional.ofNullable(gateway).map(VirtualNetworkGateway::id),
                hop,
                imported,
                false));
      }
    }
    return paths;
  }

  /**
   * Where VMs send traffic for {@code route}: the NEXT_HOP an NVA or a gateway gave Route Server
   * (NHIP); for a gateway's own RIB, whose next hops are on-premises addresses, the gateway's
   * instances, as for its static routes.
   */
  private List<Optional<IpAddress>> nextHops(Route route, @Nullable VirtualNetworkGateway gateway) {
    if (ribGateway.isEmpty() || gateway == null) {
      return List.of(
          Optional.of(route.attributes().nextHop().orElse(route.source().peer().address())));
    }
    List<IpAddress> instances =
        gateway.bgpSettings().map(b -> (List<IpAddress>) b.peeringAddresses()).orElse(List.of());
    return instances.isEmpty()
        ? List.of(Optional.empty())
        : instances.stream().map(Optional::of).toList();
  }

  /** What policies know of the peer {@code route} came from: NVA or which gateway. */
  static PeerInfo peerInfo(Route route, @Nullable VirtualNetworkGateway gateway) {
    String group =
        switch (origin(gateway)) {
          case NVA -> AzureRouteServerPolicies.NVA;
          case VPN_GATEWAY -> AzureRouteServerPolicies.VPN_GATEWAY;
          case EXPRESS_ROUTE_GATEWAY -> AzureRouteServerPolicies.EXPRESSROUTE_GATEWAY;
        };
    return new PeerInfo(
        route.source().peer(), route.source().asn(), Optional.empty(), ImmutableSet.of(group));
  }

  private static PathOrigin origin(@Nullable VirtualNetworkGateway gateway) {
    if (gateway == null) {
      return PathOrigin.NVA;
    }
    return gateway.type() == GatewayType.VPN
        ? PathOrigin.VPN_GATEWAY
        : PathOrigin.EXPRESS_ROUTE_GATEWAY;
  }

  /** The gateway at {@code address} in the hub, if any. */
  Optional<VirtualNetworkGateway> gatewayAt(IpAddress address) {
    return ribGateway.isPresent() ? ribGateway : Optional.ofNullable(gatewayByAddress.get(address));
  }

  /** The rules this hub applies. */
  RouteServerRules rules() {
    return rules;
  }

  /** A local network gateway prefix as its VPN gateway programs it. */
  private record StaticPath(
      VirtualNetworkGateway gateway, Route route, Optional<IpAddress> nextHop) {}

  /** The paths programmed for {@code prefix}. */
  List<InjectionCandidate> selected(Prefix prefix, List<Route> routes) {
    return rules.select(candidates(prefix, routes));
  }

  /** The effective-route rows for {@code prefix}, given the RIB's candidates for it. */
  ImmutableList<EffectiveRoute> rows(Prefix prefix, List<Route> routes) {
    List<InjectionCandidate> selected = selected(prefix, routes);
    if (selected.isEmpty()) {
      return ImmutableList.of();
    }
    TreeSet<IpAddress> nvaHops = new TreeSet<>();
    TreeMap<ResourceId, TreeSet<IpAddress>> gatewayHops = new TreeMap<>();
    Map<ResourceId, PathOrigin> gatewayOrigin = new HashMap<>();
    for (InjectionCandidate path : selected) {
      if (path.gateway().isEmpty()) {
        path.nextHop().ifPresent(nvaHops::add);
      } else {
        TreeSet<IpAddress> hops =
            gatewayHops.computeIfAbsent(path.gateway().get(), g -> new TreeSet<>());
        path.nextHop().ifPresent(hops::add);
        gatewayOrigin.put(path.gateway().get(), path.origin());
      }
    }
    ImmutableList.Builder<EffectiveRoute> rows = ImmutableList.builder();
    ImmutableList<Prefix> prefixes = ImmutableList.of(prefix);
    nvaHops.forEach(hop -> rows.add(bgpRow(prefixes, ImmutableList.of(hop))));
    gatewayHops.forEach(
        (gateway, hops) -> {
          ImmutableList<IpAddress> shown = ImmutableList.copyOf(hops);
          if (collapseExpressRouteEcmp
              && gatewayOrigin.get(gateway) == PathOrigin.EXPRESS_ROUTE_GATEWAY
              && shown.size() > 1) {
            shown = shown.subList(0, 1);
          }
          rows.add(bgpRow(prefixes, shown));
        });
    return rows.build();
  }

  private static EffectiveRoute bgpRow(
      ImmutableList<Prefix> prefixes, ImmutableList<IpAddress> hops) {
    return new EffectiveRoute(
        Optional.empty(),
        EffectiveRouteSource.VIRTUAL_NETWORK_GATEWAY,
        EffectiveRouteState.ACTIVE,
        prefixes,
        NextHopType.VIRTUAL_NETWORK_GATEWAY,
        hops,
        false);
  }
}
