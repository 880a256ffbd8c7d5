package io.github.routeserver.netty.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.fsm.FsmConfig;
import io.github.routeserver.bgp.session.SessionConfig;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.Term;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.netty.NettyRouteServer;
import io.github.routeserver.netty.PeerEndpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Our transparent route server on 127.0.0.1 (AS 65000) with peers on 127.0.0.2 and up, all of which
 * connect to it, and speakers of our own library to play those peers. Closes all it started, in
 * reverse order.
 */
final class FaultLab implements AutoCloseable {
  static final IpAddress SERVER = IpAddress.parse("127.0.0.1");
  static final long SERVER_AS = 65000;
  static final int HOLD_TIME = 90;
  static final Duration GRACEFUL_RESTART_TIME = Duration.ofSeconds(120);
  private static final RoutePolicy ACCEPT = Term.named("accept").accept();
  private static final PeerPolicies OPEN =
      PeerPolicies.builder().importDefault(ACCEPT).exportDefault(ACCEPT).build();

  private final List<Runnable> closing = new ArrayList<>();
  private final int peers;
  private final int gtsmPeers;
  private final int holdTime;
  private final Map<Integer, NettyRouteServer> peerTransports = new HashMap<>();
  private RouteServer server;
  private NettyRouteServer transport;
  private InetSocketAddress serverAddress;

  /**
   * Starts the server for peers {@code 127.0.0.2} up to {@code 127.0.0.(peers + 1)}, AS 65000+n,
   * with hold time {@link #HOLD_TIME}.
   */
  FaultLab(int peers) {
    this(peers, HOLD_TIME, 0, UnaryOperator.identity());
  }

  /**
   * As {@link #FaultLab(int)}, with GTSM (RFC 5082) for directly connected peers on the first
   * {@code gtsmPeers} of them: the kernel drops their packets that arrive with a TTL below 255.
   */
  static FaultLab withGtsm(int peers, int gtsmPeers) {
    return new FaultLab(peers, HOLD_TIME, gtsmPeers, UnaryOperator.identity());
  }

  /**
   * As {@link #FaultLab(int)}; the server, the speakers of {@link #peer} and the counting peers
   * offer {@code holdTime} seconds.
   */
  static FaultLab withHoldTime(int peers, int holdTime) {
    return new FaultLab(peers, holdTime, 0, UnaryOperator.identity());
  }

  /**
   * Starts the server for peers {@code 127.0.0.2} up to {@code 127.0.0.(peers + 1)}, AS 65000+n,
   * with {@code options} set on its transport (for example {@link
   * NettyRouteServer.Builder#restart}).
   */
  FaultLab(int peers, UnaryOperator<NettyRouteServer.Builder> options) {
    this(peers, HOLD_TIME, 0, options);
  }

  private FaultLab(
      int peers, int holdTime, int gtsmPeers, UnaryOperator<NettyRouteServer.Builder> options) {
    this.peers = peers;
    this.holdTime = holdTime;
    this.gtsmPeers = gtsmPeers;
    startServer(0, options, false);
  }

  /**
   * Starts an engine and its transport listening on {@code port}; its sessions claim forwarding
   * state preserved across a restart (RFC 4724) when {@code forwardingPreserved}.
   */
  private void startServer(
      int port, UnaryOperator<NettyRouteServer.Builder> options, boolean forwardingPreserved) {
    server = speaker(RouteServerProfile.TRANSPARENT, SERVER_AS, SERVER);
    NettyRouteServer.Builder builder =
        options.apply(
            NettyRouteServer.builder(server)
                .threads(2)
                .listen(new InetSocketAddress(SERVER.toInetAddress(), port)));
    for (int i = 0; i < peers; i++) {
      IpAddress peer = address(i);
      PeerEndpoint endpoint =
          endpoint(
              peer,
              asn(i),
              SERVER_AS,
              SERVER,
              FsmConfig.ConnectMode.LISTEN_ONLY,
              179,
              forwardingPreserved);
      builder.peer(i < gtsmPeers ? endpoint.withGtsm(1) : endpoint);
    }
    NettyRouteServer started = builder.build();
    transport = started;
    closing.add(started::close);
    started.start();
    serverAddress = started.boundAddresses().get(0);
  }

  /**
   * Stops the server as a crash would: its connections close without a NOTIFICATION ({@link
   * NettyRouteServer#closeWithoutNotification()}), so that peers with graceful restart keep its
   * routes.
   */
  void stopServerWithoutNotification() {
    transport.closeWithoutNotification();
    server.close();
  }

  /**
   * Starts the server again in place after {@link #stopServerWithoutNotification()}: a new engine
   * with an empty RIB on the same address and port, built with {@code
   * restart(selectionDeferralTime)}, its sessions claiming forwarding state preserved.
   */
  void restartServer(Duration selectionDeferralTime) {
    startServer(serverAddress().getPort(), b -> b.restart(selectionDeferralTime), true);
  }

  /** The address of peer {@code index} (0 is 127.0.0.2). */
  static IpAddress address(int index) {
    return IpAddress.parse("127.0.0." + (index + 2));
  }

