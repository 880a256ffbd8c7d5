package io.github.routeserver.netty.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.routeserver.bgp.fsm.FsmConfig;
import io.github.routeserver.bgp.interop.Daemon;
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
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.netty.NettyRouteServer;
import io.github.routeserver.netty.PeerEndpoint;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExaBGP as a misbehaving peer of our transparent route server: it sends UPDATEs with malformed and
 * unusual attributes (raw attribute octets), and each gets exactly the RFC 7606 action: the route
 * is treated as withdrawn, the attribute is discarded, the family is disabled, or the session is
 * reset with the NOTIFICATION RFC 4271 and RFC 7606 name. A well-behaved peer (our own speaker)
 * sits next to it: its routes in the server never change, whatever ExaBGP sends.
 */
@Tag("interop")
class ExabgpMisbehavingPeerTest {
  private static final RoutePolicy ACCEPT = Term.named("accept").accept();
  private static final long SERVER_AS = 65000;
  private static final IpAddress SERVER = IpAddress.parse("127.0.0.1");
  private static final IpAddress WITNESS = IpAddress.parse("127.0.0.2");
  private static final long WITNESS_AS = 65002;
  private static final IpAddress EXABGP = IpAddress.parse("127.0.0.5");
  private static final long EXABGP_AS = 65005;
  private static final PeerId EXABGP_ID = new PeerId(EXABGP);
  private static final Prefix SENTINEL = Prefix.parse("10.5.0.0/24");
  private static final List<Prefix> WITNESS_ROUTES =
      List.of(
          Prefix.parse("10.2.1.0/24"),
          Prefix.parse("10.2.2.0/24"),
          Prefix.parse("2001:db8:2::/48"));
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private RouteServer server;
  private int port;
  private List<Route> witnessRoutes;

