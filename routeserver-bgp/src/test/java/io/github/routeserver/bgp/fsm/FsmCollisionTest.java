package io.github.routeserver.bgp.fsm;

import static io.github.routeserver.bgp.fsm.FsmFixtures.LOCAL_AS;
import static io.github.routeserver.bgp.fsm.FsmFixtures.config;
import static io.github.routeserver.bgp.fsm.FsmFixtures.gracefulRestart;
import static io.github.routeserver.bgp.fsm.FsmFixtures.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.core.net.IpAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Connection collisions (RFC 4271 section 6.8): both speakers connect at once, and the connection
 * initiated by the one with the higher BGP identifier survives, whichever OPEN arrives first.
 */
class FsmCollisionTest {
  private static final Notification COLLISION =
      Notification.of(BgpError.CONNECTION_COLLISION_RESOLUTION);
  private static final IpAddress LOWER = IpAddress.parse("10.0.0.0");
  private static final IpAddress HIGHER = IpAddress.parse("10.0.0.9");
  private static final ConnectionId IN = ConnectionId.inbound(1);

  /** Our outbound connection is up and in OpenSent; the peer's inbound one arrives second. */
  private static FsmDriver bothConnected(FsmConfig config) {
    FsmDriver driver = new FsmDriver(config);
    driver.start();
    driver.on(new FsmEvent.TcpConnected(driver.lastConnect()));
    driver.on(new FsmEvent.TcpConnected(IN));
    assertEquals(IN, driver.fsm().collisionCandidate().orElseThrow());
    driver.drain();
    return driver;
  }

  private static Open peerWithId(IpAddress id) {
    return open(FsmFixtures.PEER_AS, 90, id);
  }

  @Test
  void sendsItsOpenOnTheSecondConnectionToo() {
    FsmDriver driver = new FsmDriver(config().build());
    driver.start();
    driver.on(new FsmEvent.TcpConnected(driver.lastConnect()));

    List<FsmAction> actions = driver.on(new FsmEvent.TcpConnected(IN));

    assertEquals(List.of(new FsmAction.Send(IN, driver.fsm().config().localOpen())), actions);
    assertEquals(FsmState.OPEN_SENT, driver.state());
  }

  @Test
  void withTheHigherIdentifierKeepsItsOutboundConnectionWhenTheOpenArrivesThere() {
    FsmDriver driver = bothConnected(config().build()); // local 10.0.0.1 > peer 10.0.0.0
    ConnectionId out = driver.fsm().connection().orElseThrow();

    List<FsmAction> actions = driver.on(new FsmEvent.OpenReceived(out, peerWithId(LOWER)));

    assertEquals(
        List.of(
            new FsmAction.Send(IN, COLLISION),
            new FsmAction.Disconnect(IN),
            new FsmAction.Send(out, Keepalive.INSTANCE)),
        actions);
    assertEquals(FsmState.OPEN_CONFIRM, driver.state());
    assertEquals(out, driver.fsm().connection().orElseThrow());
  }

  @Test
  void withTheHigherIdentifierKeepsItsOutboundConnectionWhenTheOpenArrivesOnTheInbound() {
    FsmDriver driver = bothConnected(config().build());
    ConnectionId out = driver.fsm().connection().orElseThrow();

    List<FsmAction> actions = driver.on(new FsmEvent.OpenReceived(IN, peerWithId(LOWER)));

    assertEquals(List.of(new FsmAction.Send(IN, COLLISION), new FsmAction.Disconnect(IN)), actions);
    assertEquals(FsmState.OPEN_SENT, driver.state(), "still waits for the OPEN on its own");
    assertEquals(out, driver.fsm().connection().orElseThrow());
  }

  @Test
  void withTheLowerIdentifierKeepsThePeersConnectionWhenTheOpenArrivesThere() {
    FsmDriver driver = bothConnected(config().build());
    ConnectionId out = driver.fsm().connection().orElseThrow();

    List<FsmAction> actions = driver.on(new FsmEvent.OpenReceived(IN, peerWithId(HIGHER)));

    assertEquals(
        List.of(
            new FsmAction.Send(out, COLLISION),
            new FsmAction.Disconnect(out),
            new FsmAction.Send(IN, Keepalive.INSTANCE)),
        actions);
    assertEquals(FsmState.OPEN_CONFIRM, driver.state());
    assertEquals(IN, driver.fsm().connection().orElseThrow());
    assertTrue(driver.fsm().collisionCandidate().isEmpty());
  }

