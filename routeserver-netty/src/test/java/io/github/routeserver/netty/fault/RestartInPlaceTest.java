package io.github.routeserver.netty.fault;

import static io.github.routeserver.netty.fault.FaultLab.address;
import static io.github.routeserver.netty.fault.FaultLab.asn;
import static io.github.routeserver.netty.fault.FaultLab.prefixes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.GracefulRestartCapability;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The route server as restarting speaker of graceful restart (RFC 4724 section 4.1), on real TCP
 * with peers played by {@link RawBgpPeer}s: after a start built with {@code restart}, no route and
 * no End-of-RIB goes out until the End-of-RIB of every configured peer with graceful restart, or
 * until the selection deferral timer runs out; and the stop before a restart sends no NOTIFICATION.
 * Then a whole restart in place between speakers of our own library, which keep the server's
 * routes.
 */
@Tag("fault")
class RestartInPlaceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration QUIET = Duration.ofMillis(500);
  private static final int ROUTES = 1_000;
  private static final List<Capability> GRACEFUL_RESTART =
      List.of(
          new GracefulRestartCapability(
              false,
              false,
              120,
              ImmutableList.of(new GracefulRestartCapability.Family(AfiSafi.IPV4_UNICAST, true))));

  @Test
  void sendsNoRouteNorEndOfRibBeforeTheEndOfRibOfEveryPeerWithGracefulRestart() throws Exception {
    try (FaultLab lab = new FaultLab(2, b -> b.restart(Duration.ofSeconds(60)));
        RawBgpPeer a = RawBgpPeer.connect(address(0), asn(0), lab.serverAddress(), 0);
        RawBgpPeer b = RawBgpPeer.connect(address(1), asn(1), lab.serverAddress(), 0)) {
      Open serverOpen = a.establish(FaultLab.HOLD_TIME, TIMEOUT, GRACEFUL_RESTART);
      GracefulRestartCapability capability =
          serverOpen.capabilities(GracefulRestartCapability.class).get(0);
      assertTrue(capability.restarting(), "the Restart State bit: " + capability);
      b.establish(FaultLab.HOLD_TIME, TIMEOUT, GRACEFUL_RESTART);
      a.send(a.update(prefixes(0, 100), 1));
      b.send(b.update(prefixes(1, 50), 2));
      a.send(Update.EMPTY);
      FaultLab.await(
          "the server holds both peers' routes",
          TIMEOUT,
          () -> lab.routesOf(0).size() == 100 && lab.routesOf(1).size() == 50);

      assertEquals(List.of(), updates(a, QUIET), "to a before b's End-of-RIB");
      assertEquals(List.of(), updates(b, QUIET), "to b before b's End-of-RIB");
      assertTrue(lab.transport().selectionDeferred());
      b.send(Update.EMPTY);

      assertTableThenEndOfRib(a, prefixes(1, 50));
      assertTableThenEndOfRib(b, prefixes(0, 100));
      assertFalse(lab.transport().selectionDeferred());
    }
  }

  @Test
  void doesNotWaitForAPeerThatComesBackWithoutGracefulRestart() throws Exception {
    try (FaultLab lab = new FaultLab(2, b -> b.restart(Duration.ofSeconds(60)));
        RawBgpPeer a = RawBgpPeer.connect(address(0), asn(0), lab.serverAddress(), 0);
        RawBgpPeer b = RawBgpPeer.connect(address(1), asn(1), lab.serverAddress(), 0)) {
      a.establish(FaultLab.HOLD_TIME, TIMEOUT, GRACEFUL_RESTART);
      b.establish(FaultLab.HOLD_TIME, TIMEOUT, List.of());
      b.send(b.update(prefixes(1, 50), 2));
      FaultLab.await("the server holds b's routes", TIMEOUT, () -> lab.routesOf(1).size() == 50);
      assertEquals(List.of(), updates(a, QUIET), "to a before its End-of-RIB");

      a.send(Update.EMPTY);

      assertTableThenEndOfRib(a, prefixes(1, 50));
      assertTableThenEndOfRib(b, List.of());
    }
  }

  @Test
  void selectionDeferralTimerEndsTheWaitForAPeerThatDoesNotComeBack() throws Exception {
    Duration deferral = Duration.ofSeconds(2);
    long started = System.nanoTime();
    try (FaultLab lab = new FaultLab(2, b -> b.restart(deferral));
        RawBgpPeer a = RawBgpPeer.connect(address(0), asn(0), lab.serverAddress(), 0)) {
      a.establish(FaultLab.HOLD_TIME, TIMEOUT, GRACEFUL_RESTART);
      a.send(a.update(prefixes(0, 10), 1));
      a.send(Update.EMPTY);

      assertTableThenEndOfRib(a, List.of());
      long elapsed = System.nanoTime() - started;
      assertTrue(
          elapsed >= deferral.toNanos(),
          "End-of-RIB after " + elapsed / 1_000_000 + " ms, before the timer of " + deferral);
      assertFalse(lab.transport().selectionDeferred());
    }
  }

  @Test
  void closeWithoutNotificationDropsTheConnectionsSilently() throws Exception {
    try (FaultLab lab = new FaultLab(1);
        RawBgpPeer a = RawBgpPeer.connect(address(0), asn(0), lab.serverAddress(), 0)) {
      a.establish(FaultLab.HOLD_TIME, TIMEOUT, GRACEFUL_RESTART);
      assertTableThenEndOfRib(a, List.of());

      lab.transport().closeWithoutNotification();

      List<BgpMessage> last = a.readUntilClosed(TIMEOUT);
      assertTrue(
          last.stream().noneMatch(Notification.class::isInstance), "sent before closing: " + last);
    }
  }

  @Test
  void ourSpeakersKeepTheServersRoutesThroughARestartInPlaceAndHoldTheSameTablesAfterwards()
      throws Exception {
    try (FaultLab lab = new FaultLab(2)) {
      RouteServer a = lab.peer(0);
      RouteServer b = lab.peer(1);
      PathAttributes attributes = PathAttributes.builder().nextHop(address(0)).build();
      prefixes(0, ROUTES).forEach(prefix -> a.originate(prefix, attributes));
      FaultLab.await("b learns a's routes", TIMEOUT, () -> FaultLab.learned(b) == ROUTES);
      Map<Prefix, PathAttributes> atB = fromServer(b);
      Map<Prefix, PathAttributes> inServer = lab.locRib();
      long sessionBefore = serverSessionAt(b).orElseThrow();

      lab.stopServerWithoutNotification();
      holdsThroughout(b, Duration.ofSeconds(1));
      // a stays away until b is back, so that b would get an empty table without the deferral.
      lab.peerTransport(0).stopPeer(new PeerId(FaultLab.SERVER), "held back by the test");
      lab.restartServer(Duration.ofSeconds(60));
      PeerId peerB = new PeerId(address(1));
      FaultLab.await(
          "b is back", TIMEOUT, () -> lab.transport().states().get(peerB) == FsmState.ESTABLISHED);
      holdsThroughout(b, QUIET);
      assertTrue(lab.transport().selectionDeferred(), "still waiting for a");
      lab.peerTransport(0).startPeer(new PeerId(FaultLab.SERVER));
      FaultLab.await(
          "b holds a's routes from the restarted server's session",
          TIMEOUT,
          () -> {
            assertEquals(ROUTES, FaultLab.learned(b), "b's routes from the server");
            return !lab.transport().selectionDeferred()
                && b.snapshot()
                    .rib()
                    .adjRibIn(new PeerId(FaultLab.SERVER))
                    .allMatch(r -> r.source().session() > sessionBefore);
          });
      holdsThroughout(b, Duration.ofMillis(500));

      assertEquals(atB, fromServer(b), "b's routes from the server");
      assertEquals(inServer, lab.locRib(), "the server's RIB");
    }
  }

  /** Checks every 10 ms for {@code duration} that {@code b} holds all {@value #ROUTES} routes. */
  private static void holdsThroughout(RouteServer b, Duration duration)
      throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < deadline) {
      assertEquals(ROUTES, FaultLab.learned(b), "b's routes from the server");
      Thread.sleep(10); // polling the speaker's RIB: nothing to wait on
    }
  }

  /** The routes {@code speaker} holds from the server: prefix and attributes. */
  private static Map<Prefix, PathAttributes> fromServer(RouteServer speaker) {
    return speaker
        .snapshot()
        .rib()
        .adjRibIn(new PeerId(FaultLab.SERVER))
        .collect(Collectors.toMap(Route::prefix, Route::attributes));
  }

  /** The number of the session in which {@code speaker} learned its routes from the server. */
  private static OptionalLong serverSessionAt(RouteServer speaker) {
    return speaker
        .snapshot()
        .rib()
        .adjRibIn(new PeerId(FaultLab.SERVER))
        .mapToLong(r -> r.source().session())
        .max();
  }

  /** The UPDATEs {@code peer} receives within {@code window}. */
  private static List<Update> updates(RawBgpPeer peer, Duration window) throws IOException {
    long deadline = System.nanoTime() + window.toNanos();
    List<Update> updates = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      BgpMessage message = peer.read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (message instanceof Update update) {
        updates.add(update);
      }
    }
    return updates;
  }

  /** {@code peer} receives exactly {@code expected} and then End-of-RIB. */
  private static void assertTableThenEndOfRib(RawBgpPeer peer, List<Prefix> expected)
      throws IOException {
    Set<Prefix> announced = new HashSet<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      BgpMessage message = peer.read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      assertTrue(message != null, "no End-of-RIB within " + TIMEOUT + "; announced " + announced);
      if (message.equals(Update.EMPTY)) {
        break;
      }
      if (message instanceof Update update) {
        announced.addAll(update.nlri().prefixes());
      }
    }
    assertEquals(Set.copyOf(expected), announced, "before End-of-RIB");
  }
}
