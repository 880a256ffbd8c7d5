package io.github.routeserver.bgp.fsm;

import static io.github.routeserver.bgp.fsm.FsmFixtures.config;
import static io.github.routeserver.bgp.fsm.FsmFixtures.peerOpen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every timer of the machine, on a virtual clock. */
class FsmTimerTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void sendsKeepalivesEveryThirdOfTheNegotiatedHoldTime() {
    FsmDriver driver = new FsmDriver(config().build());
    ConnectionId id = driver.establishInbound(peerOpen(90));
    driver.drain();

    for (int i = 0; i < 10; i++) {
      driver.on(new FsmEvent.KeepaliveReceived(id)); // the peer keeps the session alive
      driver.advance(Duration.ofSeconds(30));
    }

    List<Long> keepaliveTimes = new ArrayList<>();
    for (FsmDriver.Timed timed : driver.drain()) {
      assertEquals(new FsmAction.Send(id, Keepalive.INSTANCE), timed.action());
      keepaliveTimes.add(timed.at());
    }
    assertEquals(10, keepaliveTimes.size());
    for (int i = 1; i < keepaliveTimes.size(); i++) {
      assertEquals(30 * SECOND, keepaliveTimes.get(i) - keepaliveTimes.get(i - 1));
    }
    assertEquals(FsmState.ESTABLISHED, driver.state());
  }

  @Test
  void jitterShortensEachKeepaliveIntervalByAtMostAQuarter() {
    FsmDriver driver = new FsmDriver(config().jitter(true, 42).build());
    ConnectionId id = driver.establishInbound(peerOpen(90));
    driver.drain();
    long previous = driver.now();
    long shortest = Long.MAX_VALUE;
    long longest = 0;
    for (int i = 0; i < 200; i++) {
      driver.on(new FsmEvent.KeepaliveReceived(id));
      for (FsmDriver.Timed timed : driverAdvanceUntilKeepalive(driver)) {
        long interval = timed.at() - previous;
        shortest = Math.min(shortest, interval);
        longest = Math.max(longest, interval);
        previous = timed.at();
      }
    }
    assertTrue(shortest >= 30 * SECOND * 3 / 4, "shortest interval " + shortest);
    assertTrue(longest <= 30 * SECOND, "longest interval " + longest);
    assertTrue(longest - shortest > SECOND, "intervals vary: " + shortest + " to " + longest);
  }

  private static List<FsmDriver.Timed> driverAdvanceUntilKeepalive(FsmDriver driver) {
    driver.advance(
        Duration.ofNanos(driver.fsm().deadline(Timer.KEEPALIVE).getAsLong() - driver.now()));
    return driver.drain();
  }

  @Test
  void negotiatesTheSmallerHoldTime() {
    FsmDriver driver = new FsmDriver(config().build());
    driver.establishInbound(peerOpen(9));

    assertEquals(9, driver.fsm().negotiatedHoldTime().getAsInt());
    assertEquals(
        driver.now() + 9 * SECOND, driver.fsm().deadline(Timer.HOLD).getAsLong(), "hold timer");
    assertEquals(
        driver.now() + 3 * SECOND,
        driver.fsm().deadline(Timer.KEEPALIVE).getAsLong(),
        "keepalive timer");
  }

  @Test
  void zeroHoldTimeRunsNeitherHoldNorKeepaliveTimer() {
    FsmDriver driver = new FsmDriver(config().build());
    ConnectionId id = driver.establishInbound(peerOpen(0));
    driver.drain();

    driver.advance(Duration.ofDays(1));

    assertEquals(0, driver.fsm().negotiatedHoldTime().getAsInt());
    assertTrue(driver.fsm().nextDeadline().isEmpty());
    assertTrue(driver.drain().isEmpty(), "nothing sent in a day");
    assertEquals(FsmState.ESTABLISHED, driver.state());
    assertEquals(id, driver.fsm().connection().orElseThrow());
  }

  @Test
  void holdTimerExpiryInEstablishedSendsHoldTimerExpiredAndEndsTheSession() {
    FsmDriver driver = new FsmDriver(config().build());
    ConnectionId id = driver.establishInbound(peerOpen(90));
    driver.drain();

    driver.advance(Duration.ofSeconds(89));
    assertEquals(FsmState.ESTABLISHED, driver.state());
    List<FsmAction> actions = FsmDriver.actionsOf(driver.drain());
    driver.advance(Duration.ofSeconds(1));
    actions = FsmDriver.actionsOf(driver.drain());

    Notification expired = Notification.of(BgpError.HOLD_TIMER_EXPIRED);
    assertEquals(
        List.of(
            new FsmAction.Send(id, expired),
            new FsmAction.Disconnect(id),
            new FsmAction.SessionDown(id, DownReason.sent(expired))),
        actions);
    assertEquals(FsmState.IDLE, driver.state());
    assertEquals(1, driver.fsm().connectRetryCounter());
  }

  @Test
  void receivedKeepalivesAndUpdatesRestartTheHoldTimer() {
    FsmDriver driver = new FsmDriver(config().build());
    ConnectionId id = driver.establishInbound(peerOpen(90));
    driver.advance(Duration.ofSeconds(80));
    driver.on(new FsmEvent.UpdateReceived(id));
    driver.advance(Duration.ofSeconds(80));
    driver.on(new FsmEvent.KeepaliveReceived(id));
    driver.advance(Duration.ofSeconds(80));

    assertEquals(FsmState.ESTABLISHED, driver.state());
    assertEquals(driver.now() + 10 * SECOND, driver.fsm().deadline(Timer.HOLD).getAsLong());
  }

  @Test
  void readingHeldBackByTheHostRestartsTheHoldTimer() {
    FsmDriver driver = new FsmDriver(config().build());
    ConnectionId id = driver.establishInbound(peerOpen(90));
    driver.advance(Duration.ofSeconds(80));

    List<FsmAction> actions = driver.on(new FsmEvent.ReadingHeldBack(id));
    driver.advance(Duration.ofSeconds(80));

    assertEquals(List.of(), actions);
    assertEquals(FsmState.ESTABLISHED, driver.state());
    assertEquals(driver.now() + 10 * SECOND, driver.fsm().deadline(Timer.HOLD).getAsLong());
  }

  @Test
  void readingHeldBackBeforeEstablishedLeavesTheHoldTimerAlone() {
    FsmDriver driver = new FsmDriver(config().build());
    driver.start();
    ConnectionId id = ConnectionId.inbound(1);
    driver.on(new FsmEvent.TcpConnected(id));
    driver.on(new FsmEvent.OpenReceived(id, peerOpen(90)));
    assertEquals(FsmState.OPEN_CONFIRM, driver.state());
    long hold = driver.fsm().deadline(Timer.HOLD).getAsLong();
    driver.advance(Duration.ofSeconds(10));

    driver.on(new FsmEvent.ReadingHeldBack(id));

    assertEquals(hold, driver.fsm().deadline(Timer.HOLD).getAsLong());
  }

  @Test
  void anUpdateSentPostponesTheNextKeepalive() {
    FsmDriver driver = new FsmDriver(config().build());
    ConnectionId id = driver.establishInbound(peerOpen(90));
    driver.advance(Duration.ofSeconds(20));

    driver.on(new FsmEvent.UpdateSent(id));

    assertEquals(driver.now() + 30 * SECOND, driver.fsm().deadline(Timer.KEEPALIVE).getAsLong());
  }

  @Test
  void openSentUsesTheLargeHoldTimeUntilThePeersOpenArrives() {
    FsmDriver driver = new FsmDriver(config().build());
    driver.start();
    ConnectionId id = ConnectionId.inbound(1);
    driver.on(new FsmEvent.TcpConnected(id));
    assertEquals(FsmState.OPEN_SENT, driver.state());
    driver.drain();

    driver.advance(Duration.ofMinutes(4));

    assertEquals(
        List.of(
            new FsmAction.Send(id, Notification.of(BgpError.HOLD_TIMER_EXPIRED)),
            new FsmAction.Disconnect(id)),
        FsmDriver.actionsOf(driver.drain()));
    assertEquals(FsmState.IDLE, driver.state());
  }

  @Test
  void connectRetryTimerAbandonsTheAttemptAndConnectsAgainEveryInterval() {
    FsmDriver driver = new FsmDriver(config().connectRetryTime(Duration.ofSeconds(120)).build());
    driver.start();
    ConnectionId first = driver.lastConnect();
    assertEquals(FsmState.CONNECT, driver.state());
    driver.drain();

    driver.advance(Duration.ofSeconds(119));
    assertTrue(driver.drain().isEmpty());
    driver.advance(Duration.ofSeconds(1));
    ConnectionId second = driver.lastConnect();
    driver.advance(Duration.ofSeconds(120));
    ConnectionId third = driver.lastConnect();

    assertEquals(
        List.of(
            new FsmDriver.Timed(120 * SECOND, new FsmAction.Disconnect(first)),
            new FsmDriver.Timed(120 * SECOND, new FsmAction.Connect(second)),
            new FsmDriver.Timed(240 * SECOND, new FsmAction.Disconnect(second)),
            new FsmDriver.Timed(240 * SECOND, new FsmAction.Connect(third))),
        driver.drain());
    assertEquals(FsmState.CONNECT, driver.state());
  }

  @Test
  void passiveWaitsOneConnectRetryTimeBeforeConnecting() {
    FsmDriver driver = new FsmDriver(config().connectMode(FsmConfig.ConnectMode.PASSIVE).build());
    driver.start();
    assertEquals(FsmState.ACTIVE, driver.state());
    assertTrue(driver.drain().isEmpty(), "no connection attempt at start");

    driver.advance(Duration.ofSeconds(120));

    assertEquals(FsmState.CONNECT, driver.state());
    assertEquals(
        List.of(new FsmDriver.Timed(120 * SECOND, new FsmAction.Connect(driver.lastConnect()))),
        driver.drain());
  }

  @Test
  void listenOnlyNeverConnects() {
    FsmDriver driver =
        new FsmDriver(config().connectMode(FsmConfig.ConnectMode.LISTEN_ONLY).build());
    driver.start();
    driver.advance(Duration.ofDays(1));

    assertEquals(FsmState.ACTIVE, driver.state());
    assertTrue(driver.log().isEmpty());
    assertTrue(driver.fsm().nextDeadline().isEmpty());
  }

  @Test
  void delayOpenSendsTheOpenWhenTheTimerExpires() {
    FsmDriver driver =
        new FsmDriver(
            config()
                .connectMode(FsmConfig.ConnectMode.LISTEN_ONLY)
                .delayOpenTime(Duration.ofSeconds(5))
                .build());
    driver.start();
    ConnectionId id = ConnectionId.inbound(7);
    driver.on(new FsmEvent.TcpConnected(id));
    assertEquals(FsmState.ACTIVE, driver.state());
    assertTrue(driver.drain().isEmpty(), "no OPEN before the delay");

    driver.advance(Duration.ofSeconds(5));

    Open local = driver.fsm().config().localOpen();
    assertEquals(
        List.of(new FsmDriver.Timed(5 * SECOND, new FsmAction.Send(id, local))), driver.drain());
    assertEquals(FsmState.OPEN_SENT, driver.state());
  }

  @Test
  void delayOpenAnswersAnEarlyOpenWithOpenAndKeepalive() {
    FsmDriver driver = new FsmDriver(config().delayOpenTime(Duration.ofSeconds(5)).build());
    driver.start();
    ConnectionId outbound = driver.lastConnect();
    driver.on(new FsmEvent.TcpConnected(outbound));
    assertEquals(FsmState.CONNECT, driver.state());
    driver.drain();
    driver.advance(Duration.ofSeconds(2));

    List<FsmAction> actions = driver.on(new FsmEvent.OpenReceived(outbound, peerOpen()));

    Open local = driver.fsm().config().localOpen();
    assertEquals(List.<BgpMessage>of(local, Keepalive.INSTANCE), FsmDriver.sent(actions, outbound));
    assertEquals(FsmState.OPEN_CONFIRM, driver.state());
    assertTrue(driver.fsm().deadline(Timer.DELAY_OPEN).isEmpty());
  }

  @Test
  void idleHoldTimeDoublesAfterEachConsecutiveFailureUpToTheMaximum() {
    FsmDriver driver =
        new FsmDriver(
            config()
                .connectMode(FsmConfig.ConnectMode.LISTEN_ONLY)
                .idleHoldTime(Duration.ofSeconds(5), Duration.ofSeconds(60))
                .build());
    driver.start();
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ConnectionId id = ConnectionId.inbound(i);
      driver.on(new FsmEvent.TcpConnected(id));
      driver.on(new FsmEvent.KeepaliveReceived(id)); // unexpected in OpenSent: a failure
      assertEquals(FsmState.IDLE, driver.state());
      long failedAt = driver.now();
      driver.advance(Duration.ofNanos(driver.fsm().nextDeadline().getAsLong() - driver.now()));
      assertEquals(FsmState.ACTIVE, driver.state(), "restarted by the idle hold timer");
      waits.add((driver.now() - failedAt) / SECOND);
    }
    assertEquals(List.of(5L, 10L, 20L, 40L, 60L, 60L, 60L), waits);
  }

  @Test
  void withoutDampingTheIdleHoldTimeStaysTheSame() {
    FsmDriver driver =
        new FsmDriver(
            config()
                .connectMode(FsmConfig.ConnectMode.LISTEN_ONLY)
                .dampPeerOscillations(false)
                .idleHoldTime(Duration.ofSeconds(5), Duration.ofSeconds(60))
                .build());
    driver.start();
    for (int i = 0; i < 4; i++) {
      ConnectionId id = ConnectionId.inbound(i);
      driver.on(new FsmEvent.TcpConnected(id));
      driver.on(new FsmEvent.KeepaliveReceived(id)); // unexpected in OpenSent: a failure
      assertEquals(driver.now() + 5 * SECOND, driver.fsm().deadline(Timer.IDLE_HOLD).getAsLong());
      driver.advance(Duration.ofSeconds(5));
    }
    assertEquals(4, driver.fsm().consecutiveFailures());
  }

  @Test
  void aSessionEstablishedLongEnoughMakesDampingForgetEarlierFailures() {
    FsmDriver driver =
        new FsmDriver(
            config()
                .connectMode(FsmConfig.ConnectMode.LISTEN_ONLY)
                .idleHoldTime(Duration.ofSeconds(5), Duration.ofSeconds(300))
                .dampingForgetTime(Duration.ofMinutes(5))
                .build());
    driver.start();
    for (int i = 0; i < 3; i++) { // three failures: the next wait would be 40 s
      ConnectionId id = ConnectionId.inbound(i);
      driver.on(new FsmEvent.TcpConnected(id));
      driver.on(new FsmEvent.UpdateReceived(id));
      driver.advance(Duration.ofNanos(driver.fsm().nextDeadline().getAsLong() - driver.now()));
    }
    ConnectionId stable = ConnectionId.inbound(10);
    driver.on(new FsmEvent.TcpConnected(stable));
    driver.on(new FsmEvent.OpenReceived(stable, peerOpen(0)));
    driver.on(new FsmEvent.KeepaliveReceived(stable));
    driver.advance(Duration.ofMinutes(5));

    driver.on(new FsmEvent.TcpFailed(stable));

    assertEquals(1, driver.fsm().consecutiveFailures());
    assertEquals(driver.now() + 5 * SECOND, driver.fsm().deadline(Timer.IDLE_HOLD).getAsLong());
  }

  @Test
  void automaticStopSendsItsCeaseAndRestartsAfterTheIdleHoldTime() {
    FsmDriver driver = new FsmDriver(config().build());
    ConnectionId id = driver.establishInbound(peerOpen());
    driver.drain();
    Notification cease = Notification.of(BgpError.MAXIMUM_PREFIXES_REACHED);

    List<FsmAction> actions = driver.on(new FsmEvent.AutomaticStop(cease));
    driver.advance(Duration.ofSeconds(5));

    assertEquals(
        List.of(
            new FsmAction.Send(id, cease),
            new FsmAction.Disconnect(id),
            new FsmAction.SessionDown(id, DownReason.sent(cease))),
        actions);
    assertEquals(FsmState.CONNECT, driver.state(), "restarted after the idle hold time");
    assertInstanceOf(FsmAction.Connect.class, driver.log().get(driver.log().size() - 1).action());
  }

  @Test
  void manualStopCancelsThePendingAutomaticRestart() {
    FsmDriver driver = new FsmDriver(config().build());
    ConnectionId id = driver.establishInbound(peerOpen());
    driver.on(new FsmEvent.TcpFailed(id));
    assertTrue(driver.fsm().deadline(Timer.IDLE_HOLD).isPresent());

    driver.on(new FsmEvent.ManualStop(Notification.administrativeShutdown("maintenance")));
    driver.advance(Duration.ofDays(1));

    assertEquals(FsmState.IDLE, driver.state());
    assertFalse(driver.fsm().isStarted());
    assertTrue(driver.fsm().nextDeadline().isEmpty());
  }

  @Test
  void automaticStartWaitsForTheIdleHoldTimer() {
    FsmDriver driver = new FsmDriver(config().build());
    ConnectionId id = driver.establishInbound(peerOpen());
    driver.on(new FsmEvent.TcpFailed(id));

    driver.on(new FsmEvent.AutomaticStart());

    assertEquals(FsmState.IDLE, driver.state(), "damped");
    driver.on(new FsmEvent.ManualStart());
    assertEquals(FsmState.CONNECT, driver.state(), "the operator overrides damping");
  }

  @Test
  void withoutAutomaticStartAFailedSessionStaysIdle() {
    FsmDriver driver = new FsmDriver(config().allowAutomaticStart(false).build());
    ConnectionId id = driver.establishInbound(peerOpen());

    driver.on(new FsmEvent.TcpFailed(id));
    driver.advance(Duration.ofDays(1));
    driver.on(new FsmEvent.AutomaticStart());

    assertEquals(FsmState.IDLE, driver.state());
    assertTrue(driver.fsm().nextDeadline().isEmpty());
  }
}
