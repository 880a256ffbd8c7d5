package io.github.routeserver.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.fsm.FsmConfig;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.session.SessionConfig;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.Term;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real TCP sessions on loopback between our own speakers: a route server and two NVAs. */
class LoopbackSessionTest {
  private static final RoutePolicy ACCEPT = Term.named("accept").accept();
  private static final PeerPolicies OPEN =
      PeerPolicies.builder().importDefault(ACCEPT).exportDefault(ACCEPT).build();
  private static final IpAddress RS = IpAddress.parse("127.0.0.1");
  private static final IpAddress NVA1 = IpAddress.parse("127.0.0.2");
  private static final IpAddress NVA2 = IpAddress.parse("127.0.0.3");

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private RouteServer speaker(RouteServerProfile profile, long asn, IpAddress id) {
    RouteServer server =
        RouteServer.builder().localAsn(asn).routerId(id).profile(profile).policies(OPEN).build();
    server.start();
    closing.add(server);
    return server;
  }

  private static SessionConfig session(
      IpAddress peer, long localAs, IpAddress localId, long peerAs, FsmConfig.ConnectMode mode) {
    return SessionConfig.builder(new PeerId(peer), localAs, localId)
        .peerAs(peerAs)
        .holdTime(9)
        .families(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST)
        .fsm(f -> f.connectMode(mode).connectRetryTime(Duration.ofMillis(200)))
        .build();
  }

  private NettyRouteServer routeServer(RouteServer server) {
    NettyRouteServer.Builder transport =
        NettyRouteServer.builder(server)
            .threads(2)
            .listen(new InetSocketAddress(RS.toInetAddress(), 0));
    for (IpAddress nva : List.of(NVA1, NVA2)) {
      long asn = nva.equals(NVA1) ? 65001 : 65002;
      transport.peer(
          PeerEndpoint.of(
              PeerConfig.builder().id(new PeerId(nva)).asn(asn).build(),
              session(nva, 65515, RS, asn, FsmConfig.ConnectMode.LISTEN_ONLY),
              179));
    }
    NettyRouteServer netty = transport.build();
    closing.add(netty);
    netty.start();
    return netty;
  }

