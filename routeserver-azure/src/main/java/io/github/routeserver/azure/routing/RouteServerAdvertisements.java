package io.github.routeserver.azure.routing;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.azure.model.BgpConnection;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteServer;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.model.VirtualNetwork;
import io.github.routeserver.azure.model.VirtualNetworkGateway;
import io.github.routeserver.azure.model.VirtualNetworkPeering;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.PeerInfo;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private final Map<ResourceId, VirtualNetworkGateway> gateways;

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
    this.gateways = topology.gateways();
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
    Optional<VirtualNetworkGateway> peerGateway = injection.gatewayAt(peer.address());
    List<Outgoing> routes = new ArrayList<>();
    Set<Prefix> ownRanges = new LinkedHashSet<>();
    if (peerGateway.isEmpty()) {
      ownRanges.addAll(vnet.addressSpace());
      ownRanges.addAll(spokeRanges);
      for (Prefix range : ownRanges) {
        routes.add(new Outgoing(range, AsPath.EMPTY, ImmutableList.of()));
      }
    }
    PeerInfo to =
        HubInjection.peerInfo(
            Route.of(
                Prefix.parse("0.0.0.0/0"),
                RouteSource.external(peer.toString(), peerAsn(peer, peerGateway)),
                PathAttributes.builder().build()),
            peerGateway.orElse(null));
    for (Prefix prefix : prefixes(rib)) {
      if (ownRanges.contains(prefix)) {
        continue; // one path per prefix: the VNet's own range beats what an NVA says of it
      }
      List<InjectionCandidate> selected =
          new ArrayList<>(injection.selected(prefix, rib.candidates(prefix)));
      selected.sort(
          Comparator.comparing((InjectionCandidate c) -> c.nextHop().orElse(IpAddress.ofIpv4(0))));
      for (InjectionCandidate path : selected) {
        boolean fromReceiver =
            path.route().source().peer().equals(peer)
                || (peerGateway.isPresent()
                    && path.gateway().equals(Optional.of(peerGateway.get().id())));
        if (fromReceiver) {
          continue;
        }
        PeerInfo from =
            HubInjection.peerInfo(path.route(), path.gateway().map(gateways::get).orElse(null));
        if (injection.rules().exports(path.route(), from, to)) {
          routes.add(
              new Outgoing(
                  prefix,
                  path.route().attributes().asPath(),
                  path.route().attributes().communities()));
        }
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

  private long peerAsn(PeerId peer, Optional<VirtualNetworkGateway> gateway) {
    if (gateway.isPresent()) {
      return gateway.get().bgpSettings().map(b -> b.asn()).orElse(RouteServerProfile.AZURE_ASN);
    }
    return routeServer.bgpConnections().stream()
        .filter(c -> c.peerIp().equals(peer.address()))
        .map(BgpConnection::peerAsn)
        .findFirst()
        .orElse(0L);
  }

  private TreeSet<Prefix> prefixes(Rib rib) {
    TreeSet<Prefix> prefixes = new TreeSet<>();
    rib.selections().forEach(s -> prefixes.add(s.prefix()));
    prefixes.addAll(injection.staticPrefixes());
    return prefixes;
  }

  private record Outgoing(Prefix prefix, AsPath asPath, ImmutableList<Community> communities) {}
}
