package io.github.routeserver.netty.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.interop.Daemon;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our route server restarted in place with graceful restart (RFC 4724) between two BIRD 2 daemons
 * that take part in it as receiving speakers: the daemons keep the server's routes while it is down
 * and while it defers route selection after its restart, and hold the same tables afterwards.
 */
@Tag("interop")
class ServerRestartInteropTest {
  private static final Logger log = LoggerFactory.getLogger(ServerRestartInteropTest.class);
  private static final int BULK = 1_000;
  private static final Optional<Duration> GRACEFUL_RESTART = Optional.of(Duration.ofSeconds(120));
  private static final Duration DOWN = Duration.ofSeconds(5);
  private static final Duration SELECTION_DEFERRAL = Duration.ofSeconds(60);
  private static final Duration CONVERGENCE = Duration.ofSeconds(60);
  private static final Duration AFTERWARDS = Duration.ofSeconds(3);

  /** What the daemons and the server hold: compared before and after the restart. */
  private record Tables(
      Map<Prefix, ObservedRoute> atA,
      Map<Prefix, ObservedRoute> atB,
      Map<Prefix, String> importedAtB,
      Map<Prefix, PathAttributes> server) {
    static Tables of(RouteServerLab lab, BirdDaemon a, BirdDaemon b) throws Exception {
      return new Tables(
          a.routesFromServer(),
          b.routesFromServer(),
          b.importTimesFromServer(),
          lab.server()
              .snapshot()
              .rib()
              .locRib()
              .collect(
                  Collectors.toMap(
                      Route::prefix, Route::attributes, (x, y) -> x, LinkedHashMap::new)));
    }
  }

  @Test
  void daemonsKeepTheServersRoutesThroughARestartInPlaceAndHoldTheSameTablesAfterwards(
      @TempDir Path dir) throws Exception {
    Daemon.assumeInstalled(DaemonKind.BIRD.binary().isPresent(), DaemonKind.BIRD.toString());
    try (RouteServerLab lab = new RouteServerLab(dir, RouteServerProfile.TRANSPARENT, 65000)) {
      BirdDaemon a =
          (BirdDaemon)
              lab.add(DaemonKind.BIRD, 65001, RouteServerLab.DAEMON_CONNECTS, GRACEFUL_RESTART);
      a.originateBulk(bulk());
      BirdDaemon b =
          (BirdDaemon)
              lab.add(DaemonKind.BIRD, 65002, RouteServerLab.DAEMON_CONNECTS, GRACEFUL_RESTART);
      lab.start();
      long fromA = BULK + a.routes().size();
      long fromB = b.routes().size();
      lab.await(
          "b holds a's " + fromA + " routes and a holds b's " + fromB,
          CONVERGENCE,
          () -> {
            a.poke(); // BIRD 2.0 sends the last chunk of a table only when it wakes up
            return b.prefixesFromServer() == fromA && a.prefixesFromServer() == fromB;
          });
      Tables before = Tables.of(lab, a, b);
      assertEquals(fromA, before.atB().size());
      assertEquals(fromA + fromB, before.server().size(), "our RIB");

      long receivedBefore = b.announcementsReceived();

      lab.stopServerWithoutNotification();
      long stopped = System.nanoTime();
      lab.await(
          "both daemons see the connection gone and keep the server's routes stale",
          RouteServerLab.SESSION_UP,
          () -> a.keepsServerRoutesStale() && b.keepsServerRoutesStale());
      Poll.throughout(
          "b keeps a's " + fromA + " routes while the server is down",
          DOWN,
          () -> b.prefixesFromServer() >= fromA);
      lab.restartServer(SELECTION_DEFERRAL);
      long restarted = System.nanoTime();
      List<Long> heldMeanwhile = new ArrayList<>();
      Duration converged =
          lab.await(
              "the restarted server has sent both daemons their tables",
              CONVERGENCE,
              () -> {
                a.poke();
                long held = b.prefixesFromServer();
                heldMeanwhile.add(held);
                assertTrue(held >= fromA, "b holds " + held + " of a's routes, fewer than before");
                // b got the whole table again and its End-of-RIB, which ends its stale phase.
                return lab.state(a) == FsmState.ESTABLISHED
                    && lab.state(b) == FsmState.ESTABLISHED
                    && !lab.selectionDeferred()
                    && b.announcementsReceived() >= receivedBefore + fromA
                    && !a.keepsServerRoutesStale()
                    && !b.keepsServerRoutesStale();
              });
      Poll.throughout(
          "b keeps a's " + fromA + " routes once the server has converged",
          AFTERWARDS,
          () -> b.prefixesFromServer() == fromA);
      Tables after = Tables.of(lab, a, b);

      log.info(
          "restart in place: down {} ms, converged {} ms after the restart; b's count of a's"
              + " routes, polled {} times meanwhile, between {} and {}",
          (restarted - stopped) / 1_000_000,
          converged.toMillis(),
          heldMeanwhile.size(),
          heldMeanwhile.stream().mapToLong(Long::longValue).min().orElseThrow(),
          heldMeanwhile.stream().mapToLong(Long::longValue).max().orElseThrow());
      assertEquals(before.atB(), after.atB(), "b's routes from the server");
      assertEquals(before.atA(), after.atA(), "a's routes from the server");
      assertEquals(
          before.importedAtB(),
          after.importedAtB(),
          "when b imported each route: b never removed one and learned it again");
      assertEquals(before.server(), after.server(), "our RIB");
    }
  }

  /** {@value #BULK} /24 prefixes from 20.0.0.0. */
  private static List<Prefix> bulk() {
    List<Prefix> prefixes = new ArrayList<>(BULK);
    for (int i = 0; i < BULK; i++) {
      prefixes.add(Prefix.ofIpv4(20 << 24 | i << 8, 24));
    }
    return prefixes;
  }
}
