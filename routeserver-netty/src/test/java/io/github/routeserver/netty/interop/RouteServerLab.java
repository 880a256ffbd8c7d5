package io.github.routeserver.netty.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.routeserver.bgp.fsm.FsmConfig;
import io.github.routeserver.bgp.fsm.FsmState;
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
import io.github.routeserver.netty.NettyRouteServer;
import io.github.routeserver.netty.PeerEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Our route server on 127.0.0.1 and the daemons peered with it, each on its own 127.0.0.x address
 * (from .2 up) and a free port above 1024, each with its own directory. Every daemon originates its
 * three {@link TestRoute}s unless told otherwise. Policies accept everything (RFC 8212 would
 * otherwise let nothing through).
 */
final class RouteServerLab implements AutoCloseable {
  static final IpAddress SERVER = IpAddress.parse("127.0.0.1");

  /** For {@link #add}: the daemon opens the connection, we only listen. */
  static final boolean DAEMON_CONNECTS = true;

  /** For {@link #add}: we open the connection, the daemon only listens. */
  static final boolean WE_CONNECT = false;

  static final int HOLD_TIME = 9;

  /** The restart time our server advertises (the session configuration's default). */
  static final Duration GRACEFUL_RESTART_TIME = Duration.ofSeconds(120);

  /** Time for a session to come up: GoBGP opens its first connection 5 to 10 s after start. */
  static final Duration SESSION_UP = Duration.ofSeconds(40);

  /** Time for routes to cross the server between daemons once sessions are up. */
  static final Duration PROPAGATION = Duration.ofSeconds(20);

  private static final RoutePolicy ACCEPT = Term.named("accept").accept();

  private final Path dir;
  private final RouteServerProfile profile;
  private final long asn;
  private final int serverPort;
  private final Map<BgpDaemon, List<TestRoute>> daemons = new LinkedHashMap<>();
  private final Map<BgpDaemon, String> md5Passwords = new HashMap<>();
  private final Map<BgpDaemon, Integer> gtsmHops = new HashMap<>();
  private int nextOctet = 2;
  private @Nullable RouteServer server;
  private @Nullable NettyRouteServer transport;

  RouteServerLab(Path dir, RouteServerProfile profile, long asn) {
    this.dir = dir;
    this.profile = profile;
    this.asn = asn;
    this.serverPort = freePort(SERVER);
  }

  /**
   * Adds a daemon that originates its three test routes.
   *
   * @param daemonConnects {@link #DAEMON_CONNECTS} or {@link #WE_CONNECT}
   * @param gracefulRestart its restart time as restarting speaker, or empty for no graceful restart
   */
  BgpDaemon add(
      DaemonKind kind, long asn, boolean daemonConnects, Optional<Duration> gracefulRestart) {
    IpAddress address = nextAddress();
    return add(
        kind, address, asn, daemonConnects, gracefulRestart, TestRoute.threeFor(address, asn));
  }

  /** Adds a daemon that we connect to, without graceful restart, originating {@code routes}. */
  BgpDaemon add(DaemonKind kind, long asn, List<TestRoute> routes) {
    return add(kind, nextAddress(), asn, WE_CONNECT, Optional.empty(), routes);
  }

  /** The address the next daemon added gets. */
  IpAddress nextAddress() {
    return IpAddress.parse("127.0.0." + nextOctet);
  }

  private BgpDaemon add(
      DaemonKind kind,
      IpAddress address,
      long asn,
      boolean daemonConnects,
      Optional<Duration> gracefulRestart,
      List<TestRoute> routes) {
    nextOctet++;
    String name = kind.label + "-" + asn;
    Peering peering =
        new Peering(SERVER, serverPort, this.asn, daemonConnects, HOLD_TIME, gracefulRestart);
    BgpDaemon daemon =
        kind.create(name, address, freePort(address), asn, peering, dir.resolve(name), routes);
    daemons.put(daemon, List.copyOf(routes));
    return daemon;
  }

  /** Signs our session with {@code daemon} with TCP MD5 (RFC 2385) under {@code password}. */
  void signWithMd5(BgpDaemon daemon, String password) {
    md5Passwords.put(daemon, password);
  }

  /** Uses GTSM (RFC 5082) on our session with {@code daemon}, {@code hops} router hops away. */
  void useGtsm(BgpDaemon daemon, int hops) {
    gtsmHops.put(daemon, hops);
  }

  /** Starts our server, then every daemon. */
  void start() throws IOException, InterruptedException {
    startServer(Optional.empty());
    for (BgpDaemon daemon : daemons.keySet()) {
      daemon.start();
    }
  }

  /**
   * Stops our server as a crash would, closing its connections without a NOTIFICATION ({@link
   * NettyRouteServer#closeWithoutNotification()}), so that the daemons with graceful restart keep
   * its routes; {@link #restartServer} starts it again.
   */
  void stopServerWithoutNotification() {
    if (transport == null || server == null) {
      throw new IllegalStateException("not started");
    }
    transport.closeWithoutNotification();
    server.close();
  }

  /**
   * Starts our server again on the same address with an empty RIB, as a restart in place ({@link
   * NettyRouteServer.Builder#restart(Duration)}): the Restart State bit, the Forwarding State bit
   * of each family, and no route sent until the daemons' End-of-RIB or {@code
   * selectionDeferralTime}.
   */
  void restartServer(Duration selectionDeferralTime) {
    startServer(Optional.of(selectionDeferralTime));
  }

  /** Whether our restarted server still defers route selection. */
  boolean selectionDeferred() {
    if (transport == null) {
      throw new IllegalStateException("not started");
    }
    return transport.selectionDeferred();
  }

