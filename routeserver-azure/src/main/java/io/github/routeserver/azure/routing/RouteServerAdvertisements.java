package io.github.routeserver.azure.routing;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteServer;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.model.VirtualNetwork;
import io.github.routeserver.azure.model.VirtualNetworkGateway;
import io.github.routeserver.azure.model.VirtualNetworkPeering;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a Route Server advertises to one of its peers, per instance (reference 1.7 and 1.8):
 *
 * <ul>
 *   <li>to NVAs, its VNet's ranges and those of spokes that use it as remote gateway, with AS_PATH
 *       {@code 65515}, origin IGP (TUT-Q, LAB-DEF, LAB-MDD, FAQ);
 *   <li>the routes it programs into the VNet (one path per prefix), with the AS_PATH intact plus
 *       65515 and communities intact (FAQ), and its instance address as next hop;
 *   <li>never a route carrying NO_ADVERTISE (FAQ, INJ);
 *   <li>between NVAs and the VPN or ExpressRoute gateway, and between the two gateways, only with
 *       branch-to-branch on (FAQ, ERVPN); gateway routes reach NVAs with 65515 prepended (LAB-MDD).
 *       To a gateway in AS 65515 the session is internal, so 65515 is not prepended (the AS path in
 *       that case is UNCONFIRMED, reference 1.7);
 *   <li>not back to the peer it was learned from (UNCONFIRMED, reference 1.7: another peer's path
 *       of the same ECMP set is sent instead, if there is one).
 * </ul>
 *
 * <p>Which of several ECMP paths is advertised is undocumented; this picks the lowest next hop.
 * Immutable and thread-safe.
 */
public final class RouteServerAdvertisements {
  private final RouteServer routeServer;
  private final VirtualNetwork vnet;
  private final HubInjection injection;
  private final ImmutableList<Prefix> spokeRanges;
  private final List<VirtualNetworkGateway> gateways;

  /**
   * The advertisements of {@code routeServer} in {@code topology}.
   *
   * @throws IllegalArgumentException if the Route Server or its VNet is not in the topology
   */
  public RouteServerAdvertisements(
      Topology topology, ResourceId routeServer, AzureRoutingOptions options) {
    this.routeServer = topology.routeServers().get(routeServer);
    checkArgument(
        this.routeServer != null, "routeServer: %s (expected: in the topology)", routeServer);
    this.vnet =
        this.routeServer
            .virtualNetwork()
            .flatMap(topology::virtualNetwork)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "routeServer: " + routeServer + " (expected: its VNet in the topology)"));
    this.injection = new HubInjection(topology, vnet, Optional.of(routeServer), options);
    this.gateways = topology.gatewaysIn(vnet.id());
    List<Prefix> spokes = new ArrayList<>();
    for (VirtualNetworkPeering peering : vnet.peerings()) {
      boolean usesUs =
          peering.connected()
              && peering.allowGatewayTransit()
              && topology
                  .virtualNetwork(peering.remoteVirtualNetwork())
                  .map(
                      remote ->
                          remote.peerings().stream()
                              .anyMatch(
                                  back ->
                                      back.remoteVirtualNetwork().equals(vnet.id())
                                          && back.useRemoteGateways()))
                  .orElse(false);
      if (usesUs) {
        spokes.addAll(peering.remoteAddressSpace());
      }
    }
    this.spokeRanges = ImmutableList.copyOf(spokes);
  }

  /** The routes each instance advertises to {@code peer}, given the Route Server's {@code rib}. */
  public ImmutableList<AdvertisedRoute> advertisedTo(PeerId peer, Rib rib) {
    Optional<VirtualNetworkGateway> peerGateway = gatewayAt(peer.address());
    boolean branchToBranch = routeServer.allowBranchToBranchTraffic();
    List<Outgoing> routes = new ArrayList<>();
    if (peerGateway.isEmpty()) {
      for (Prefix range : vnet.addressSpace()) {
        routes.add(new Outgoing(range, AsPath.EMPTY, ImmutableList.of()));
      }
      for (Prefix range : spokeRanges) {
        routes.add(new Outgoing(range, AsPath.EMPTY, ImmutableList.of()));
      }
    }
    for (Prefix prefix : prefixes(rib)) {
      List<InjectionCandidate> selected =
          new ArrayList<>(injection.selected(prefix, rib.candidates(prefix)));
      selected.sort(
          Comparator.comparing((InjectionCandidate c) -> c.nextHop().orElse(IpAddress.ofIpv4(0))));
      for (InjectionCandidate path : selected) {
        if (path.route().map(r -> r.source().peer().equals(peer)).orElse(false)) {
          continue;
        }
        if (!path.route().map(RouteServerRules::isAdvertisable).orElse(true)) {
          break;
        }
        boolean crossesBranches = peerGateway.isPresent() || path.origin() != PathOrigin.NVA;
        if (crossesBranches && !branchToBranch) {
          break;
        }
        if (peerGateway.isPresent() && path.gateway().equals(Optional.of(peerGateway.get().id()))) {
          break;
        }
        AsPath asPath = path.route().map(r -> r.attributes().asPath()).orElse(AsPath.EMPTY);
        ImmutableList<Community> communities =
            path.route().map(r -> r.attributes().communities()).orElse(ImmutableList.of());
        routes.add(new Outgoing(prefix, asPath, communities));
        break;
      }
    }
    boolean internal =
        peerGateway
            .flatMap(VirtualNetworkGateway::bgpSettings)
            .map(b -> b.asn() == routeServer.asn())
            .orElse(false);
    ImmutableList.Builder<AdvertisedRoute> advertised = ImmutableList.builder();
    for (IpAddress instance : routeServer.routerIps()) {
      for (Outgoing route : routes) {
        advertised.add(
            new AdvertisedRoute(
                instance,
                route.prefix,
                instance,
                internal ? route.asPath : route.asPath.prepend(RouteServerProfile.AZURE_ASN, 1),
                route.communities));
      }
    }
    return advertised.build();
  }

  private TreeSet<Prefix> prefixes(Rib rib) {
    TreeSet<Prefix> prefixes = new TreeSet<>();
    rib.selections().forEach(s -> prefixes.add(s.prefix()));
    prefixes.addAll(injection.staticPrefixes());
    return prefixes;
  }

  private Optional<VirtualNetworkGateway> gatewayAt(IpAddress address) {
    return gateways.stream()
        .filter(g -> g.bgpSettings().map(b -> b.peeringAddresses().contains(address)).orElse(false))
        .findFirst();
  }

  private record Outgoing(Prefix prefix, AsPath asPath, ImmutableList<Community> communities) {}
}
