package io.github.routeserver.netty.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.fsm.FsmConfig;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.session.SessionConfig;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.netty.KernelSupport;
import io.github.routeserver.netty.NettyRouteServer;
import io.github.routeserver.netty.PeerEndpoint;
import io.github.routeserver.netty.TcpCounters;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * GTSM (RFC 5082) on our side against a peer that does not use it: a plain Java socket, whose
 * packets leave with the system's default TTL (64), below the 255 a directly connected GTSM peer
 * needs. The kernel drops them (its {@code TCPMinTTLDrop} counter grows) and no session comes up;
 * the same peer without GTSM on our side establishes.
 */
@Tag("fault")
class GtsmTest {
  private static final int PEER = 0;
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration OBSERVED = Duration.ofSeconds(3);

  @BeforeEach
  void assumeTheKernelHasIt() {
    KernelSupport.assumeGtsm();
  }

  @Test
  void whenEveryPeerUsesGtsmTheListenerDropsTheSynOfALowTtlPeer() throws Exception {
    try (FaultLab lab = FaultLab.withGtsm(1, 1)) {
      long dropped = TcpCounters.read(TcpCounters.MIN_TTL_DROP);
      assertThrows(
          SocketTimeoutException.class,
          () ->
              RawBgpPeer.connect(
                  FaultLab.address(PEER), FaultLab.asn(PEER), lab.serverAddress(), 0));
      assertTrue(TcpCounters.read(TcpCounters.MIN_TTL_DROP) > dropped, "no TCPMinTTLDrop counted");
      assertEquals(FsmState.ACTIVE, state(lab));
    }
  }

  @Test
  void aGtsmPeerSharingTheListenerWithOthersHasItsLowTtlOpenDroppedOnceAccepted() throws Exception {
    try (FaultLab lab = FaultLab.withGtsm(2, 1);
        RawBgpPeer raw =
            RawBgpPeer.connect(
                FaultLab.address(PEER), FaultLab.asn(PEER), lab.serverAddress(), 0)) {
      // The others do not use GTSM, so the listener cannot: the connection is accepted, and gets
      // the peer's minimum TTL before we read from it (the session's OPEN_SENT follows that).
      FaultLab.await("the connection is accepted", WAIT, () -> state(lab) == FsmState.OPEN_SENT);
      long dropped = TcpCounters.read(TcpCounters.MIN_TTL_DROP);
      raw.sendOpen(FaultLab.HOLD_TIME);
      raw.send(Keepalive.INSTANCE);
      FaultLab.await(
          "the kernel drops the OPEN",
          WAIT,
          () -> TcpCounters.read(TcpCounters.MIN_TTL_DROP) > dropped);
      long until = System.nanoTime() + OBSERVED.toNanos();
      while (System.nanoTime() < until) {
        assertEquals(FsmState.OPEN_SENT, state(lab), "the session moved on");
        Thread.sleep(20); // polling real sockets: the only way to observe them
      }
    }
  }

  @Test
  void theSamePeerEstablishesWithoutGtsmOnOurSide() throws Exception {
    try (FaultLab lab = FaultLab.withGtsm(2, 0);
        RawBgpPeer raw =
            RawBgpPeer.connect(
                FaultLab.address(PEER), FaultLab.asn(PEER), lab.serverAddress(), 0)) {
      raw.establish(FaultLab.HOLD_TIME, WAIT);
      FaultLab.await("the session is up", WAIT, () -> state(lab) == FsmState.ESTABLISHED);
    }
  }

  @Test
  void ourGtsmConnectionToALowTtlListenerNeverCompletesTheHandshake() throws Exception {
    for (boolean gtsm : new boolean[] {true, false}) {
      try (FaultLab lab = new FaultLab(0);
          ServerSocket plain = new ServerSocket()) {
        plain.bind(new InetSocketAddress(FaultLab.SERVER.toInetAddress(), 0));
        plain.setSoTimeout((int) OBSERVED.toMillis());
        long dropped = TcpCounters.read(TcpCounters.MIN_TTL_DROP);
        lab.peer(PEER, plain.getLocalPort(), gtsm);
        if (gtsm) {
          // Its SYN-ACK comes with TTL 64: our connecting socket drops it, the SYN is retried.
          assertThrows(SocketTimeoutException.class, plain::accept);
          assertTrue(TcpCounters.read(TcpCounters.MIN_TTL_DROP) > dropped, "no drop counted");
        } else {
          plain.accept().close();
        }
      }
    }
  }

  @Test
  void overIpv6TheListenerDropsTheSynOfALowHopLimitPeer() throws Exception {
    IpAddress loopback = IpAddress.parse("::1");
    PeerId id = new PeerId(loopback);
    PeerEndpoint endpoint =
        PeerEndpoint.of(
                PeerConfig.builder().id(id).asn(65001L).build(),
                SessionConfig.builder(id, FaultLab.SERVER_AS, FaultLab.SERVER)
                    .peerAs(65001L)
                    .fsm(f -> f.connectMode(FsmConfig.ConnectMode.LISTEN_ONLY))
                    .build(),
                179)
            .withGtsm(1);
    try (RouteServer server =
            RouteServer.builder().localAsn(FaultLab.SERVER_AS).routerId(FaultLab.SERVER).build();
        NettyRouteServer transport =
            NettyRouteServer.builder(server)
                .threads(1)
                .listen(new InetSocketAddress(loopback.toInetAddress(), 0))
                .peer(endpoint)
                .build();
        Socket plain = new Socket()) {
      server.start();
      transport.start();
      long dropped = TcpCounters.read(TcpCounters.MIN_TTL_DROP);
      plain.bind(new InetSocketAddress(loopback.toInetAddress(), 0));
      assertThrows(
          SocketTimeoutException.class,
          () -> plain.connect(transport.boundAddresses().get(0), (int) OBSERVED.toMillis()));
      assertTrue(TcpCounters.read(TcpCounters.MIN_TTL_DROP) > dropped, "no drop counted");
    }
  }

  private static PeerId peerId() {
    return new PeerId(FaultLab.address(PEER));
  }

  private static FsmState state(FaultLab lab) {
    return lab.transport().states().get(peerId());
  }
}