  private void startServer(Optional<Duration> restart) {
    RouteServer rs =
        RouteServer.builder()
            .localAsn(asn)
            .routerId(SERVER)
            .profile(profile)
            .policies(PeerPolicies.builder().importDefault(ACCEPT).exportDefault(ACCEPT).build())
            .build();
    server = rs;
    rs.start();
    NettyRouteServer.Builder builder =
        NettyRouteServer.builder(rs)
            .threads(2)
            .listen(new InetSocketAddress(SERVER.toInetAddress(), serverPort));
    restart.ifPresent(builder::restart);
    daemons.keySet().forEach(d -> builder.peer(endpoint(d, restart.isPresent())));
    transport = builder.build();
    transport.start();
  }

  /**
   * Our session with {@code daemon}; after a restart it claims forwarding state preserved, which
   * makes a daemon with graceful restart keep our routes until our End-of-RIB (RFC 4724 4.2).
   */
  private PeerEndpoint endpoint(BgpDaemon daemon, boolean restarted) {
    PeerId id = new PeerId(daemon.address);
    SessionConfig session =
        SessionConfig.builder(id, asn, SERVER)
            .name(daemon.name)
            .peerAs(daemon.asn)
            .holdTime(HOLD_TIME)
            .families(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST)
            .gracefulRestart(GRACEFUL_RESTART_TIME, restarted)
            .fsm(
                f ->
                    f.connectMode(
                            daemon.peering.daemonConnects()
                                ? FsmConfig.ConnectMode.LISTEN_ONLY
                                : FsmConfig.ConnectMode.ACTIVE)
                        .connectRetryTime(Duration.ofSeconds(1))
                        .idleHoldTime(Duration.ofSeconds(1), Duration.ofSeconds(2)))
            .build();
    PeerConfig peer = PeerConfig.builder().name(daemon.name).id(id).asn(daemon.asn).build();
    PeerEndpoint endpoint =
        new PeerEndpoint(
            peer,
            session,
            daemon.port,
            Optional.of(SERVER),
            Optional.ofNullable(md5Passwords.get(daemon)));
    Integer hops = gtsmHops.get(daemon);
    return hops == null ? endpoint : endpoint.withGtsm(hops);
  }

  /** Our route server. */
  RouteServer server() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server;
  }

  /** The state of our session with {@code daemon}. */
  FsmState state(BgpDaemon daemon) {
    if (transport == null) {
      throw new IllegalStateException("not started");
    }
    return transport.states().get(new PeerId(daemon.address));
  }

  /** The daemons, in the order they were added. */
  List<BgpDaemon> daemons() {
    return List.copyOf(daemons.keySet());
  }

  /** Whether the best route our RIB holds for {@code prefix} came from {@code daemon}. */
  boolean holds(Prefix prefix, BgpDaemon daemon) {
    return server()
        .snapshot()
        .rib()
        .best(prefix)
        .map(r -> r.source().peer().equals(new PeerId(daemon.address)))
        .orElse(false);
  }

  /** Waits until both ends say the session with {@code daemon} is established. */
  void awaitEstablished(BgpDaemon daemon) {
    await(
        "the session with " + daemon + " is established on both sides",
        SESSION_UP,
        () -> state(daemon) == FsmState.ESTABLISHED && daemon.isEstablished());
  }

  /**
   * Waits until {@code receiver} holds {@code expected} (and maybe more); on time-out, fails on the
   * first route it does not hold as expected.
   */
  void awaitRoutes(BgpDaemon receiver, List<ObservedRoute> expected) throws Exception {
    AtomicReference<Map<Prefix, ObservedRoute>> last = new AtomicReference<>(Map.of());
    try {
      await(
          receiver + " holds " + expected.size() + " routes as expected",
          PROPAGATION,
          () -> {
            last.set(receiver.routesFromServer());
            return expected.stream().allMatch(r -> r.equals(last.get().get(r.prefix())));
          });
    } catch (AssertionError e) {
      for (ObservedRoute route : expected) {
        assertEquals(route, last.get().get(route.prefix()), "at " + receiver);
      }
      throw e;
    }
  }

  /**
   * Waits until {@code condition} holds; on time-out the failure carries every session's state and
   * the tail of every daemon's log.
   */
  Duration await(String what, Duration timeout, Poll.Condition condition) {
    try {
      return Poll.until(what, timeout, condition);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + diagnostics(), e);
    }
  }

  /** Our session states and the end of each daemon's log. */
  String diagnostics() {
    StringBuilder out = new StringBuilder();
    for (BgpDaemon daemon : daemons.keySet()) {
      String log = daemon.log();
      out.append("--- ").append(daemon).append(": ours ").append(state(daemon));
      out.append(daemon.isRunning() ? "" : ", daemon not running").append("\n");
      out.append(log, Math.max(0, log.length() - 1500), log.length()).append("\n");
    }
    return out.toString();
  }

  /**
   * Puts every daemon back as it was added: thawed, running, originating its first routes, with its
   * session established.
   */
  void restore() throws IOException, InterruptedException {
    for (Map.Entry<BgpDaemon, List<TestRoute>> entry : daemons.entrySet()) {
      BgpDaemon daemon = entry.getKey();
      if (daemon.isFrozen()) {
        daemon.thaw();
      }
      daemon.originateExactly(entry.getValue());
      if (!daemon.isRunning()) {
        daemon.start();
      }
    }
    daemons.keySet().forEach(this::awaitEstablished);
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (BgpDaemon daemon : daemons.keySet()) {
      try {
        daemon.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    if (transport != null) {
      transport.close();
    }
    if (server != null) {
      server.close();
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** A port no one listens on at {@code address} now (the OS's choice of an ephemeral port). */
  private static int freePort(IpAddress address) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(address.toInetAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
