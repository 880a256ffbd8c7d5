package io.github.routeserver.bgp.fsm;

import static io.github.routeserver.bgp.fsm.FsmFixtures.LOCAL_AS;
import static io.github.routeserver.bgp.fsm.FsmFixtures.LOCAL_ID;
import static io.github.routeserver.bgp.fsm.FsmFixtures.PEER_AS;
import static io.github.routeserver.bgp.fsm.FsmFixtures.PEER_ID;
import static io.github.routeserver.bgp.fsm.FsmFixtures.config;
import static io.github.routeserver.bgp.fsm.FsmFixtures.open;
import static io.github.routeserver.bgp.fsm.FsmFixtures.peerOpen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.core.net.IpAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The OPEN checks, the path to Established, and the NOTIFICATION for every unexpected message. */
class FsmMessageTest {
  private static final ConnectionId IN = ConnectionId.inbound(1);

  private static FsmDriver inOpenSent(FsmConfig config) {
    FsmDriver driver = new FsmDriver(config);
    driver.start();
    driver.on(new FsmEvent.TcpConnected(IN));
    assertEquals(FsmState.OPEN_SENT, driver.state());
    driver.drain();
    return driver;
  }

  private static FsmDriver inOpenConfirm() {
    FsmDriver driver = inOpenSent(config().build());
    driver.on(new FsmEvent.OpenReceived(IN, peerOpen()));
    assertEquals(FsmState.OPEN_CONFIRM, driver.state());
    driver.drain();
    return driver;
  }

  private static FsmDriver inEstablished() {
    FsmDriver driver = new FsmDriver(config().build());
    driver.establishInbound(peerOpen());
    driver.drain();
    return driver;
  }

  private static Notification fsmError(BgpError error, int type) {
    return new Notification(error, Octets.copyOf(new byte[] {(byte) type}));
  }

  private static void assertClosedWith(FsmDriver driver, List<FsmAction> actions, Notification n) {
    assertEquals(List.<BgpMessage>of(n), FsmDriver.sent(actions, IN));
    assertTrue(actions.contains(new FsmAction.Disconnect(IN)), "disconnects: " + actions);
    assertEquals(FsmState.IDLE, driver.state());
  }

