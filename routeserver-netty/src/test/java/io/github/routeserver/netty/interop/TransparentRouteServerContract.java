package io.github.routeserver.netty.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.interop.Daemon;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Route;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a daemon sees of our route server in the TRANSPARENT profile (RFC 7947), and what the others
 * see of it; one subclass per daemon. Four daemons share a class's route server: two of the daemon
 * under test, one in a 2-octet AS that waits for our connection and negotiates graceful restart,
 * one in a 4-octet AS that connects to us and does not, and one of each other kind that waits for
 * our connection. Each originates two IPv4 routes and one IPv6 route, with MED, a community, a
 * large community and a route target of its own. Every test leaves the daemons as they started:
 * running, originating their routes, established.
 */
@Tag("interop")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TransparentRouteServerContract {
  static final long SERVER_ASN = 65000;
  static final Duration HOLD_TIME = Duration.ofSeconds(RouteServerLab.HOLD_TIME);
  static final Duration RESTART_TIME = Duration.ofSeconds(10);

  /**
   * What polling adds to a deadline our server keeps, or takes from a time it must hold on: a route
   * change must still cross the server and the daemons' update processing, and one round of CLI
   * queries of four daemons takes up to a second or two on a busy machine.
   */
  static final Duration OBSERVATION = Duration.ofSeconds(3);

  private final DaemonKind kind;
  private RouteServerLab lab;
  private BgpDaemon twoOctet;
  private BgpDaemon fourOctet;

  TransparentRouteServerContract(DaemonKind kind) {
    this.kind = kind;
  }

  @BeforeAll
  void startDaemons(@TempDir Path dir) throws Exception {
    for (DaemonKind k : DaemonKind.values()) {
      Daemon.assumeInstalled(k.binary().isPresent(), k.toString());
    }
    lab = new RouteServerLab(dir, RouteServerProfile.TRANSPARENT, SERVER_ASN);
    long number = 10L * (kind.ordinal() + 1);
    twoOctet = lab.add(kind, 65_000 + number, RouteServerLab.WE_CONNECT, Optional.of(RESTART_TIME));
    fourOctet =
        lab.add(kind, 4_200_000_000L + number, RouteServerLab.DAEMON_CONNECTS, Optional.empty());
    for (DaemonKind other : DaemonKind.values()) {
      if (other != kind) {
        long asn = 65_000 + 10L * (other.ordinal() + 1) + 1;
        lab.add(other, asn, RouteServerLab.WE_CONNECT, Optional.empty());
      }
    }
    lab.start();
  }

  @AfterEach
  void restoreDaemons() throws Exception {
    lab.restore();
  }

  @AfterAll
  void stopDaemons() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Sessions

  @Test
  void sessionComesUpWhenWeConnectToATwoOctetAsPeer() {
    lab.awaitEstablished(twoOctet);

    assertEquals(FsmState.ESTABLISHED, lab.state(twoOctet));
    assertLearnedFromItsAs(twoOctet);
  }

  @Test
  void sessionComesUpWhenAFourOctetAsPeerConnectsToUs() {
    lab.awaitEstablished(fourOctet);

    assertEquals(FsmState.ESTABLISHED, lab.state(fourOctet));
    assertLearnedFromItsAs(fourOctet);
  }

  /** Our RIB holds the daemon's routes, with its AS as the source's (AS4 negotiated right). */
  private void assertLearnedFromItsAs(BgpDaemon daemon) {
    Prefix prefix = daemon.routes().get(0).prefix();
    lab.await(
        "our RIB holds " + prefix + " of " + daemon,
        RouteServerLab.PROPAGATION,
        () -> lab.holds(prefix, daemon));
    Route route = lab.server().snapshot().rib().best(prefix).orElseThrow();
    assertEquals(daemon.asn, route.source().asn());
    assertEquals(AsPath.of(daemon.asn), route.attributes().asPath());
  }

  // ---------------------------------------------------------------------------------------------
  // Routes and attributes

  @Test
  void routesOfTheDaemonReachEveryOtherPeerWithAsPathNextHopMedAndCommunitiesUnchanged()
      throws Exception {
    for (BgpDaemon sender : List.of(twoOctet, fourOctet)) {
      for (BgpDaemon receiver : lab.daemons()) {
        if (receiver != sender) {
          lab.awaitRoutes(receiver, sender.expectedTransparently());
        }
      }
    }
  }

  @Test
  void routesOfTheOthersReachTheDaemonWithAsPathNextHopMedAndCommunitiesUnchanged()
      throws Exception {
    for (BgpDaemon receiver : List.of(twoOctet, fourOctet)) {
      awaitExactly(receiver, expectedAt(receiver));
    }
  }

  @Test
  void withdrawalsPropagate() throws Exception {
    awaitConvergence();
    List<TestRoute> routes = twoOctet.routes();
    TestRoute ipv4 = routes.get(0);
    TestRoute kept = routes.get(1);
    TestRoute ipv6 = routes.get(2);

    twoOctet.withdraw(ipv4);
    twoOctet.withdraw(ipv6);

    for (BgpDaemon receiver : lab.daemons()) {
      if (receiver != twoOctet) {
        lab.await(
            receiver + " no longer holds " + ipv4.prefix() + " and " + ipv6.prefix(),
            RouteServerLab.PROPAGATION,
            () -> {
              Map<Prefix, ObservedRoute> held = receiver.routesFromServer();
              return !held.containsKey(ipv4.prefix()) && !held.containsKey(ipv6.prefix());
            });
        assertEquals(
            kept.passedTransparentlyFrom(twoOctet.asn),
            receiver.routesFromServer().get(kept.prefix()),
            "the route not withdrawn stays at " + receiver);
      }
    }
  }

  @Test
  void routeRefreshFromTheDaemonGetsItTheFullTableAgain() throws Exception {
    awaitConvergence();
    String session = twoOctet.sessionStamp();
    long before = twoOctet.announcementsReceived();
    int table = twoOctet.routesFromServer().size();

    assumeTrue(
        twoOctet.requestRouteRefresh(), twoOctet + " has no command that sends ROUTE-REFRESH");

    lab.await(
        twoOctet + " receives its " + table + " routes again (had " + before + " announcements)",
        RouteServerLab.PROPAGATION,
        () -> twoOctet.announcementsReceived() >= before + table);
    String after = twoOctet.sessionStamp();
    assertTrue(
        twoOctet.isSameSession(session, after),
        () -> "the session was refreshed, not reset: " + session + " then " + after);
    awaitExactly(twoOctet, expectedAt(twoOctet));
  }

  // ---------------------------------------------------------------------------------------------
  // Failures

  @Test
  void killedDaemonsRoutesDisappearFromTheOthersWithinTheHoldTime() throws Exception {
    awaitConvergence();

    fourOctet.kill();

    lab.await(
        "every other daemon has lost " + fourOctet + "'s routes",
        HOLD_TIME,
        () -> noneHold(fourOctet));
  }

  @Test
  void frozenDaemonsRoutesDisappearFromTheOthersWhenOurHoldTimerExpires() throws Exception {
    awaitConvergence();

    fourOctet.freeze(); // no KEEPALIVE, no FIN: only our hold timer can end the session

    lab.await(
        "our hold timer for " + fourOctet + " expires",
        HOLD_TIME.plusSeconds(1),
        () -> lab.state(fourOctet) != FsmState.ESTABLISHED);
    lab.await(
        "every other daemon has lost " + fourOctet + "'s routes",
        OBSERVATION,
        () -> noneHold(fourOctet));
  }

  @Test
  void killedDaemonsRoutesStayUntilTheRestartTimeWithGracefulRestart() throws Exception {
    awaitConvergence();

    twoOctet.kill();
    lab.await(
        "our session with " + twoOctet + " goes down",
        HOLD_TIME,
        () -> lab.state(twoOctet) != FsmState.ESTABLISHED);
    long down = System.nanoTime();

    Poll.throughout(
        "every other daemon keeps " + twoOctet + "'s routes while it restarts",
        RESTART_TIME.minus(OBSERVATION),
        () -> allHold(twoOctet));
    lab.await(
        "every other daemon has lost " + twoOctet + "'s routes after the restart time",
        RESTART_TIME.plus(OBSERVATION).minusNanos(System.nanoTime() - down),
        () -> noneHold(twoOctet));
  }

  @Test
  void gracefullyRestartedDaemonsRoutesAreRefreshedWhenItReturns() throws Exception {
    awaitConvergence();
    List<TestRoute> routes = twoOctet.routes();
    TestRoute changed = routes.get(0).withMed(routes.get(0).med() + 1000);
    TestRoute unchanged = routes.get(1);
    TestRoute gone = routes.get(2);

    twoOctet.kill();
    lab.await(
        "our session with " + twoOctet + " goes down",
        HOLD_TIME,
        () -> lab.state(twoOctet) != FsmState.ESTABLISHED);
    long down = System.nanoTime();
    Poll.throughout(
        "every other daemon keeps " + twoOctet + "'s routes while it is down",
        Duration.ofSeconds(2),
        () -> allHold(twoOctet));
    twoOctet.announce(changed);
    twoOctet.withdraw(gone);
    twoOctet.start();

    Map<Prefix, ObservedRoute> refreshed = new LinkedHashMap<>();
    refreshed.put(changed.prefix(), changed.passedTransparentlyFrom(twoOctet.asn));
    refreshed.put(unchanged.prefix(), unchanged.passedTransparentlyFrom(twoOctet.asn));
    for (BgpDaemon receiver : lab.daemons()) {
      if (receiver != twoOctet) {
        lab.await(
            receiver + " holds the returned daemon's new routes and not the one it dropped",
            RESTART_TIME.minusNanos(System.nanoTime() - down),
            () -> {
              Map<Prefix, ObservedRoute> held = receiver.routesFromServer();
              return !held.containsKey(gone.prefix())
                  && refreshed.entrySet().stream()
                      .allMatch(e -> e.getValue().equals(held.get(e.getKey())));
            });
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** What {@code receiver} should hold: every other daemon's routes, passed transparently. */
  private Map<Prefix, ObservedRoute> expectedAt(BgpDaemon receiver) {
    Map<Prefix, ObservedRoute> expected = new LinkedHashMap<>();
    for (BgpDaemon sender : lab.daemons()) {
      if (sender != receiver) {
        sender.expectedTransparently().forEach(r -> expected.put(r.prefix(), r));
      }
    }
    return expected;
  }

  /** Waits until every daemon holds exactly every other daemon's routes. */
  private void awaitConvergence() throws Exception {
    for (BgpDaemon daemon : lab.daemons()) {
      awaitExactly(daemon, expectedAt(daemon));
    }
  }

  /** Waits until {@code receiver} holds {@code expected} and nothing else from the server. */
  private void awaitExactly(BgpDaemon receiver, Map<Prefix, ObservedRoute> expected)
      throws Exception {
    AtomicReference<Map<Prefix, ObservedRoute>> last = new AtomicReference<>(Map.of());
    try {
      lab.await(
          receiver + " holds exactly the " + expected.size() + " routes of the others",
          RouteServerLab.PROPAGATION,
          () -> {
            last.set(receiver.routesFromServer());
            return expected.equals(last.get());
          });
    } catch (AssertionError e) {
      assertEquals(expected, last.get(), "at " + receiver + "\n" + e.getMessage());
      throw e;
    }
  }

  /** Whether every daemon but {@code sender} holds all of its routes. */
  private boolean allHold(BgpDaemon sender) throws Exception {
    for (BgpDaemon receiver : lab.daemons()) {
      if (receiver != sender) {
        Map<Prefix, ObservedRoute> held = receiver.routesFromServer();
        for (TestRoute route : sender.routes()) {
          if (!held.containsKey(route.prefix())) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Whether no daemon but {@code sender}, nor our RIB, holds any of its routes. */
  private boolean noneHold(BgpDaemon sender) throws Exception {
    for (TestRoute route : sender.routes()) {
      if (lab.holds(route.prefix(), sender)) {
        return false;
      }
    }
    for (BgpDaemon receiver : lab.daemons()) {
      if (receiver != sender && receiver.isRunning()) {
        Map<Prefix, ObservedRoute> held = receiver.routesFromServer();
        for (TestRoute route : sender.routes()) {
          if (held.containsKey(route.prefix())) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
