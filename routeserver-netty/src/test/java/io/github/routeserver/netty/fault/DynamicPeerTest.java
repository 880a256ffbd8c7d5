package io.github.routeserver.netty.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.fsm.FsmConfig;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.session.SessionConfig;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.engine.PeerHandle;
import io.github.routeserver.core.engine.PeerTemplate;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.netty.logcapture.LogCapture;
import io.github.routeserver.netty.logcapture.LoggedLine;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Peers admitted by a template ({@link PeerTemplate}, 127.0.1.0/24 here), over TCP on loopback: at
 * most {@code maxPeers} at a time, and removed once their session has waited {@link #EXPIRY} for a
 * connection, so that addresses that come and go do not pile up.
 */
@Tag("fault")
class DynamicPeerTest {
  private static final long TEMPLATE_AS = 65010;
  private static final Duration EXPIRY = Duration.ofMillis(300);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Prefix PREFIX = Prefix.parse("10.77.0.0/16");

  @Test
  void aFullTemplateRefusesANewAddressWithOutOfResourcesAndKeepsItsPeers() throws Exception {
    try (FaultLab lab = lab(2);
        LogCapture log = LogCapture.start();
        RawBgpPeer first = establish(lab, 1);
        RawBgpPeer second = establish(lab, 2)) {
      PeerHandle secondHandle = lab.server().peer(id(2)).orElseThrow();

      for (int attempt = 0; attempt < 3; attempt++) {
        List<BgpMessage> refusal = connectAndReadUntilClosed(lab, 3);
        assertEquals(1, refusal.size(), "attempt " + attempt + ": " + refusal);
        assertEquals(BgpError.OUT_OF_RESOURCES, ((Notification) refusal.get(0)).error());
      }
      List<LoggedLine> refusals = log.lines(line -> line.message().contains("maxPeers"));
      assertEquals(1, refusals.size(), refusals.toString());
      assertEquals(Level.WARN, refusals.get(0).level());
      assertTrue(refusals.get(0).message().contains("spoke"), refusals.toString());
      assertTrue(lab.server().peer(id(3)).isEmpty());
      assertFalse(lab.transport().states().containsKey(id(3)));
      // The two peers are still up, and the second one's session still carries routes.
      assertEquals(FsmState.ESTABLISHED, lab.transport().states().get(id(1)));
      assertEquals(FsmState.ESTABLISHED, lab.transport().states().get(id(2)));
      second.announce(List.of(PREFIX));
      FaultLab.await(
          "the second peer's route", WAIT, () -> routesOf(lab, 2) == 1 && routesOf(lab, 1) == 0);

      first.close(); // gone for good: its place is free once it is removed
      FaultLab.await("the first peer is removed", WAIT, () -> lab.server().peer(id(1)).isEmpty());
      try (RawBgpPeer third = establish(lab, 3)) {
        assertEquals(FsmState.ESTABLISHED, lab.transport().states().get(id(3)));
        assertEquals(FsmState.ESTABLISHED, lab.transport().states().get(id(2)));
        assertSame(secondHandle, lab.server().peer(id(2)).orElseThrow(), "never removed");
      }
    }
  }

  @Test
  void aDynamicPeerThatWentAwayIsRemovedWithItsRoutesAndItsAddressCanPeerAgain() throws Exception {
    try (FaultLab lab = lab(1)) {
      RouteServer listener = lab.peer(0); // a configured peer: it learns what the others announce
      PeerHandle before;
      try (RawBgpPeer nva = establish(lab, 1)) {
        before = lab.server().peer(id(1)).orElseThrow();
        nva.announce(List.of(PREFIX));
        FaultLab.await(
            "the listener learns the dynamic peer's route",
            WAIT,
            () -> FaultLab.learned(listener) == 1);
      }

      FaultLab.await(
          "the dynamic peer is removed",
          WAIT,
          () -> lab.server().peer(id(1)).isEmpty() && !lab.transport().states().containsKey(id(1)));
      assertEquals(0, routesOf(lab, 1));
      FaultLab.await("the listener drops its route", WAIT, () -> FaultLab.learned(listener) == 0);

      // Back, in a template of one: its place is free again.
      try (RawBgpPeer nva = establish(lab, 1)) {
        nva.announce(List.of(PREFIX));
        FaultLab.await(
            "the listener learns the route again", WAIT, () -> FaultLab.learned(listener) == 1);
        assertNotSame(before, lab.server().peer(id(1)).orElseThrow());
      }
    }
  }

  /**
   * A lab with one configured peer (127.0.0.2) and the template "spoke" for 127.0.1.0/24, AS
   * {@value #TEMPLATE_AS}, of at most {@code maxPeers} peers; dynamic peers are removed after
   * {@link #EXPIRY} and wait 100 ms after a failed session (the idle hold time).
   */
  private static FaultLab lab(int maxPeers) {
    FaultLab lab =
        new FaultLab(
            1, b -> b.dynamicPeerExpiry(EXPIRY).dynamicSessions(DynamicPeerTest::dynamicSession));
    lab.server()
        .addTemplate(
            PeerTemplate.of("spoke", Prefix.parse("127.0.1.0/24"), TEMPLATE_AS)
                .withMaxPeers(maxPeers));
    return lab;
  }

  private static SessionConfig dynamicSession(PeerConfig peer) {
    return SessionConfig.builder(peer.id(), FaultLab.SERVER_AS, FaultLab.SERVER)
        .name(peer.name())
        .peerAs(peer.asn())
        .fsm(
            f ->
                f.connectMode(FsmConfig.ConnectMode.LISTEN_ONLY)
                    .idleHoldTime(Duration.ofMillis(100), Duration.ofMillis(400)))
        .build();
  }

  /** 127.0.1.{@code n}. */
  private static IpAddress address(int n) {
    return IpAddress.parse("127.0.1." + n);
  }

  private static PeerId id(int n) {
    return new PeerId(address(n));
  }

  /** Connects from 127.0.1.{@code n} and brings the session up, on both sides. */
  private static RawBgpPeer establish(FaultLab lab, int n) throws IOException {
    RawBgpPeer peer = RawBgpPeer.connect(address(n), TEMPLATE_AS, lab.serverAddress(), 0);
    try {
      peer.establish(FaultLab.HOLD_TIME, WAIT);
      FaultLab.await(
          "the server's session with " + address(n),
          WAIT,
          () -> lab.transport().states().get(id(n)) == FsmState.ESTABLISHED);
      return peer;
    } catch (IOException | RuntimeException e) {
      peer.close();
      throw e;
    }
  }

  /**
   * Connects from 127.0.1.{@code n}, sends nothing and reads what comes until the server closes.
   */
  private static List<BgpMessage> connectAndReadUntilClosed(FaultLab lab, int n)
      throws IOException {
    try (RawBgpPeer peer = RawBgpPeer.connect(address(n), TEMPLATE_AS, lab.serverAddress(), 0)) {
      return peer.readUntilClosed(WAIT);
    }
  }

  private static long routesOf(FaultLab lab, int n) {
    return lab.server().snapshot().rib().adjRibIn(id(n)).count();
  }
}
