package io.github.routeserver.netty.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code fault.load.peers} peers (200) start at once, each announcing {@code fault.load.routes}
 * distinct routes (50 in the default build, 5,000 in {@code -Psoak}), with hold time {@code
 * fault.load.holdTime} (9 s) on both sides: every session comes up and stays up, the server holds
 * every route, and every peer receives every other peer's routes, each with its owner's AS path and
 * next hop. Two peers are speakers of our library, checked route by route; the others are {@link
 * CountingPeer}s, which keep one bit per prefix. The sessions then stay up, idle, for longer than
 * the hold time, so keepalives must flow both ways.
 */
@Tag("fault")
class ManyPeersLoadTest {
  private static final int PEERS = Integer.getInteger("fault.load.peers", 200);
  private static final int ROUTES = Integer.getInteger("fault.load.routes", 50);
  private static final int HOLD_TIME = Integer.getInteger("fault.load.holdTime", 9);
  private static final int LISTENERS = 2;
  private static final Duration ESTABLISHMENT = Duration.ofMinutes(2);
  private static final Duration CONVERGENCE = Duration.ofMinutes(20);

  @Test
  void everyPeerConvergesAndNoSessionDrops() {
    long received = (long) (PEERS - 1) * ROUTES;
    try (FaultLab lab = FaultLab.withHoldTime(PEERS, HOLD_TIME)) {
      ProcessResources idle = ProcessResources.measure();
      Duration cpuBefore = ProcessResources.cpuTime();
      CountDownLatch start = new CountDownLatch(1);
      List<CountingPeer> counting = new ArrayList<>();
      for (int i = LISTENERS; i < PEERS; i++) {
        counting.add(lab.countingPeer(i, FaultLab.prefixes(i, ROUTES), start));
      }
      long started = System.nanoTime();
      start.countDown();
      List<RouteServer> listeners = new ArrayList<>();
      for (int i = 0; i < LISTENERS; i++) {
        RouteServer listener = lab.peer(i);
        originate(listener, i);
        listeners.add(listener);
      }

      FaultLab.await(
          "every session is established",
          ESTABLISHMENT,
          () -> {
            assertNoneEnded(counting);
            return allEstablished(lab);
          });
      Duration establishment = Duration.ofNanos(System.nanoTime() - started);
      FaultLab.await(
          "every peer holds every other peer's routes",
          CONVERGENCE,
          () -> {
            assertAllUp(lab, counting);
            return counting.stream().allMatch(p -> p.heldCount() == received)
                && lab.server().snapshot().rib().size() == PEERS * ROUTES
                && listeners.stream().allMatch(l -> FaultLab.learned(l) == received);
          });
      Duration convergence = Duration.ofNanos(System.nanoTime() - started);
      Duration cpu = ProcessResources.cpuTime().minus(cpuBefore);

      // Idle for longer than the hold time: only keepalives keep the sessions up now.
      Duration quiet = Duration.ofSeconds(HOLD_TIME + 3);
      long quietUntil = System.nanoTime() + quiet.toNanos();
      FaultLab.await(
          "the sessions stay up, idle, for " + quiet,
          quiet.plusSeconds(5),
          () -> {
            assertAllUp(lab, counting);
            return System.nanoTime() - quietUntil >= 0;
          });

      for (CountingPeer peer : counting) {
        assertEquals(Optional.empty(), peer.ended(), "how the session ended");
        assertEquals(0, peer.withdrawals(), "withdrawals at a counting peer");
        assertEquals(0, peer.foreign(), "announcements with another peer's AS path or next hop");
        assertEquals(expectedBits(peer), peer.held(), "the prefixes a counting peer holds");
        assertTrue(
            peer.longestSilence().compareTo(Duration.ofSeconds(HOLD_TIME)) < 0,
            "the server was silent for " + peer.longestSilence());
      }
      assertServerHoldsOneSessionOfEveryPeer(lab);
      for (int i = 0; i < LISTENERS; i++) {
        assertHoldsEveryOtherPeersRoutes(listeners.get(i), i);
      }

      CountingPeer longest =
          counting.stream().max(Comparator.comparing(CountingPeer::longestSilence)).orElseThrow();
      Duration longestSilence = longest.longestSilence();
      double longestSilenceEnded = (longest.longestSilenceEnded() - started) / 1e9;
      // Only now: full collections of a heap this size stop every thread of the JVM, server and
      // peers alike, for longer than a short hold time.
      ProcessResources converged = ProcessResources.measure();
      System.out.printf(
          "ManyPeersLoadTest: %d peers x %d routes, hold time %d s: all established in %.1f s,"
              + " converged in %.1f s (%.1f s of CPU, all threads of the JVM); before: %s;"
              + " converged and checked: %s; longest server silence at a peer %d ms, ending %.1f s"
              + " after the start%n",
          PEERS,
          ROUTES,
          HOLD_TIME,
          establishment.toMillis() / 1e3,
          convergence.toMillis() / 1e3,
          cpu.toMillis() / 1e3,
          idle,
          converged,
          longestSilence.toMillis(),
          longestSilenceEnded);
    }
  }

