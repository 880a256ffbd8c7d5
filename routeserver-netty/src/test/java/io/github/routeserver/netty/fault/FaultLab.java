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
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.netty.NettyRouteServer;
import io.github.routeserver.netty.PeerEndpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * Our transparent route server on 127.0.0.1 (AS 65000) with peers on 127.0.0.2 and up, all of which
 * connect to it, and speakers of our own library to play those peers. Closes all it started, in
 * reverse order.
 */
final class FaultLab implements AutoCloseable {
  static final IpAddress SERVER = IpAddress.parse("127.0.0.1");
  static final long SERVER_AS = 65000;
  static final int HOLD_TIME = 90;
  private static final RoutePolicy ACCEPT = Term.named("accept").accept();
  private static final PeerPolicies OPEN =
      PeerPolicies.builder().importDefault(ACCEPT).exportDefault(ACCEPT).build();

  private final List<Runnable> closing = new ArrayList<>();
  private final int holdTime;
  private final RouteServer server;
  private final NettyRouteServer transport;

  /**
   * Starts the server for peers {@code 127.0.0.2} up to {@code 127.0.0.(peers + 1)}, AS 65000+n,
   * with hold time {@link #HOLD_TIME}.
   */
  FaultLab(int peers) {
    this(peers, HOLD_TIME);
  }

  /**
   * Starts the server for peers {@code 127.0.0.2} up to {@code 127.0.0.(peers + 1)}, AS 65000+n;
   * the server and the speakers of {@link #peer} offer {@code holdTime} seconds.
   */
  FaultLab(int peers, int holdTime) {
    this.holdTime = holdTime;
    server = speaker(RouteServerProfile.TRANSPARENT, SERVER_AS, SERVER);
    NettyRouteServer.Builder builder =
        NettyRouteServer.builder(server)
            .threads(2)
            .listen(new InetSocketAddress(SERVER.toInetAddress(), 0));
    for (int i = 0; i < peers; i++) {
      IpAddress peer = address(i);
      builder.peer(
          endpoint(peer, asn(i), SERVER_AS, SERVER, FsmConfig.ConnectMode.LISTEN_ONLY, 179));
    }
    transport = builder.build();
    closing.add(transport::close);
    transport.start();
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
    return transport.boundAddresses().get(0);
  }

  /** Starts a speaker of our library as peer {@code index}; it connects to the server. */
  RouteServer peer(int index) {
    IpAddress address = address(index);
    RouteServer speaker = speaker(RouteServerProfile.ROUTER, asn(index), address);
    NettyRouteServer peerTransport =
        NettyRouteServer.builder(speaker)
            .threads(1)
            .peer(
                endpoint(
                    SERVER,
                    SERVER_AS,
                    asn(index),
                    address,
                    FsmConfig.ConnectMode.ACTIVE,
                    serverAddress().getPort()))
            .build();
    closing.add(peerTransport::close);
    peerTransport.start();
    return speaker;
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
      int peerPort) {
    PeerId id = new PeerId(peer);
    SessionConfig session =
        SessionConfig.builder(id, localAs, local)
            .peerAs(peerAs)
            .holdTime(holdTime)
            .families(AfiSafi.IPV4_UNICAST)
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