  /** The AS of peer {@code index}. */
  static long asn(int index) {
    return 65001 + index;
  }

  RouteServer server() {
    return server;
  }

  NettyRouteServer transport() {
    return transport;
  }

  InetSocketAddress serverAddress() {
    return serverAddress;
  }

  /** Starts a speaker of our library as peer {@code index}; it connects to the server. */
  RouteServer peer(int index) {
    return peer(index, serverAddress().getPort(), false);
  }

  /**
   * Starts a speaker of our library as peer {@code index}, connecting to port {@code port} of the
   * server's address, with GTSM for a directly connected server if {@code gtsm}.
   */
  RouteServer peer(int index, int port, boolean gtsm) {
    IpAddress address = address(index);
    RouteServer speaker = speaker(RouteServerProfile.ROUTER, asn(index), address);
    PeerEndpoint endpoint =
        endpoint(SERVER, SERVER_AS, asn(index), address, FsmConfig.ConnectMode.ACTIVE, port, false);
    NettyRouteServer peerTransport =
        NettyRouteServer.builder(speaker)
            .threads(1)
            .peer(gtsm ? endpoint.withGtsm(1) : endpoint)
            .build();
    closing.add(peerTransport::close);
    peerTransports.put(index, peerTransport);
    peerTransport.start();
    return speaker;
  }

  /** The transport of the speaker started with {@link #peer}{@code (index)}. */
  NettyRouteServer peerTransport(int index) {
    NettyRouteServer peerTransport = peerTransports.get(index);
    if (peerTransport == null) {
      throw new IllegalArgumentException("index: " + index + " (no speaker started)");
    }
    return peerTransport;
  }

  /**
   * A counting peer as peer {@code index} that announces {@code routes} once {@code start} opens;
   * stopped when the lab closes, before the server.
   */
  CountingPeer countingPeer(int index, List<Prefix> routes, CountDownLatch start) {
    CountingPeer peer = CountingPeer.start(index, serverAddress(), holdTime, routes, start);
    closing.add(peer::close);
    return peer;
  }

  /** The routes the server holds from peer {@code index}, by prefix. */
  List<Route> routesOf(int index) {
    return server
        .snapshot()
        .rib()
        .adjRibIn(new PeerId(address(index)))
        .sorted(Comparator.comparing((Route r) -> r.prefix().toString()))
        .toList();
  }

  /** The server's best routes: prefix and attributes. */
  Map<Prefix, PathAttributes> locRib() {
    return server
        .snapshot()
        .rib()
        .locRib()
        .collect(Collectors.toMap(Route::prefix, Route::attributes));
  }

  /** The number of routes {@code speaker} holds from the server. */
  static long learned(RouteServer speaker) {
    return speaker.snapshot().rib().adjRibIn(new PeerId(SERVER)).count();
  }

  /**
   * {@code count} /24 prefixes 10.(index+1).x.0/24 .. for peer {@code index}: distinct per peer.
   */
  static List<Prefix> prefixes(int index, int count) {
    List<Prefix> prefixes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      prefixes.add(Prefix.ofIpv4((10 + index) << 24 | i << 8, 24));
    }
    return prefixes;
  }

  /** The peer whose {@link #prefixes} hold {@code prefix}: the inverse of {@link #prefixes}. */
  static int ownerOf(Prefix prefix) {
    return (int) (prefix.hi() >>> 56) - 10;
  }

  /** Where {@code prefix} is in its owner's {@link #prefixes}. */
  static int positionOf(Prefix prefix) {
    return (int) (prefix.hi() >>> 40) & 0xFFFF;
  }

  /** Waits until {@code condition} holds, polling every 20 ms, for at most {@code timeout}. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out after " + timeout + " until " + what);
      try {
        Thread.sleep(20); // polling real sockets: the only way to observe them
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private RouteServer speaker(RouteServerProfile profile, long asn, IpAddress id) {
    RouteServer speaker =
        RouteServer.builder().localAsn(asn).routerId(id).profile(profile).policies(OPEN).build();
    speaker.start();
    closing.add(speaker::close);
    return speaker;
  }

  private PeerEndpoint endpoint(
      IpAddress peer,
      long peerAs,
      long localAs,
      IpAddress local,
      FsmConfig.ConnectMode mode,
      int peerPort,
      boolean forwardingPreserved) {
    PeerId id = new PeerId(peer);
    SessionConfig session =
        SessionConfig.builder(id, localAs, local)
            .peerAs(peerAs)
            .holdTime(holdTime)
            .families(AfiSafi.IPV4_UNICAST)
            .gracefulRestart(GRACEFUL_RESTART_TIME, forwardingPreserved)
            .fsm(
                f ->
                    f.connectMode(mode)
                        .connectRetryTime(Duration.ofMillis(200))
                        .idleHoldTime(Duration.ofMillis(100), Duration.ofMillis(400)))
            .build();
    return new PeerEndpoint(
        PeerConfig.builder().id(id).asn(peerAs).build(),
        session,
        peerPort,
        Optional.of(local),
        Optional.empty());
  }

  @Override
  public void close() {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).run();
    }
  }
}