  private static boolean allEstablished(FaultLab lab) {
    return lab.transport().states().values().stream().allMatch(s -> s == FsmState.ESTABLISHED);
  }

  /** Once all are up: every session on the server is Established and no counting peer's ended. */
  private static void assertAllUp(FaultLab lab, List<CountingPeer> counting) {
    assertNoneEnded(counting);
    assertTrue(
        allEstablished(lab), () -> "a session left Established: " + lab.transport().states());
  }

  private static void assertNoneEnded(List<CountingPeer> peers) {
    Map<Integer, String> ended = new HashMap<>();
    for (CountingPeer peer : peers) {
      peer.ended().ifPresent(e -> ended.put(peer.index(), e));
    }
    assertEquals(Map.of(), ended, "counting peers whose session ended, by index");
  }

  /** Every route of every peer but {@code peer}'s own. */
  private static BitSet expectedBits(CountingPeer peer) {
    BitSet expected = new BitSet();
    expected.set(0, PEERS * ROUTES);
    expected.clear(peer.index() * ROUTES, (peer.index() + 1) * ROUTES);
    return expected;
  }

  /**
   * The server holds every peer's routes, all from one session per peer: a session that dropped and
   * came back would have a higher session number.
   */
  private static void assertServerHoldsOneSessionOfEveryPeer(FaultLab lab) {
    for (int i = 0; i < PEERS; i++) {
      List<Route> routes = lab.routesOf(i);
      assertEquals(ROUTES, routes.size(), "routes of peer " + i + " in the server");
      long sessions =
          routes.stream().map(Route::source).mapToLong(RouteSource::session).distinct().count();
      assertEquals(1, sessions, "sessions the routes of peer " + i + " came from");
    }
  }

  /** {@code listener} holds every other peer's routes, with their AS path and next hop. */
  private static void assertHoldsEveryOtherPeersRoutes(RouteServer listener, int index) {
    Map<Prefix, Route> held = new HashMap<>();
    listener
        .snapshot()
        .rib()
        .adjRibIn(new PeerId(FaultLab.SERVER))
        .forEach(r -> held.put(r.prefix(), r));
    assertEquals((long) (PEERS - 1) * ROUTES, held.size(), "routes at listener " + index);
    for (int owner = 0; owner < PEERS; owner++) {
      if (owner == index) {
        continue;
      }
      for (Prefix prefix : FaultLab.prefixes(owner, ROUTES)) {
        Route route = held.get(prefix);
        assertTrue(route != null, "listener " + index + " misses " + prefix);
        assertEquals(
            AsPath.of(FaultLab.asn(owner)), route.attributes().asPath(), prefix + " AS path");
        assertEquals(
            Optional.of(FaultLab.address(owner)),
            route.attributes().nextHop(),
            prefix + " next hop");
      }
    }
  }

  private static void originate(RouteServer speaker, int index) {
    PathAttributes attributes = PathAttributes.builder().nextHop(FaultLab.address(index)).build();
    for (Prefix prefix : FaultLab.prefixes(index, ROUTES)) {
      speaker.originate(prefix, attributes);
    }
  }
}