  @Test
  void withTheLowerIdentifierKeepsThePeersConnectionWhenTheOpenArrivesOnItsOwn() {
    FsmDriver driver = bothConnected(config().build());
    ConnectionId out = driver.fsm().connection().orElseThrow();

    List<FsmAction> actions = driver.on(new FsmEvent.OpenReceived(out, peerWithId(HIGHER)));
    driver.on(new FsmEvent.OpenReceived(IN, peerWithId(HIGHER)));
    driver.on(new FsmEvent.KeepaliveReceived(IN));

    assertEquals(
        List.of(new FsmAction.Send(out, COLLISION), new FsmAction.Disconnect(out)), actions);
    assertEquals(FsmState.ESTABLISHED, driver.state());
    assertEquals(IN, driver.fsm().connection().orElseThrow());
  }

  @Test
  void withEqualIdentifiersKeepsTheConnectionOfTheHigherAs() {
    // RFC 6286 section 2.3; local AS 65000, peer AS 65001 with our identifier.
    FsmDriver driver = bothConnected(config().build());
    ConnectionId out = driver.fsm().connection().orElseThrow();

    driver.on(new FsmEvent.OpenReceived(out, peerWithId(FsmFixtures.LOCAL_ID)));

    assertEquals(IN, driver.fsm().connection().orElseThrow(), "the peer has the higher AS");
  }

  @Test
  void resolvesACollisionWithOpenConfirmWhenTheSecondOpenArrives() {
    FsmDriver driver = new FsmDriver(config().build());
    driver.start();
    ConnectionId out = driver.lastConnect();
    driver.on(new FsmEvent.TcpConnected(out));
    driver.on(new FsmEvent.OpenReceived(out, peerWithId(HIGHER)));
    driver.on(new FsmEvent.TcpConnected(IN));
    driver.drain();

    List<FsmAction> actions = driver.on(new FsmEvent.OpenReceived(IN, peerWithId(HIGHER)));

    assertEquals(
        List.of(
            new FsmAction.Send(out, COLLISION),
            new FsmAction.Disconnect(out),
            new FsmAction.Send(IN, Keepalive.INSTANCE)),
        actions);
    assertEquals(FsmState.OPEN_CONFIRM, driver.state());
  }

  @Test
  void closesANewConnectionThatCollidesWithAnEstablishedSession() {
    FsmDriver driver = new FsmDriver(config().build());
    ConnectionId established = driver.establishInbound(peerWithId(HIGHER));
    ConnectionId second = ConnectionId.inbound(2);
    driver.on(new FsmEvent.TcpConnected(second));
    driver.drain();

    List<FsmAction> actions = driver.on(new FsmEvent.OpenReceived(second, peerWithId(HIGHER)));

    assertEquals(
        List.of(new FsmAction.Send(second, COLLISION), new FsmAction.Disconnect(second)), actions);
    assertEquals(FsmState.ESTABLISHED, driver.state());
    assertEquals(established, driver.fsm().connection().orElseThrow());
  }

  private static ConnectionId establishOutbound(FsmDriver driver, Open peer) {
    driver.start();
    ConnectionId out = driver.lastConnect();
    driver.on(new FsmEvent.TcpConnected(out));
    driver.on(new FsmEvent.OpenReceived(out, peer));
    driver.on(new FsmEvent.KeepaliveReceived(out));
    assertEquals(FsmState.ESTABLISHED, driver.state());
    return out;
  }

  @Test
  void resolvesACollisionWithAnEstablishedSessionByIdentifierWhenConfiguredTo() {
    FsmDriver driver = new FsmDriver(config().collisionDetectEstablishedState(true).build());
    ConnectionId established = establishOutbound(driver, peerWithId(HIGHER));
    driver.on(new FsmEvent.TcpConnected(IN));
    driver.drain();

    List<FsmAction> actions = driver.on(new FsmEvent.OpenReceived(IN, peerWithId(HIGHER)));

    assertEquals(
        List.of(
            new FsmAction.Send(established, COLLISION),
            new FsmAction.Disconnect(established),
            new FsmAction.SessionDown(established, DownReason.sent(COLLISION)),
            new FsmAction.Send(IN, Keepalive.INSTANCE)),
        actions);
    assertEquals(FsmState.OPEN_CONFIRM, driver.state());
    assertEquals(IN, driver.fsm().connection().orElseThrow());
  }

