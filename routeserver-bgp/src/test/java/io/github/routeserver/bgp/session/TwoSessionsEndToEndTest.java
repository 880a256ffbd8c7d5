package io.github.routeserver.bgp.session;

import static io.github.routeserver.bgp.session.Speakers.A_ADDRESS;
import static io.github.routeserver.bgp.session.Speakers.B_ADDRESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.fsm.DownReason;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two of our sessions, connected by the in-memory network, through a whole life on the virtual
 * clock: establish, exchange 100,000 routes, refresh, shut down administratively, come back, and
 * restart gracefully.
 */
class TwoSessionsEndToEndTest {
  private static final int TABLE = 100_000;
  private static final int BACK = 1_000;
  private static final int GONE_AFTER_RESTART = 1_000;

  /** The {@code i}-th /24 from 10.0.0.0 on (100,000 of them reach 11.134.159.0/24). */
  private static Prefix prefix(int i) {
    return Prefix.ofIpv4(0x0A00_0000 + (i << 8), 24);
  }

  /** 100 attribute sets, so that UPDATEs pack many prefixes per set. */
  private static final List<PathAttributes> ATTRIBUTES =
      IntStream.range(0, 100)
          .mapToObj(
              i ->
                  PathAttributes.builder()
                      .asPath(AsPath.of(Speakers.A_AS, 64_512 + i, 65_100))
                      .nextHop(A_ADDRESS)
                      .communities(List.of(Community.of(65001, i)))
                      .build())
          .toList();

  private static PathAttributes attributes(int i) {
    return ATTRIBUTES.get(i % ATTRIBUTES.size());
  }

  @Test
  void exchangesAHundredThousandRoutesRefreshesShutsDownAndRestartsGracefully() {
    Speakers speakers =
        new Speakers(
            a -> a.gracefulRestart(Duration.ofSeconds(120), true),
            b -> b.gracefulRestart(Duration.ofSeconds(120), true));
    for (int i = 0; i < TABLE; i++) {
      speakers.aEngine.export(prefix(i), attributes(i));
    }
    PathAttributes fromB =
        PathAttributes.builder().asPath(AsPath.of(Speakers.B_AS)).nextHop(B_ADDRESS).build();
    for (int i = 0; i < BACK; i++) {
      speakers.bEngine.export(Prefix.ofIpv4(0xAC10_0000 + (i << 8), 24), fromB);
    }

    // Establish and exchange.
    speakers.establish();
    assertEquals(TABLE, speakers.bEngine.adjRibIn.size());
    assertEquals(
        speakers.aEngine.exportedTable(AfiSafi.IPV4_UNICAST), speakers.bEngine.routesByPrefix());
    assertEquals(BACK, speakers.aEngine.adjRibIn.size());
    assertTrue(speakers.bEngine.events.contains("end-of-rib IPV4/UNICAST"));
    assertTrue(speakers.aEngine.events.contains("end-of-rib IPV4/UNICAST"));

    // b asks for a's routes again: the whole table crosses once more, between BoRR and EoRR.
    long before = speakers.bEngine.routesAnnounced;
    assertTrue(speakers.b.requestRouteRefresh(AfiSafi.IPV4_UNICAST, speakers.network.now()));
    speakers.network.settle();
    assertEquals(TABLE, speakers.bEngine.routesAnnounced - before);
    assertEquals(TABLE, speakers.bEngine.adjRibIn.size());
    assertTrue(speakers.aEngine.events.contains("refresh requested IPV4/UNICAST"));

    // a shuts down: b learns why, and drops a's routes (no graceful restart after a NOTIFICATION).
    speakers.a.stop("maintenance window", speakers.network.now());
    speakers.advance(Duration.ofSeconds(30));
    assertEquals(
        DownReason.received(Notification.administrativeShutdown("maintenance window")),
        speakers.bEngine.downs.get(0));
    assertTrue(speakers.bEngine.adjRibIn.isEmpty());
    assertEquals(FsmState.IDLE, speakers.a.state(), "stays down until started");
    assertEquals(FsmState.ACTIVE, speakers.b.state(), "b listens again");

    // a comes back.
    speakers.a.start(speakers.network.now());
    speakers.network.settle();
    assertEquals(FsmState.ESTABLISHED, speakers.b.state());
    assertEquals(TABLE, speakers.bEngine.adjRibIn.size());

    // a's host dies; b keeps a's routes stale. a restarts with 1,000 routes fewer.
    speakers.network.remove(speakers.a);
    assertEquals(DownReason.connectionLost(), speakers.bEngine.downs.get(1));
    assertEquals(Set.of(AfiSafi.IPV4_UNICAST), speakers.bEngine.keptStale.get(1));
    speakers.advance(Duration.ofSeconds(20));
    assertEquals(TABLE, speakers.bEngine.adjRibIn.size(), "stale, within the restart time");

    MapEngine restarted = new MapEngine();
    for (int i = GONE_AFTER_RESTART; i < TABLE; i++) {
      restarted.export(prefix(i), attributes(i));
    }
    BgpSession a2 =
        new BgpSession(
            speakers.a.config(), speakers.network.connector("a", "b"), restarted, restarted);
    speakers.network.add(a2);
    a2.start(speakers.network.now());
    speakers.advance(Duration.ofSeconds(60));

    assertEquals(FsmState.ESTABLISHED, a2.state());
    assertEquals(FsmState.ESTABLISHED, speakers.b.state());
    Map<Prefix, PathAttributes> held = speakers.bEngine.routesByPrefix();
    assertEquals(restarted.exportedTable(AfiSafi.IPV4_UNICAST), held);
    long session = speakers.b.negotiated().orElseThrow().source().session();
    for (Route route : speakers.bEngine.adjRibIn.values()) {
      assertEquals(session, route.source().session(), "no stale route left");
    }
    assertTrue(speakers.b.staleFamilies().isEmpty());
  }
}
