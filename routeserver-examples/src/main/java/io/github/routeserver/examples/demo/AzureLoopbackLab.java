package io.github.routeserver.examples.demo;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.util.concurrent.Uninterruptibles;
import io.github.routeserver.azure.model.BgpConnection;
import io.github.routeserver.azure.model.BgpSettings;
import io.github.routeserver.azure.model.GatewayType;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteServer;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.model.VirtualNetwork;
import io.github.routeserver.azure.model.VirtualNetworkGateway;
import io.github.routeserver.azure.routing.EffectiveRoutes;
import io.github.routeserver.bgp.fsm.FsmConfig.ConnectMode;
import io.github.routeserver.bgp.session.SessionConfig;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.policy.AzureRouteServerPolicies;
import io.github.routeserver.core.policy.Matchers;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.Term;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.netty.NettyRouteServer;
import io.github.routeserver.netty.PeerEndpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The BGP speakers of one Azure hub VNet, live on loopback and built with this library: each
 * instance of its Route Server (an engine with the {@link RouteServerProfile#AZURE} profile and
 * Azure Route Server's policies), each NVA of the Route Server's BGP connections (the {@link
 * RouteServerProfile#ROUTER} profile), and each instance of the VNet's VPN and ExpressRoute
 * gateways, all connected over real TCP through Netty.
 *
 * <p>Addresses: a speaker at Azure address {@code a.b.c.d} runs at {@code 127.b.c.d}, so the Route
 * Server instance 10.0.1.4 listens on 127.0.1.4 (on a free port) and NVA 10.0.2.4 connects from
 * 127.0.2.4. The routes keep their Azure next hops: the NVAs and gateways advertise their Azure
 * addresses as NEXT_HOP, as with Route Server's "next hop IP" (NHIP). The gateways share Route
 * Server's AS 65515 and so speak internal BGP to it: they pass routes on without changing the AS
 * path (the {@link RouteServerProfile#TRANSPARENT} profile).
 *
 * <p>Timers are short so that the demo is quick: hold time 3 s, connect retry 200 ms. Not
 * thread-safe: one thread drives the lab.
 */
final class AzureLoopbackLab implements AutoCloseable {
  private static final int HOLD_TIME = 3;
  private static final Duration CONNECT_RETRY = Duration.ofMillis(200);
  private static final Duration IDLE_HOLD = Duration.ofMillis(100);
  private static final Duration MAX_IDLE_HOLD = Duration.ofSeconds(1);
  private static final RoutePolicy ACCEPT = Term.named("accept").accept();

  private Topology topology;
  private RouteServer routeServer;
  private final VirtualNetwork hub;
  private final List<Speaker> instances = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final List<Speaker> nvas = new ArrayList<>();
  private final Map<GatewayType, List<Speaker>> gatewayInstances = new EnumMap<>(GatewayType.class);

  private AzureLoopbackLab(Topology topology, RouteServer routeServer, VirtualNetwork hub) {
    this.topology = topology;
    this.routeServer = routeServer;
    this.hub = hub;
  }

  /**
   * Starts the Route Server {@code routeServerId} of {@code topology} with its NVAs and the
   * gateways of its VNet; the sessions come up in the background.
   *
   * @throws IllegalArgumentException if the Route Server or its VNet is not in the topology
   * @throws java.io.UncheckedIOException if a loopback address cannot be bound (only 127.0.0.1 is
   *     configured on some systems)
   */
  static AzureLoopbackLab start(Topology topology, ResourceId routeServerId) {
    RouteServer routeServer = topology.routeServers().get(routeServerId);
    checkArgument(routeServer != null, "routeServerId: %s (not in the topology)", routeServerId);
    VirtualNetwork hub =
        routeServer
            .virtualNetwork()
            .flatMap(topology::virtualNetwork)
            .orElseThrow(
                () ->
                    new IllegalArgumentException("routeServerId: its VNet is not in the topology"));
    AzureLoopbackLab lab = new AzureLoopbackLab(topology, routeServer, hub);
    try {
      for (int i = 0; i < routeServer.routerIps().size(); i++) {
        lab.instances.add(lab.startInstance(i, 0));
        lab.ports.add(lab.instances.get(i).transport().boundAddresses().get(0).getPort());
      }
      int number = 1;
      for (BgpConnection nva : routeServer.bgpConnections()) {
        lab.nvas.add(
            lab.startPeer(
                "NVA" + number++, nva.peerIp(), nva.peerAsn(), RouteServerProfile.ROUTER));
      }
      for (VirtualNetworkGateway gateway : topology.gatewaysIn(hub.id())) {
        for (IpAddress address : peeringAddresses(gateway)) {
          String name = gateway.type() == GatewayType.VPN ? "VPN gateway" : "ExpressRoute gateway";
          lab.gatewayInstances
              .computeIfAbsent(gateway.type(), type -> new ArrayList<>())
              .add(
                  lab.startPeer(
                      name + " " + address,
                      address,
                      gateway.bgpSettings().orElseThrow().asn(),
                      RouteServerProfile.TRANSPARENT));
        }
      }
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  /** The loopback address where the speaker at Azure address {@code azure} runs. */
  static IpAddress loopback(IpAddress azure) {
    return IpAddress.ofIpv4(0x7F00_0000 | (azure.toIpv4Bits() & 0x00FF_FFFF));
  }

  private static List<IpAddress> peeringAddresses(VirtualNetworkGateway gateway) {
    return gateway.bgpSettings().map(b -> (List<IpAddress>) b.peeringAddresses()).orElse(List.of());
  }

  /** Starts instance {@code index} of the Route Server, listening on {@code port} (0: any). */
  private Speaker startInstance(int index, int port) {
    IpAddress address = routeServer.routerIps().get(index);
    AzureRouteServerPolicies azure =
        AzureRouteServerPolicies.builder()
            .vnetAddressSpace(hub.addressSpace())
            .branchToBranch(routeServer.allowBranchToBranchTraffic())
            .hubRoutingPreference(routeServer.hubRoutingPreference())
            .build();
    PeerPolicies policies =
        PeerPolicies.builder()
            .importDefault(azure.importPolicy())
            .exportDefault(azure.exportPolicy())
            .build();
    List<PeerEndpoint> peers = new ArrayList<>();
    for (BgpConnection nva : routeServer.bgpConnections()) {
      peers.add(
          endpoint(
              PeerConfig.builder()
                  .name("NVA " + nva.peerIp())
                  .id(new PeerId(loopback(nva.peerIp())))
                  .asn(nva.peerAsn())
                  .groups(AzureRouteServerPolicies.NVA),
              address,
              routeServer.asn(),
              ConnectMode.LISTEN_ONLY,
              179));
    }
    for (VirtualNetworkGateway gateway : topology.gatewaysIn(hub.id())) {
      String group =
          gateway.type() == GatewayType.VPN
              ? AzureRouteServerPolicies.VPN_GATEWAY
              : AzureRouteServerPolicies.EXPRESSROUTE_GATEWAY;
      for (IpAddress gatewayAddress : peeringAddresses(gateway)) {
        peers.add(
            endpoint(
                PeerConfig.builder()
                    .name(group + " " + gatewayAddress)
                    .id(new PeerId(loopback(gatewayAddress)))
                    .asn(gateway.bgpSettings().orElseThrow().asn())
                    .groups(group),
                address,
                routeServer.asn(),
                ConnectMode.LISTEN_ONLY,
                179));
      }
    }
    return start(
        "Route Server " + address + " (instance " + (index + 1) + ")",
        address,
        routeServer.asn(),
        RouteServerProfile.AZURE,
        policies,
        Optional.of(new InetSocketAddress(loopback(address).toInetAddress(), port)),
        peers);
  }

  /** Starts an NVA or a gateway instance that peers with every Route Server instance. */
  private Speaker startPeer(String name, IpAddress address, long asn, RouteServerProfile profile) {
    List<PeerEndpoint> peers = new ArrayList<>();
    for (int i = 0; i < routeServer.routerIps().size(); i++) {
      IpAddress instance = routeServer.routerIps().get(i);
      PeerEndpoint endpoint =
          endpoint(
              PeerConfig.builder()
                  .name("Route Server " + instance)
                  .id(new PeerId(loopback(instance)))
                  .asn(routeServer.asn())
                  // The routes keep the Azure address the speaker gave them as next hop.
                  .nextHopSelf(false),
              address,
              asn,
              ConnectMode.ACTIVE,
              ports.get(i));
      peers.add(
          new PeerEndpoint(
              endpoint.peer(),
              endpoint.session(),
              endpoint.port(),
              Optional.of(loopback(address)),
              Optional.empty()));
    }
    return start(name, address, asn, profile, peerPolicies(address, asn), Optional.empty(), peers);
  }

  /**
   * What an NVA or a gateway instance at {@code address} in {@code asn} accepts and sends.
   *
   * <ul>
   *   <li>An NVA (external to Route Server) drops routes whose AS path holds its own AS (RFC 4271
   *       section 9.1.2: the other NVA's routes come back through Route Server with AS 65001 in
   *       them) and sends everything else.
   *   <li>A gateway (internal to Route Server) takes everything and sends only the routes it
   *       originates, its on-premises routes: what it learned from one Route Server instance is not
   *       passed to the other (RFC 4271 section 9.2: routes from internal peers are not sent to
   *       internal peers).
   * </ul>
   */
  private PeerPolicies peerPolicies(IpAddress address, long asn) {
    if (asn != routeServer.asn()) {
      RoutePolicy loopFree =
          RoutePolicy.firstMatch(
              "as-path-loop",
              Term.named("own-as")
                  .when(Matchers.asPathContains(asn))
                  .reject("AS_PATH holds our own AS (RFC 4271 section 9.1.2)"),
              ACCEPT);
      return PeerPolicies.builder().importDefault(loopFree).exportDefault(ACCEPT).build();
    }
    RoutePolicy ownRoutesOnly =
        RoutePolicy.firstMatch(
            "own-routes-only",
            Term.named("originated").when(Matchers.fromPeer(new PeerId(address))).accept(),
            Term.named("internal-split-horizon")
                .reject("learned from an internal peer: not sent to internal peers"));
    return PeerPolicies.builder().importDefault(ACCEPT).exportDefault(ownRoutesOnly).build();
  }

  private static PeerEndpoint endpoint(
      PeerConfig.Builder peer, IpAddress localId, long localAsn, ConnectMode mode, int port) {
    PeerConfig config = peer.build();
    SessionConfig session =
        SessionConfig.builder(config.id(), localAsn, localId)
            .name(config.name())
            .peerAs(config.asn())
            .holdTime(HOLD_TIME)
            .families(AfiSafi.IPV4_UNICAST)
            .fsm(
                f ->
                    f.connectMode(mode)
                        .connectRetryTime(CONNECT_RETRY)
                        .idleHoldTime(IDLE_HOLD, MAX_IDLE_HOLD))
            .build();
    return PeerEndpoint.of(config, session, port);
  }

  /** Starts a speaker: its engine, then its sessions with {@code peers}. */
  private static Speaker start(
      String name,
      IpAddress address,
      long asn,
      RouteServerProfile profile,
      PeerPolicies policies,
      Optional<InetSocketAddress> listen,
      List<PeerEndpoint> peers) {
    io.github.routeserver.core.engine.RouteServer engine =
        io.github.routeserver.core.engine.RouteServer.builder()
            .localAsn(asn)
            .routerId(address)
            .profile(profile)
            .policies(policies)
            .build();
    NettyRouteServer.Builder transport = NettyRouteServer.builder(engine).threads(1);
    listen.ifPresent(transport::listen);
    peers.forEach(transport::peer);
    NettyRouteServer netty = transport.build();
    engine.start();
    try {
      netty.start();
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    return new Speaker(name, address, engine, netty);
  }

  /** The Route Server instances, in {@code virtualRouterIps} order. */
  List<Speaker> routeServerInstances() {
    return List.copyOf(instances);
  }

  /** The NVAs, in {@code bgpConnections} order: NVA1, NVA2, ... */
  List<Speaker> nvas() {
    return List.copyOf(nvas);
  }

  /** The instances of the VNet's gateway of {@code type}, if it has one. */
  List<Speaker> gatewayInstances(GatewayType type) {
    return List.copyOf(gatewayInstances.getOrDefault(type, List.of()));
  }

  /** Every speaker: Route Server instances, NVAs, gateway instances. */
  List<Speaker> speakers() {
    List<Speaker> all = new ArrayList<>(instances);
    all.addAll(nvas);
    gatewayInstances.values().forEach(all::addAll);
    return all;
  }

  /** The name of the speaker running at the loopback address {@code address}. */
  String nameAt(IpAddress address) {
    return speakers().stream()
        .filter(s -> loopback(s.address()).equals(address))
        .map(Speaker::name)
        .findFirst()
        .orElse(address.toString());
  }

  /** The Route Server as the topology now describes it. */
  RouteServer routeServer() {
    return routeServer;
  }

  /**
   * The effective routes of every subnet, from what the first Route Server instance has learned.
   * The gateways' BGP addresses are taken to be their loopback addresses, where the instance knows
   * them from.
   */
  EffectiveRoutes effectiveRoutes() {
    Topology.Builder onLoopback = topology.toBuilder();
    for (VirtualNetworkGateway gateway : topology.gatewaysIn(hub.id())) {
      BgpSettings bgp = gateway.bgpSettings().orElseThrow();
      onLoopback.add(
          new VirtualNetworkGateway(
              gateway.id(),
              gateway.type(),
              gateway.virtualNetwork(),
              gateway.activeActive(),
              gateway.enableBgp(),
              Optional.of(
                  new BgpSettings(
                      bgp.asn(),
                      bgp.peeringAddresses().stream()
                          .map(AzureLoopbackLab::loopback)
                          .collect(ImmutableList.toImmutableList())))));
    }
    return EffectiveRoutes.compute(
        onLoopback.build(), Map.of(routeServer.id(), instances.get(0).engine().snapshot().rib()));
  }

  /**
   * Turns branch-to-branch on or off as Azure does, one Route Server instance at a time: the
   * instance restarts with the new policies on the same address and port, and the next waits until
   * its sessions are back.
   */
  void branchToBranch(boolean on, Duration timeout) {
    routeServer =
        new RouteServer(
            routeServer.id(),
            routeServer.subnet(),
            routeServer.asn(),
            routeServer.routerIps(),
            on,
            routeServer.hubRoutingPreference(),
            routeServer.bgpConnections());
    topology = topology.toBuilder().add(routeServer).build();
    for (int i = 0; i < instances.size(); i++) {
      instances.get(i).close();
      Speaker restarted = startInstance(i, ports.get(i));
      instances.set(i, restarted);
      await(restarted.name() + " has its sessions back", timeout, restarted::sessionsDown);
    }
  }

  /** Shuts {@code speaker}'s sessions with every Route Server instance down (CEASE). */
  void stopSessions(Speaker speaker) {
    for (Speaker instance : instances) {
      speaker
          .transport()
          .stopPeer(new PeerId(loopback(instance.address())), "demo: " + speaker.name() + " fails");
    }
  }

  /** Starts {@code speaker}'s sessions with every Route Server instance again. */
  void startSessions(Speaker speaker) {
    for (Speaker instance : instances) {
      speaker.transport().startPeer(new PeerId(loopback(instance.address())));
    }
  }

  /**
   * Waits until {@code problem} finds nothing wrong, checking every 10 ms.
   *
   * @throws IllegalStateException if it still does after {@code timeout}, with the last problem
   */
  static void await(String what, Duration timeout, Supplier<Optional<String>> problem) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Optional<String> last = problem.get(); last.isPresent(); last = problem.get()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "timed out after "
                + timeout.toSeconds()
                + " s waiting until "
                + what
                + ": "
                + last.get());
      }
      try {
        Thread.sleep(10); // sockets and writer threads give no event to wait on: poll
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting until " + what, e);
      }
    }
  }

  /** Closes every speaker at once: each sends its peers a CEASE and stops within a second. */
  @Override
  public void close() {
    List<Thread> closing = new ArrayList<>();
    for (Speaker speaker : speakers()) {
      Thread thread = new Thread(speaker::close, "close " + speaker.name());
      thread.start();
      closing.add(thread);
    }
    closing.forEach(Uninterruptibles::joinUninterruptibly);
  }
}