  @Test
  void keepsTheEstablishedSessionWhenItWinsTheConfiguredCollisionDetection() {
    FsmDriver driver = new FsmDriver(config().collisionDetectEstablishedState(true).build());
    ConnectionId established = establishOutbound(driver, peerWithId(LOWER));
    driver.on(new FsmEvent.TcpConnected(IN));
    driver.drain();

    List<FsmAction> actions = driver.on(new FsmEvent.OpenReceived(IN, peerWithId(LOWER)));

    assertEquals(List.of(new FsmAction.Send(IN, COLLISION), new FsmAction.Disconnect(IN)), actions);
    assertEquals(FsmState.ESTABLISHED, driver.state());
    assertEquals(established, driver.fsm().connection().orElseThrow());
  }

  @Test
  void letsARestartedPeerInWhenBothAdvertiseGracefulRestart() {
    // RFC 4724 section 4.2: a new connection while the old one looks established means the peer
    // restarted; the old connection is closed, without a NOTIFICATION, and the new one kept.
    Open local = open(LOCAL_AS, 90, FsmFixtures.LOCAL_ID, gracefulRestart());
    FsmDriver driver = new FsmDriver(FsmConfig.builder(local).jitter(false, 0).build());
    Open peer = open(FsmFixtures.PEER_AS, 90, LOWER, gracefulRestart());
    ConnectionId old = driver.establishInbound(peer);
    ConnectionId fresh = ConnectionId.inbound(2);
    driver.on(new FsmEvent.TcpConnected(fresh));
    driver.drain();

    List<FsmAction> actions = driver.on(new FsmEvent.OpenReceived(fresh, peer));

    assertEquals(
        List.of(
            new FsmAction.Disconnect(old),
            new FsmAction.SessionDown(old, DownReason.peerRestarted()),
            new FsmAction.Send(fresh, Keepalive.INSTANCE)),
        actions);
    assertEquals(FsmState.OPEN_CONFIRM, driver.state());
    assertEquals(fresh, driver.fsm().connection().orElseThrow());
  }

  @Test
  void theSecondConnectionTakesOverWhenThePeerClosesTheFirst() {
    FsmDriver driver = bothConnected(config().build());
    ConnectionId out = driver.fsm().connection().orElseThrow();

    List<FsmAction> actions = driver.on(new FsmEvent.NotificationReceived(out, COLLISION));

    assertEquals(List.of(new FsmAction.Disconnect(out)), actions);
    assertEquals(FsmState.OPEN_SENT, driver.state());
    assertEquals(IN, driver.fsm().connection().orElseThrow());
    assertTrue(driver.fsm().deadline(Timer.HOLD).isPresent());
  }

  @Test
  void closesTheSecondConnectionIfNoOpenArrivesOnItInTheLargeHoldTime() {
    FsmDriver driver = new FsmDriver(config().build());
    ConnectionId established = driver.establishInbound(FsmFixtures.peerOpen(0));
    ConnectionId second = ConnectionId.inbound(2);
    driver.on(new FsmEvent.TcpConnected(second));
    driver.drain();

    driver.advance(Duration.ofMinutes(4));

    assertEquals(
        List.<BgpMessage>of(Notification.of(BgpError.HOLD_TIMER_EXPIRED)),
        FsmDriver.sent(FsmDriver.actionsOf(driver.drain()), second));
    assertEquals(established, driver.fsm().connection().orElseThrow());
    assertTrue(driver.fsm().collisionCandidate().isEmpty());
  }

  @Test
  void refusesAThirdConnection() {
    FsmDriver driver = bothConnected(config().build());
    ConnectionId third = ConnectionId.inbound(3);

    List<FsmAction> actions = driver.on(new FsmEvent.TcpConnected(third));

    assertEquals(
        List.of(
            new FsmAction.Send(third, Notification.of(BgpError.CONNECTION_REJECTED)),
            new FsmAction.Disconnect(third)),
        actions);
  }
}
