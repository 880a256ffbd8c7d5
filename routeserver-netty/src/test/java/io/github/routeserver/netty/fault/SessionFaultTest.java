package io.github.routeserver.netty.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.ErrorCode;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.netty.logcapture.LogCapture;
import io.github.routeserver.netty.logcapture.LoggedLine;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Sessions that end badly, played by {@link RawBgpPeer} against our server over real TCP, next to a
 * well-behaved peer whose routes must not move: a peer silent after its OPEN, a peer silent once
 * established (what a half-open connection looks like from our side), and a connection reset in the
 * middle of an UPDATE. Each is handled as RFC 4271 says (section 6.5, Hold Timer Expired; section
 * 8, the connection's routes withdrawn), and the peer can come back.
 */
@Tag("fault")
class SessionFaultTest {
  private static final int RAW = 0;
  private static final int WELL_BEHAVED = 1;
  private static final int LISTENER = 2;
  private static final int SHORT_HOLD = 3;
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aPeerSilentAfterItsOpenIsClosedWithHoldTimerExpired() throws Exception {
    try (FaultLab lab = new FaultLab(3);
        LogCapture log = LogCapture.start();
        RawBgpPeer raw =
            RawBgpPeer.connect(FaultLab.address(RAW), FaultLab.asn(RAW), lab.serverAddress(), 0)) {
      List<Route> others = wellBehaved(lab);
      raw.sendOpen(SHORT_HOLD);
      long start = System.nanoTime();
      List<BgpMessage> messages = raw.readUntilClosed(WAIT);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(messages.get(0) instanceof Open, "the server's OPEN first: " + messages);
      assertHoldTimerExpired(messages);
      assertTrue(took.toMillis() >= 2_000, "closed after " + took + ", before the hold time");
      assertEquals(others, lab.routesOf(WELL_BEHAVED));
      assertLoggedOnce(log.lines(), "HOLD_TIMER_EXPIRED", Level.WARN);
    }
  }

  @Test
  void aShutdownCommunicationIsLoggedOnOneLineWhateverItHolds() throws Exception {
    try (FaultLab lab = new FaultLab(3);
        LogCapture log = LogCapture.start()) {
      try (RawBgpPeer raw =
          RawBgpPeer.connect(FaultLab.address(RAW), FaultLab.asn(RAW), lab.serverAddress(), 0)) {
        raw.establish(SHORT_HOLD, WAIT);
        raw.send(Notification.administrativeShutdown("maintenance\nERROR forged line"));
        raw.readUntilClosed(WAIT);
      }
      FaultLab.await(
          "the NOTIFICATION is logged",
          WAIT,
          () -> log.lines().stream().anyMatch(l -> l.message().contains("maintenance")));
      LoggedLine line =
          log.lines().stream().filter(l -> l.message().contains("maintenance")).findFirst().get();
      assertTrue(line.message().contains("\"maintenance\\nERROR forged line\""), line::message);
      assertFalse(line.message().contains("\n"), line::message);
    }
  }

  @Test
  void aPeerSilentOnceEstablishedLosesItsRoutesAtHoldTimerExpiry() throws Exception {
    try (FaultLab lab = new FaultLab(3);
        LogCapture log = LogCapture.start()) {
      List<Route> others = wellBehaved(lab);
      RouteServer listener = lab.peer(LISTENER);
      try (RawBgpPeer raw =
          RawBgpPeer.connect(FaultLab.address(RAW), FaultLab.asn(RAW), lab.serverAddress(), 0)) {
        raw.establish(SHORT_HOLD, WAIT);
        raw.send(raw.update(FaultLab.prefixes(RAW, 10), 1));
        FaultLab.await("its routes arrive", WAIT, () -> lab.routesOf(RAW).size() == 10);
        // From here on it sends nothing, as a peer behind a dead link or a half-open connection.
        assertHoldTimerExpired(raw.readUntilClosed(WAIT));
      }
      FaultLab.await(
          "its routes are withdrawn everywhere",
          WAIT,
          () -> lab.routesOf(RAW).isEmpty() && FaultLab.learned(listener) == others.size());
      assertEquals(others, lab.routesOf(WELL_BEHAVED));
      assertLoggedOnce(log.lines(), "HOLD_TIMER_EXPIRED", Level.WARN);
      assertLoggedOnce(log.lines(), "session down", Level.INFO);
    }
  }

  @Test
  void aConnectionResetInTheMiddleOfAnUpdateAppliesNoneOfItAndThePeerComesBack() throws Exception {
    try (FaultLab lab = new FaultLab(3);
        LogCapture log = LogCapture.start()) {
      List<Route> others = wellBehaved(lab);
      RouteServer listener = lab.peer(LISTENER);
      List<Prefix> first = FaultLab.prefixes(RAW, 10);
      List<Prefix> second = FaultLab.prefixes(RAW, 20).subList(10, 20);
      try (RawBgpPeer raw =
          RawBgpPeer.connect(FaultLab.address(RAW), FaultLab.asn(RAW), lab.serverAddress(), 0)) {
        raw.establish(FaultLab.HOLD_TIME, WAIT);
        raw.send(raw.update(first, 1));
        FaultLab.await("the first UPDATE arrives", WAIT, () -> lab.routesOf(RAW).size() == 10);
        byte[] update = RawBgpPeer.bytes(raw.update(second, 2));
        raw.sendRaw(Arrays.copyOf(update, update.length / 2));
        raw.reset();
      }
      PeerId rawId = new PeerId(FaultLab.address(RAW));
      FaultLab.await(
          "the session is down and its routes are gone everywhere",
          WAIT,
          () ->
              lab.transport().states().get(rawId) != FsmState.ESTABLISHED
                  && lab.routesOf(RAW).isEmpty()
                  && FaultLab.learned(listener) == others.size());
      assertEquals(others, lab.routesOf(WELL_BEHAVED));
      List<LoggedLine> untilDown = log.lines();
      assertLoggedOnce(untilDown, "Connection reset", Level.INFO);
      assertLoggedOnce(untilDown, "session down", Level.INFO);

      try (RawBgpPeer again = reconnect(lab)) {
        again.send(again.update(second, 3));
        FaultLab.await(
            "the peer is back with the routes of its new session",
            WAIT,
            () ->
                lab.routesOf(RAW).stream().map(Route::prefix).toList().equals(sorted(second))
                    && FaultLab.learned(listener) == others.size() + second.size());
      }
      assertEquals(others, lab.routesOf(WELL_BEHAVED));
    }
  }

  /** Starts the well-behaved peer with 5 routes; returns them as the server holds them. */
  private static List<Route> wellBehaved(FaultLab lab) {
    RouteServer peer = lab.peer(WELL_BEHAVED);
    for (Prefix prefix : FaultLab.prefixes(WELL_BEHAVED, 5)) {
      peer.originate(
          prefix, PathAttributes.builder().nextHop(FaultLab.address(WELL_BEHAVED)).build());
    }
    FaultLab.await(
        "the well-behaved peer's routes arrive",
        WAIT,
        () -> lab.routesOf(WELL_BEHAVED).size() == 5);
    return lab.routesOf(WELL_BEHAVED);
  }

  /**
   * Connects as the raw peer again until the server, back from Idle (RFC 4271 8.1.1's idle hold
   * time), accepts the session, as a real peer retries.
   */
  private static RawBgpPeer reconnect(FaultLab lab) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      RawBgpPeer peer =
          RawBgpPeer.connect(FaultLab.address(RAW), FaultLab.asn(RAW), lab.serverAddress(), 0);
      try {
        peer.establish(FaultLab.HOLD_TIME, WAIT);
        return peer;
      } catch (java.io.IOException e) {
        peer.close();
        assertTrue(System.nanoTime() < deadline, "the server never took the peer back: " + e);
        Thread.sleep(200); // a real peer's connect retry, shortened
      }
    }
  }

  private static List<Prefix> sorted(List<Prefix> prefixes) {
    return prefixes.stream().sorted(java.util.Comparator.comparing(Prefix::toString)).toList();
  }

  /**
   * Asserts that exactly one line at INFO or above mentions {@code fault}, at {@code level}, naming
   * the raw peer (its name is its address), and that nothing was logged as an ERROR.
   */
  private static void assertLoggedOnce(List<LoggedLine> lines, String fault, Level level) {
    List<LoggedLine> errors = lines.stream().filter(l -> l.level() == Level.ERROR).toList();
    assertEquals(List.of(), errors);
    List<LoggedLine> mentions =
        lines.stream()
            .filter(l -> l.level().toInt() >= Level.INFO.toInt() && l.text().contains(fault))
            .toList();
    assertEquals(1, mentions.size(), fault + " logged " + mentions.size() + " times: " + mentions);
    assertEquals(level, mentions.get(0).level(), mentions.toString());
    assertTrue(
        mentions.get(0).message().contains(FaultLab.address(RAW) + ":"),
        "the line does not name the peer: " + mentions);
  }

  private static void assertHoldTimerExpired(List<BgpMessage> messages) {
    Notification last =
        messages.stream()
            .filter(Notification.class::isInstance)
            .map(Notification.class::cast)
            .reduce((a, b) -> b)
            .orElseThrow(() -> new AssertionError("no NOTIFICATION before the close: " + messages));
    assertEquals(ErrorCode.HOLD_TIMER_EXPIRED, last.error().code(), last.toString());
  }
}
