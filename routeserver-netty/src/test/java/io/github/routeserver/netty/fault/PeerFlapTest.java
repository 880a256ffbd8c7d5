package io.github.routeserver.netty.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer with {@code fault.routes} routes (10,000) flaps {@code fault.flaps} times (20 in the
 * default build, 1,000 in {@code -Psoak}): the server drops its session and lets it come back. The
 * other peers keep every route throughout; afterwards heap (after full collections) is within 5% of
 * where it was after the first flap, and there are no more threads or file descriptors.
 */
@Tag("fault")
class PeerFlapTest {
  private static final Logger log = LoggerFactory.getLogger(PeerFlapTest.class);
  private static final int FLAPS = Integer.getInteger("fault.flaps", 20);
  private static final int ROUTES = Integer.getInteger("fault.routes", 10_000);
  private static final int STABLE_ROUTES = 100;
  private static final Duration CONVERGENCE = Duration.ofSeconds(60);

  @Test
  void otherPeersKeepEveryRouteAndNothingLeaksOverManyFlaps() throws Exception {
    try (FaultLab lab = new FaultLab(3)) {
      RouteServer flapper = lab.peer(0);
      RouteServer stable = lab.peer(1);
      RouteServer listener = lab.peer(2);
      originate(flapper, 0, ROUTES);
      originate(stable, 1, STABLE_ROUTES);
      FaultLab.await(
          "the listener learns every route",
          CONVERGENCE,
          () -> FaultLab.learned(listener) == ROUTES + STABLE_ROUTES);
      List<Route> stableRoutes = lab.routesOf(1);
      assertEquals(STABLE_ROUTES, stableRoutes.size());

      flap(lab, listener, stableRoutes); // warms up every code path before the baseline
      ProcessResources before = ProcessResources.measure();
      long start = System.nanoTime();
      for (int i = 1; i < FLAPS; i++) {
        flap(lab, listener, stableRoutes);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      // Closed channels and their event-loop tasks go shortly after the session does.
      FaultLab.await(
          "threads and file descriptors back to where they were",
          Duration.ofSeconds(10),
          () -> {
            ProcessResources now = ProcessResources.measure();
            return now.threads() <= before.threads()
                && now.fileDescriptors() <= before.fileDescriptors();
          });
      ProcessResources after = ProcessResources.measure();
      log.info(
          "{} flaps of {} routes in {} s: after the first flap {}; after the last {}",
          FLAPS,
          ROUTES,
          took.toSeconds(),
          before,
          after);
      System.out.printf(
          "PeerFlapTest: %d flaps of %d routes in %d s; after the first flap: %s; after the last: %s%n",
          FLAPS, ROUTES, took.toSeconds(), before, after);
      assertTrue(
          after.heapBytes() <= before.heapBytes() * 1.05,
          "heap after full GC grew more than 5%: " + before + " -> " + after);
      assertEquals(stableRoutes, lab.routesOf(1), "the stable peer's routes");
    }
  }

  /** Drops the flapper's session and waits until it is back with all its routes. */
  private static void flap(FaultLab lab, RouteServer listener, List<Route> stableRoutes) {
    PeerId flapper = new PeerId(FaultLab.address(0));
    lab.transport().stopPeer(flapper, "flap");
    FaultLab.await(
        "the flapper's routes are withdrawn everywhere",
        CONVERGENCE,
        () -> lab.routesOf(0).isEmpty() && FaultLab.learned(listener) == STABLE_ROUTES);
    assertEquals(
        stableRoutes, lab.routesOf(1), "the stable peer's routes while the flapper is down");
    lab.transport().startPeer(flapper);
    FaultLab.await(
        "the flapper's routes are back everywhere",
        CONVERGENCE,
        () ->
            lab.routesOf(0).size() == ROUTES
                && FaultLab.learned(listener) == ROUTES + STABLE_ROUTES);
    assertEquals(stableRoutes, lab.routesOf(1), "the stable peer's routes after the flap");
  }

  private static void originate(RouteServer speaker, int index, int count) {
    PathAttributes attributes = PathAttributes.builder().nextHop(FaultLab.address(index)).build();
    for (Prefix prefix : FaultLab.prefixes(index, count)) {
      speaker.originate(prefix, attributes);
    }
  }
}