  private NettyRouteServer nva(RouteServer nva, IpAddress address, long asn, int rsPort) {
    NettyRouteServer netty =
        NettyRouteServer.builder(nva)
            .threads(1)
            .peer(
                new PeerEndpoint(
                    PeerConfig.builder().id(new PeerId(RS)).asn(65515).build(),
                    session(RS, asn, address, 65515, FsmConfig.ConnectMode.ACTIVE),
                    rsPort,
                    Optional.of(address),
                    Optional.empty()))
            .build();
    closing.add(netty);
    netty.start();
    return netty;
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
      try {
        Thread.sleep(20); // polling real sockets: the only way to observe them
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void routesFromOneNvaReachTheOtherThroughTheRouteServerWithItsAsPrepended() {
    RouteServer ars = speaker(RouteServerProfile.AZURE, 65515, RS);
    NettyRouteServer arsTransport = routeServer(ars);
    int port = arsTransport.boundAddresses().get(0).getPort();
    RouteServer nva1 = speaker(RouteServerProfile.ROUTER, 65001, NVA1);
    RouteServer nva2 = speaker(RouteServerProfile.ROUTER, 65002, NVA2);
    NettyRouteServer nva1Transport = nva(nva1, NVA1, 65001, port);
    nva(nva2, NVA2, 65002, port);

    Prefix onPrem = Prefix.parse("192.168.0.0/16");
    Prefix onPrem6 = Prefix.parse("2001:db8:100::/48");
    nva1.originate(onPrem, PathAttributes.builder().nextHop(NVA1).build());
    nva1.originate(
        onPrem6, PathAttributes.builder().nextHop(IpAddress.parse("2001:db8::2")).build());

    await(
        "NVA2 learns the on-premises prefix", () -> nva2.snapshot().rib().best(onPrem).isPresent());
    Route learned = nva2.snapshot().rib().best(onPrem).orElseThrow();
    assertEquals(AsPath.of(65515, 65001), learned.attributes().asPath());
    assertEquals(RS, learned.attributes().nextHop().orElseThrow(), "route server is next hop");
    assertEquals(PeerId.of("127.0.0.1"), learned.source().peer());
    assertEquals(FsmState.ESTABLISHED, arsTransport.states().get(new PeerId(NVA1)));

    await("the IPv6 route arrives too", () -> nva2.snapshot().rib().best(onPrem6).isPresent());
    assertEquals(
        AsPath.of(65515, 65001),
        nva2.snapshot().rib().best(onPrem6).orElseThrow().attributes().asPath());

    nva1.withdrawOriginated(onPrem);
    await("the withdrawal propagates", () -> nva2.snapshot().rib().best(onPrem).isEmpty());

    nva1Transport.close();
    await(
        "NVA1's routes go when its session ends",
        () -> ars.snapshot().rib().best(onPrem6).isEmpty());
  }

  @Test
  void connectionsFromUnknownAddressesAreClosedUnread() throws Exception {
    RouteServer ars = speaker(RouteServerProfile.AZURE, 65515, RS);
    NettyRouteServer arsTransport = routeServer(ars);
    int port = arsTransport.boundAddresses().get(0).getPort();
    try (java.net.Socket stranger = new java.net.Socket()) {
      stranger.bind(new InetSocketAddress(IpAddress.parse("127.0.0.9").toInetAddress(), 0));
      stranger.connect(new InetSocketAddress(RS.toInetAddress(), port), 5000);
      stranger.setSoTimeout(5000);
      assertEquals(-1, stranger.getInputStream().read(), "closed without a byte");
    }
  }

  /**
   * A peer on a raw socket sees a CEASE, Administrative Shutdown (6/2) before the connection closes
   * when the route server closes, whichever of its four loops the session and the accepted channel
   * run on: a loop that shuts down closes its channels at once, so close() must let them write
   * first.
   */
  @Test
  void closeSendsEachEstablishedPeerACeaseBeforeTheConnectionCloses() throws Exception {
    for (int round = 0; round < 4; round++) {
      RouteServer ars = speaker(RouteServerProfile.AZURE, 65515, RS);
      NettyRouteServer arsTransport =
          NettyRouteServer.builder(ars)
              .threads(4)
              .listen(new InetSocketAddress(RS.toInetAddress(), 0))
              .peer(
                  PeerEndpoint.of(
                      PeerConfig.builder().id(new PeerId(NVA1)).asn(65001).build(),
                      session(NVA1, 65515, RS, 65001, FsmConfig.ConnectMode.LISTEN_ONLY),
                      179))
              .build();
      closing.add(arsTransport);
      arsTransport.start();
      int port = arsTransport.boundAddresses().get(0).getPort();
      try (java.net.Socket nva = new java.net.Socket()) {
        nva.bind(new InetSocketAddress(NVA1.toInetAddress(), 0));
        nva.connect(new InetSocketAddress(RS.toInetAddress(), port), 5000);
        nva.setSoTimeout(5000);
        java.io.DataInputStream in = new java.io.DataInputStream(nva.getInputStream());
        // OPEN: version 4, AS 65001, hold time 9, BGP identifier 127.0.0.2, IPv4 unicast.
        nva.getOutputStream().write(message(1, "04 fde9 0009 7f000002 08 02 06 01 04 0001 0001"));
        assertEquals(1, readMessage(in)[18], "the server's OPEN");
        nva.getOutputStream().write(message(4, ""));
        assertEquals(4, readMessage(in)[18], "the server's KEEPALIVE");
        await(
            "the session is established",
            () -> arsTransport.states().get(new PeerId(NVA1)) == FsmState.ESTABLISHED);

        arsTransport.close();

        byte[] last;
        do { // UPDATEs (End-of-RIB) and KEEPALIVEs may come before the CEASE
          try {
            last = readMessage(in);
          } catch (java.io.EOFException e) {
            throw new AssertionError("round " + round + ": closed without a NOTIFICATION", e);
          }
        } while (last[18] == 2 || last[18] == 4);
        assertEquals(3, last[18], "a NOTIFICATION");
        assertEquals(6, last[19], "CEASE");
        assertEquals(2, last[20], "Administrative Shutdown");
        assertEquals(-1, in.read(), "then the connection closes");
      }
    }
  }

  private static byte[] message(int type, String body) {
    byte[] octets =
        com.google.common.io.BaseEncoding.base16().decode(body.replace(" ", "").toUpperCase());
    java.nio.ByteBuffer message = java.nio.ByteBuffer.allocate(19 + octets.length);
    for (int i = 0; i < 16; i++) {
      message.put((byte) 0xFF);
    }
    message.putShort((short) (19 + octets.length)).put((byte) type).put(octets);
    return message.array();
  }

  private static byte[] readMessage(java.io.DataInputStream in) throws java.io.IOException {
    byte[] header = new byte[19];
    in.readFully(header);
    int length = ((header[16] & 0xFF) << 8) | (header[17] & 0xFF);
    byte[] message = java.util.Arrays.copyOf(header, length);
    in.readFully(message, 19, length - 19);
    return message;
  }
}