  @Test
  void reachesEstablishedThroughOpenSentAndOpenConfirm() {
    FsmDriver driver = new FsmDriver(config().build());
    driver.start();
    ConnectionId out = driver.lastConnect();
    Open local = driver.fsm().config().localOpen();

    List<FsmAction> connected = driver.on(new FsmEvent.TcpConnected(out));
    List<FsmAction> opened = driver.on(new FsmEvent.OpenReceived(out, peerOpen()));
    List<FsmAction> confirmed = driver.on(new FsmEvent.KeepaliveReceived(out));

    assertEquals(List.of(new FsmAction.Send(out, local)), connected);
    assertEquals(List.of(new FsmAction.Send(out, Keepalive.INSTANCE)), opened);
    assertEquals(List.of(new FsmAction.Established(out, peerOpen(), 90)), confirmed);
    assertEquals(FsmState.ESTABLISHED, driver.state());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void refusesAHoldTimeOfOneOrTwoSecondsWithUnacceptableHoldTime(int holdTime) {
    FsmDriver driver = inOpenSent(config().build());

    List<FsmAction> actions = driver.on(new FsmEvent.OpenReceived(IN, peerOpen(holdTime)));

    assertClosedWith(driver, actions, Notification.of(BgpError.UNACCEPTABLE_HOLD_TIME));
  }

  @Test
  void refusesAHoldTimeBelowTheConfiguredMinimum() {
    FsmDriver driver = inOpenSent(config().minimumHoldTime(30).build());

    List<FsmAction> actions = driver.on(new FsmEvent.OpenReceived(IN, peerOpen(29)));

    assertClosedWith(driver, actions, Notification.of(BgpError.UNACCEPTABLE_HOLD_TIME));
  }

  @Test
  void refusesAnotherVersionWithTheVersionItSpeaks() {
    FsmDriver driver = inOpenSent(config().build());
    Open v3 = peerOpen();
    v3 = new Open(3, v3.myAs(), v3.holdTime(), v3.bgpIdentifier(), v3.capabilities());

    List<FsmAction> actions = driver.on(new FsmEvent.OpenReceived(IN, v3));

    assertClosedWith(
        driver,
        actions,
        new Notification(BgpError.UNSUPPORTED_VERSION_NUMBER, Octets.fromHex("0004")));
  }

  @Test
  void refusesAPeerOfAnotherAsWithBadPeerAs() {
    FsmDriver driver = inOpenSent(config().build());

    List<FsmAction> actions =
        driver.on(new FsmEvent.OpenReceived(IN, open(PEER_AS + 1, 90, PEER_ID)));

    assertClosedWith(driver, actions, Notification.of(BgpError.BAD_PEER_AS));
  }

  @Test
  void acceptsAnyAsWhenNoneIsConfigured() {
    FsmDriver driver = inOpenSent(config().peerAs(null).build());

    driver.on(new FsmEvent.OpenReceived(IN, open(4_200_000_000L, 90, PEER_ID)));

    assertEquals(FsmState.OPEN_CONFIRM, driver.state());
  }

  @Test
  void refusesBgpIdentifierZero() {
    FsmDriver driver = inOpenSent(config().build());

    List<FsmAction> actions =
        driver.on(new FsmEvent.OpenReceived(IN, open(PEER_AS, 90, IpAddress.ofIpv4(0))));

    assertClosedWith(driver, actions, Notification.of(BgpError.BAD_BGP_IDENTIFIER));
  }

  @Test
  void refusesOurOwnBgpIdentifierFromAnInternalPeer() {
    FsmDriver driver = inOpenSent(config().peerAs(LOCAL_AS).build());

    List<FsmAction> actions =
        driver.on(new FsmEvent.OpenReceived(IN, open(LOCAL_AS, 90, LOCAL_ID)));

    assertClosedWith(driver, actions, Notification.of(BgpError.BAD_BGP_IDENTIFIER));
  }

  @Test
  void acceptsOurOwnBgpIdentifierFromAnExternalPeer() {
    FsmDriver driver = inOpenSent(config().build());

    driver.on(new FsmEvent.OpenReceived(IN, open(PEER_AS, 90, LOCAL_ID)));

    assertEquals(FsmState.OPEN_CONFIRM, driver.state(), "RFC 6286 section 2.2");
  }

  @Test
  void sendsTheRefusalOfTheConfiguredOpenCheck() {
    Notification roleMismatch = Notification.of(BgpError.ROLE_MISMATCH);
    FsmDriver driver =
        inOpenSent(config().openCheck(received -> Optional.of(roleMismatch)).build());

    List<FsmAction> actions = driver.on(new FsmEvent.OpenReceived(IN, peerOpen()));

    assertClosedWith(driver, actions, roleMismatch);
  }

  static Stream<Arguments> unexpectedMessages() {
    Function<ConnectionId, FsmEvent> keepalive = FsmEvent.KeepaliveReceived::new;
    Function<ConnectionId, FsmEvent> update = FsmEvent.UpdateReceived::new;
    Function<ConnectionId, FsmEvent> refresh = FsmEvent.RouteRefreshReceived::new;
    Function<ConnectionId, FsmEvent> open = id -> new FsmEvent.OpenReceived(id, peerOpen());
    Function<ConnectionId, FsmEvent> updateError =
        id -> new FsmEvent.MessageError(id, Notification.of(BgpError.MALFORMED_ATTRIBUTE_LIST));
    Function<ConnectionId, FsmEvent> openError =
        id -> new FsmEvent.MessageError(id, Notification.of(BgpError.OPEN_MESSAGE_ERROR));
    BgpError sent = BgpError.UNEXPECTED_MESSAGE_IN_OPEN_SENT;
    BgpError confirm = BgpError.UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM;
    BgpError established = BgpError.UNEXPECTED_MESSAGE_IN_ESTABLISHED;
    return Stream.of(
        Arguments.of(FsmState.OPEN_SENT, "KEEPALIVE", keepalive, fsmError(sent, 4)),
        Arguments.of(FsmState.OPEN_SENT, "UPDATE", update, fsmError(sent, 2)),
        Arguments.of(FsmState.OPEN_SENT, "ROUTE-REFRESH", refresh, fsmError(sent, 5)),
        Arguments.of(FsmState.OPEN_SENT, "malformed UPDATE", updateError, fsmError(sent, 2)),
        Arguments.of(FsmState.OPEN_CONFIRM, "OPEN", open, fsmError(confirm, 1)),
        Arguments.of(FsmState.OPEN_CONFIRM, "UPDATE", update, fsmError(confirm, 2)),
        Arguments.of(FsmState.OPEN_CONFIRM, "ROUTE-REFRESH", refresh, fsmError(confirm, 5)),
        Arguments.of(FsmState.OPEN_CONFIRM, "malformed UPDATE", updateError, fsmError(confirm, 2)),
        Arguments.of(FsmState.ESTABLISHED, "OPEN", open, fsmError(established, 1)),
        Arguments.of(FsmState.ESTABLISHED, "malformed OPEN", openError, fsmError(established, 1)));
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("unexpectedMessages")
  void answersAnUnexpectedMessageWithTheFiniteStateMachineErrorOfRfc6608(
      FsmState state,
      String message,
      Function<ConnectionId, FsmEvent> event,
      Notification expected) {
    FsmDriver driver =
        switch (state) {
          case OPEN_SENT -> inOpenSent(config().build());
          case OPEN_CONFIRM -> inOpenConfirm();
          default -> inEstablished();
        };

    List<FsmAction> actions = driver.on(event.apply(IN));

    assertClosedWith(driver, actions, expected);
    assertEquals(
        state == FsmState.ESTABLISHED,
        actions.contains(new FsmAction.SessionDown(IN, DownReason.sent(expected))));
  }

  @Test
  void answersAMessageBeforeTheDelayedOpenWithUnspecifiedFiniteStateMachineError() {
    FsmDriver driver = inDelayOpen(config().connectMode(FsmConfig.ConnectMode.LISTEN_ONLY));

    List<FsmAction> actions = driver.on(new FsmEvent.UpdateReceived(IN));

    assertClosedWith(driver, actions, Notification.of(BgpError.FINITE_STATE_MACHINE_ERROR));
  }

  @Test
  void sendsNoNotificationBeforeItsOpenWhenNotAllowedTo() {
    FsmDriver driver =
        inDelayOpen(
            config()
                .connectMode(FsmConfig.ConnectMode.LISTEN_ONLY)
                .sendNotificationWithoutOpen(false));

    List<FsmAction> actions = driver.on(new FsmEvent.UpdateReceived(IN));

    assertEquals(List.of(new FsmAction.Disconnect(IN)), actions);
    assertEquals(FsmState.IDLE, driver.state());
  }

  @Test
  void rejectsASecondConnectionWhileTheFirstWaitsForTheDelayOpenTimer() {
    FsmDriver driver = inDelayOpen(config());
    ConnectionId second = ConnectionId.inbound(2);

    List<FsmAction> actions = driver.on(new FsmEvent.TcpConnected(second));

    // RFC 4486 section 3: no OPEN was compared, so this is no collision (6/7) but a refusal.
    assertEquals(
        List.of(
            new FsmAction.Send(second, Notification.of(BgpError.CONNECTION_REJECTED)),
            new FsmAction.Disconnect(second)),
        actions);
  }

  private static FsmDriver inDelayOpen(FsmConfig.Builder config) {
    FsmDriver driver = new FsmDriver(config.delayOpenTime(Duration.ofSeconds(10)).build());
    driver.start();
    driver.on(new FsmEvent.TcpConnected(IN));
    driver.drain();
    return driver;
  }

  @Test
  void sendsAHeaderErrorAsTheDecoderReportedIt() {
    FsmDriver driver = inOpenSent(config().build());
    Notification badLength = new Notification(BgpError.BAD_MESSAGE_LENGTH, Octets.fromHex("0012"));

    List<FsmAction> actions = driver.on(new FsmEvent.MessageError(IN, badLength));

    assertClosedWith(driver, actions, badLength);
  }

  @Test
  void sendsAnUpdateErrorInEstablishedAndEndsTheSession() {
    FsmDriver driver = inEstablished();
    Notification malformed = Notification.of(BgpError.MALFORMED_AS_PATH);

    List<FsmAction> actions = driver.on(new FsmEvent.MessageError(IN, malformed));

    assertEquals(
        List.of(
            new FsmAction.Send(IN, malformed),
            new FsmAction.Disconnect(IN),
            new FsmAction.SessionDown(IN, DownReason.sent(malformed))),
        actions);
  }

  @Test
  void neverAnswersANotification() {
    for (FsmDriver driver :
        List.of(inOpenSent(config().build()), inOpenConfirm(), inEstablished())) {
      Notification peerError = Notification.of(BgpError.BAD_PEER_AS);
      FsmState before = driver.state();

      List<FsmAction> actions = driver.on(new FsmEvent.NotificationReceived(IN, peerError));

      assertTrue(FsmDriver.sent(actions, IN).isEmpty(), "nothing sent in " + before);
      assertTrue(actions.contains(new FsmAction.Disconnect(IN)));
      assertEquals(FsmState.IDLE, driver.state());
    }
  }

  @Test
  void aNotificationInEstablishedEndsTheSessionWithThePeersReason() {
    FsmDriver driver = inEstablished();
    Notification shutdown = Notification.administrativeShutdown("bye");

    List<FsmAction> actions = driver.on(new FsmEvent.NotificationReceived(IN, shutdown));

    assertEquals(
        List.of(
            new FsmAction.Disconnect(IN),
            new FsmAction.SessionDown(IN, DownReason.received(shutdown))),
        actions);
  }

  @Test
  void refusesAConnectionInIdleWithConnectionRejected() {
    FsmDriver driver = new FsmDriver(config().build());

    List<FsmAction> actions = driver.on(new FsmEvent.TcpConnected(IN));

    assertEquals(
        List.of(
            new FsmAction.Send(IN, Notification.of(BgpError.CONNECTION_REJECTED)),
            new FsmAction.Disconnect(IN)),
        actions);
    assertEquals(FsmState.IDLE, driver.state());
  }

  @Test
  void manualStopInEstablishedSendsTheShutdownCommunication() {
    FsmDriver driver = inEstablished();
    Notification shutdown = Notification.administrativeShutdown("planned maintenance");

    List<FsmAction> actions = driver.on(new FsmEvent.ManualStop(shutdown));

    assertEquals(
        List.of(
            new FsmAction.Send(IN, shutdown),
            new FsmAction.Disconnect(IN),
            new FsmAction.SessionDown(IN, DownReason.sent(shutdown))),
        actions);
    assertEquals(FsmState.IDLE, driver.state());
    assertEquals(0, driver.fsm().connectRetryCounter());
  }

  @Test
  void tcpFailureInOpenSentFallsBackToActive() {
    FsmDriver driver = inOpenSent(config().build());

    List<FsmAction> actions = driver.on(new FsmEvent.TcpFailed(IN));

    assertTrue(actions.isEmpty());
    assertEquals(FsmState.ACTIVE, driver.state());
    assertTrue(driver.fsm().deadline(Timer.CONNECT_RETRY).isPresent());
  }

  @Test
  void aFailedOutboundAttemptInConnectGoesIdle() {
    FsmDriver driver = new FsmDriver(config().build());
    driver.start();

    List<FsmAction> actions = driver.on(new FsmEvent.TcpFailed(driver.lastConnect()));

    assertTrue(actions.isEmpty());
    assertEquals(FsmState.IDLE, driver.state());
    assertTrue(driver.fsm().deadline(Timer.IDLE_HOLD).isPresent(), "restarts automatically");
  }

  @Test
  void ignoresWhatAClosedConnectionStillDelivers() {
    FsmDriver driver = inEstablished();
    ConnectionId old = ConnectionId.inbound(99);

    List<FsmAction> actions = driver.on(new FsmEvent.UpdateReceived(old));

    assertTrue(actions.isEmpty());
    assertEquals(FsmState.ESTABLISHED, driver.state());
  }
}