  @BeforeEach
  void startServerAndWitness() throws Exception {
    Daemon.assumeInstalled(ExabgpPeer.binary().isPresent(), "exabgp");
    server = speaker(RouteServerProfile.TRANSPARENT, SERVER_AS, SERVER);
    NettyRouteServer transport =
        NettyRouteServer.builder(server)
            .threads(2)
            .listen(new InetSocketAddress(SERVER.toInetAddress(), 0))
            .peer(
                endpoint(
                    WITNESS, WITNESS_AS, SERVER_AS, SERVER, FsmConfig.ConnectMode.LISTEN_ONLY, 179))
            .peer(
                endpoint(
                    EXABGP, EXABGP_AS, SERVER_AS, SERVER, FsmConfig.ConnectMode.LISTEN_ONLY, 179))
            .build();
    closing.add(transport);
    transport.start();
    port = transport.boundAddresses().get(0).getPort();

    RouteServer witness = speaker(RouteServerProfile.ROUTER, WITNESS_AS, WITNESS);
    NettyRouteServer witnessTransport =
        NettyRouteServer.builder(witness)
            .threads(1)
            .peer(
                endpoint(
                    SERVER, SERVER_AS, WITNESS_AS, WITNESS, FsmConfig.ConnectMode.ACTIVE, port))
            .build();
    closing.add(witnessTransport);
    witnessTransport.start();
    for (Prefix prefix : WITNESS_ROUTES) {
      IpAddress nextHop = prefix.isIpv4() ? WITNESS : IpAddress.parse("2001:db8::2");
      witness.originate(prefix, PathAttributes.builder().nextHop(nextHop).build());
    }
    Poll.until(
        "the server holds the witness's routes",
        WAIT,
        () -> routesOf(new PeerId(WITNESS)).size() == WITNESS_ROUTES.size());
    witnessRoutes = routesOf(new PeerId(WITNESS));
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  /** One malformed or unusual UPDATE the session survives, and what must become of its route. */
  private record Case(String what, String attribute, Predicate<Optional<Route>> expected) {}

  private static Predicate<Optional<Route>> withdrawn() {
    return Optional::isEmpty;
  }

  /**
   * The route is there with MED {@code marker} (so the bad UPDATE was applied) and {@code test}.
   */
  private static Predicate<Optional<Route>> keptWith(long marker, Predicate<PathAttributes> test) {
    return route ->
        route.isPresent()
            && route.get().attributes().med().orElse(-1) == marker
            && test.test(route.get().attributes());
  }

  private static boolean hasOpaque(PathAttributes attributes, int type, int flags, String value) {
    return attributes.opaqueAttributes().stream()
        .anyMatch(
            a ->
                a.typeCode() == type
                    && a.flags() == flags
                    && Arrays.equals(a.value(), HexFormat.of().parseHex(value)));
  }

  @Test
  void eachMalformedAttributeGetsItsRfc7606ActionAndTheSessionSurvives() throws Exception {
    List<Case> cases =
        List.of(
            // RFC 7606 7.1: ORIGIN of a length other than 1, or an undefined value.
            new Case("ORIGIN of two octets", "[0x01 0x40 0x0000]", withdrawn()),
            new Case("ORIGIN 5", "[0x01 0x40 0x05]", withdrawn()),
            // RFC 7606 3 (c): flags in conflict with the attribute's definition.
            new Case("ORIGIN flagged optional", "[0x01 0xc0 0x00]", withdrawn()),
            new Case("MED flagged transitive", "[0x04 0xc0 0x00000001]", withdrawn()),
            // RFC 7606 7.2: an AS_PATH segment of zero length.
            new Case("AS_PATH with a zero-length segment", "[0x02 0x40 0x0200]", withdrawn()),
            // RFC 7606 7.4 and 7.8: bad lengths.
            new Case("MED of three octets", "[0x04 0x80 0x000001]", withdrawn()),
            new Case("COMMUNITIES of three octets", "[0x08 0xc0 0x000102]", withdrawn()),
            // RFC 7606 7.6, 7.7, 7.5: attribute discard.
            new Case(
                "ATOMIC_AGGREGATE of one octet",
                "med 77 [0x06 0x40 0x00]",
                keptWith(77, a -> !a.atomicAggregate())),
            new Case(
                "AGGREGATOR of two octets",
                "med 78 [0x07 0xc0 0x0001]",
                keptWith(78, a -> a.aggregator().isEmpty())),
            new Case(
                "LOCAL_PREF from an external peer",
                "med 79 [0x05 0x40 0x00000309]",
                keptWith(79, a -> a.localPref().orElse(-1) != 0x309)),
            // RFC 4271 5 and 9: an unknown optional transitive attribute is kept, marked partial;
            // an unknown optional non-transitive one is ignored.
            new Case(
                "an unknown optional transitive attribute",
                "med 80 [0xf0 0xc0 0x01020304]",
                keptWith(80, a -> hasOpaque(a, 0xf0, 0xe0, "01020304"))),
            new Case(
                "an unknown optional non-transitive attribute",
                "med 81 [0xf1 0x80 0x0102]",
                keptWith(
                    81, a -> a.opaqueAttributes().stream().noneMatch(o -> o.typeCode() == 0xf1))));

    try (ExabgpPeer exabgp = startExabgp()) {
      long session = awaitSentinel(exabgp);
      for (int i = 0; i < cases.size(); i++) {
        Case c = cases.get(i);
        Prefix prefix = Prefix.parse("10.5." + (i + 1) + ".0/24");
        exabgp.announce(prefix + " next-hop " + EXABGP);
        await(exabgp, prefix + " arrives well-formed first", () -> route(prefix).isPresent());
        String[] parts = c.attribute().split(" \\[", 2);
        String extra = parts.length == 2 ? parts[0] + " " : "";
        String raw = parts.length == 2 ? "[" + parts[1] : parts[0];
        exabgp.announce(prefix + " next-hop " + EXABGP + " " + extra + "attribute " + raw);
        await(
            exabgp,
            c.what() + ": " + prefix + " as RFC 7606 says",
            () -> c.expected().test(route(prefix)));
        assertUndisturbed(exabgp, session);
      }

      // RFC 7606 7.11 with RFC 4760 7: an MP_REACH_NLRI whose next hop has a length no IPv6
      // next hop has disables the family: the peer's IPv6 routes go, the session stays.
      Prefix ipv6 = Prefix.parse("2001:db8:5::/48");
      exabgp.announce(ipv6 + " next-hop 2001:db8::5");
      await(exabgp, ipv6 + " arrives", () -> route(ipv6).isPresent());
      exabgp.announce(
          "10.5.99.0/24 next-hop "
              + EXABGP
              + " attribute [0x0e 0x80 0x000201052001db8000003020010db80006]");
      await(exabgp, "IPv6 unicast is disabled for ExaBGP", () -> route(ipv6).isEmpty());
      assertUndisturbed(exabgp, session);
    }
  }

  @Test
  void anUnrecognisedWellKnownAttributeResetsTheSession() throws Exception {
    assertReset(
        "10.5.1.0/24 next-hop " + EXABGP + " attribute [0xf2 0x40 0x01]",
        "notification received (3,2)");
  }

  @Test
  void aRepeatedMpReachNlriResetsTheSession() throws Exception {
    // ExaBGP writes its own MP_REACH_NLRI for the IPv6 route, and then the raw one: RFC 7606 3 (g).
    assertReset(
        "2001:db8:5::/48 next-hop 2001:db8::5"
            + " attribute [0x0e 0x80 0x00020110200100db80000000000000000000000500]",
        "notification received (3,1)");
  }

  private void assertReset(String route, String notification) throws Exception {
    try (ExabgpPeer exabgp = startExabgp()) {
      awaitSentinel(exabgp);
      exabgp.announce(route);
      await(
          exabgp, "ExaBGP receives " + notification, () -> exabgp.events().contains(notification));
      await(exabgp, "ExaBGP's routes are gone", () -> route(SENTINEL).isEmpty());
      assertEquals(witnessRoutes, routesOf(new PeerId(WITNESS)), "the witness's routes");
    }
  }

  private ExabgpPeer startExabgp() throws Exception {
    ExabgpPeer exabgp =
        ExabgpPeer.start(dir.resolve("exabgp"), EXABGP, EXABGP_AS, SERVER, port, SERVER_AS);
    closing.add(exabgp);
    return exabgp;
  }

  /** Announces the sentinel route and waits for it; returns ExaBGP's session number. */
  private long awaitSentinel(ExabgpPeer exabgp) throws Exception {
    exabgp.announce(SENTINEL + " next-hop " + EXABGP);
    await(exabgp, "ExaBGP's sentinel route arrives", () -> route(SENTINEL).isPresent());
    return route(SENTINEL).orElseThrow().source().session();
  }

  /**
   * The session with ExaBGP was never reset (every route of it comes from the first session) and
   * the witness's routes are exactly what they were.
   */
  private void assertUndisturbed(ExabgpPeer exabgp, long session) {
    Set<Long> sessions =
        routesOf(EXABGP_ID).stream().map(r -> r.source().session()).collect(Collectors.toSet());
    assertEquals(Set.of(session), sessions, "ExaBGP's sessions, log:\n" + tail(exabgp));
    assertEquals(witnessRoutes, routesOf(new PeerId(WITNESS)), "the witness's routes");
  }

  private void await(ExabgpPeer exabgp, String what, Poll.Condition condition) {
    try {
      Poll.until(what, WAIT, condition);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nExaBGP log:\n" + tail(exabgp), e);
    }
  }

  private static String tail(ExabgpPeer exabgp) {
    String log = exabgp.log();
    String events;
    try {
      events = exabgp.events();
    } catch (java.io.IOException e) {
      events = e.toString();
    }
    return log.substring(Math.max(0, log.length() - 3000)) + "\nExaBGP API events:\n" + events;
  }

  private Optional<Route> route(Prefix prefix) {
    return routesOf(EXABGP_ID).stream().filter(r -> r.prefix().equals(prefix)).findFirst();
  }

  private List<Route> routesOf(PeerId peer) {
    return server
        .snapshot()
        .rib()
        .adjRibIn(peer)
        .sorted(java.util.Comparator.comparing(r -> r.prefix().toString()))
        .toList();
  }

  private RouteServer speaker(RouteServerProfile profile, long asn, IpAddress id) {
    RouteServer speaker =
        RouteServer.builder()
            .localAsn(asn)
            .routerId(id)
            .profile(profile)
            .policies(PeerPolicies.builder().importDefault(ACCEPT).exportDefault(ACCEPT).build())
            .build();
    speaker.start();
    closing.add(speaker);
    return speaker;
  }

  private static PeerEndpoint endpoint(
      IpAddress peer,
      long peerAs,
      long localAs,
      IpAddress local,
      FsmConfig.ConnectMode mode,
      int peerPort) {
    PeerId id = new PeerId(peer);
    SessionConfig session =
        SessionConfig.builder(id, localAs, local)
            .peerAs(peerAs)
            .holdTime(RouteServerLab.HOLD_TIME)
            .families(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST)
            .fsm(
                f ->
                    f.connectMode(mode)
                        .connectRetryTime(Duration.ofMillis(500))
                        .idleHoldTime(Duration.ofMillis(500), Duration.ofSeconds(1)))
            .build();
    return new PeerEndpoint(
        PeerConfig.builder().id(id).asn(peerAs).build(),
        session,
        peerPort,
        Optional.of(local),
        Optional.empty());
  }
}
