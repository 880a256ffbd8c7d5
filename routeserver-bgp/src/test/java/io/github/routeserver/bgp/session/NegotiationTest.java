package io.github.routeserver.bgp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.bgp.wire.AddPathCapability;
import io.github.routeserver.bgp.wire.Afi;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpRole;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.EnhancedRouteRefreshCapability;
import io.github.routeserver.bgp.wire.ExtendedMessageCapability;
import io.github.routeserver.bgp.wire.ExtendedNextHopCapability;
import io.github.routeserver.bgp.wire.GracefulRestartCapability;
import io.github.routeserver.bgp.wire.LongLivedGracefulRestartCapability;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.RoleCapability;
import io.github.routeserver.bgp.wire.RouteRefreshCapability;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Capability negotiation between our OPEN and the peer's (RFC 5492 and the capability RFCs). */
class NegotiationTest {
  private static final IpAddress PEER_ID = IpAddress.parse("198.51.100.7");

  private static SessionConfig.Builder ours() {
    return SessionConfig.builder(PeerId.of("198.51.100.7"), 65000, IpAddress.parse("192.0.2.1"));
  }

  private static Open peer(long asn, Capability... capabilities) {
    return Open.of(asn, 90, PEER_ID, List.of(capabilities));
  }

  /** A peer with only the 2-octet AS field: no 4-octet AS capability. */
  private static Open oldPeer(int asn, Capability... capabilities) {
    return new Open(Open.VERSION, asn, 90, PEER_ID, ImmutableList.copyOf(capabilities));
  }

  private static NegotiatedSession negotiate(SessionConfig config, Open received) {
    return Negotiation.negotiate(config, received, 90, 1, IpAddress.parse("192.0.2.254"));
  }

  @Test
  void keepsTheFamiliesBothOffer() {
    SessionConfig config = ours().families(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST).build();
    Open received =
        peer(
            65001,
            new MultiprotocolCapability(AfiSafi.IPV6_UNICAST),
            new MultiprotocolCapability(AfiSafi.of(25, 70)));

    assertEquals(ImmutableSet.of(AfiSafi.IPV6_UNICAST), negotiate(config, received).families());
  }

  @Test
  void takesAPeerWithoutMultiprotocolCapabilityForIpv4UnicastOnly() {
    SessionConfig config = ours().families(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST).build();

    assertEquals(
        ImmutableSet.of(AfiSafi.IPV4_UNICAST), negotiate(config, oldPeer(65001)).families());
  }

  @Test
  void fallsBackToTwoOctetAsNumbersForAPeerWithoutTheCapability() {
    SessionConfig config = ours().build();

    NegotiatedSession old = negotiate(config, oldPeer(65001));
    NegotiatedSession modern = negotiate(config, peer(4_200_000_000L));

    assertFalse(old.codec().fourOctetAs());
    assertEquals(65001, old.source().asn());
    assertTrue(modern.codec().fourOctetAs());
    assertEquals(4_200_000_000L, modern.source().asn(), "the AS of the capability, not AS_TRANS");
  }

  @Test
  void advertisesAsTransWhenOurAsNeedsFourOctets() {
    Open local =
        SessionConfig.builder(
                PeerId.of("198.51.100.7"), 4_200_000_000L, IpAddress.parse("192.0.2.1"))
            .build()
            .localOpen();

    assertEquals(Open.AS_TRANS, local.myAs());
    assertEquals(4_200_000_000L, local.asn());
  }

  @ParameterizedTest(name = "ours {0}, theirs {1}: receive {2}, send {3}")
  @CsvSource({
    "BOTH, BOTH, true, true",
    "RECEIVE, SEND, true, false",
    "SEND, RECEIVE, false, true",
    "RECEIVE, RECEIVE, false, false"
  })
  void negotiatesAddPathPerDirection(
      AddPathCapability.Mode ours, AddPathCapability.Mode theirs, boolean receive, boolean send) {
    SessionConfig config = ours().addPath(AfiSafi.IPV4_UNICAST, ours).build();
    Open received =
        peer(
            65001,
            AddPathCapability.of(new AddPathCapability.Family(AfiSafi.IPV4_UNICAST, theirs)));

    NegotiatedSession session = negotiate(config, received);

    assertEquals(receive, session.codec().addPathReceive(AfiSafi.IPV4_UNICAST));
    assertEquals(send, session.codec().addPathSend(AfiSafi.IPV4_UNICAST));
  }

  @Test
  void sendsExtendedMessagesWhenThePeerOffersThemAndUsesExtendedNextHopWhenBothDo() {
    SessionConfig config = ours().extendedNextHop(true).build();
    Open both =
        peer(
            65001,
            new ExtendedMessageCapability(),
            ExtendedNextHopCapability.of(
                new ExtendedNextHopCapability.Entry(AfiSafi.IPV4_UNICAST, Afi.IPV6)));

    assertTrue(negotiate(config, both).codec().extendedMessagesSend());
    assertTrue(negotiate(config, both).codec().extendedNextHop(AfiSafi.IPV4_UNICAST));
    assertFalse(negotiate(config, peer(65001)).codec().extendedMessagesSend());
    assertFalse(negotiate(config, peer(65001)).codec().extendedNextHop(AfiSafi.IPV4_UNICAST));
  }

  @Test
  void negotiatesRouteRefreshAndEnhancedRouteRefresh() {
    SessionConfig config = ours().build();

    NegotiatedSession plain = negotiate(config, peer(65001, new RouteRefreshCapability()));
    NegotiatedSession enhanced =
        negotiate(
            config,
            peer(65001, new RouteRefreshCapability(), new EnhancedRouteRefreshCapability()));

    assertTrue(plain.routeRefresh());
    assertFalse(plain.enhancedRouteRefresh());
    assertTrue(enhanced.enhancedRouteRefresh());
    assertFalse(negotiate(config, peer(65001)).routeRefresh());
  }

  @Test
  void marksAnInternalPeerAndTheSessionNumber() {
    NegotiatedSession session =
        Negotiation.negotiate(ours().build(), peer(65000), 30, 7, IpAddress.parse("192.0.2.254"));

    assertTrue(session.source().internal());
    assertFalse(session.codec().externalPeer());
    assertEquals(7, session.source().session());
    assertEquals(30, session.holdTime());
  }

  @ParameterizedTest(name = "we are {0}, the peer {1}")
  @CsvSource({
    "PROVIDER, CUSTOMER",
    "CUSTOMER, PROVIDER",
    "ROUTE_SERVER, ROUTE_SERVER_CLIENT",
    "ROUTE_SERVER_CLIENT, ROUTE_SERVER",
    "PEER, PEER"
  })
  void acceptsTheRolePairsOfRfc9234(String ours, String theirs) {
    SessionConfig config = ours().role(role(ours), true).build();

    assertEquals(
        Optional.empty(), Negotiation.check(config, peer(65001, new RoleCapability(role(theirs)))));
  }

  @ParameterizedTest(name = "we are {0}, the peer {1}")
  @CsvSource({
    "ROUTE_SERVER, ROUTE_SERVER",
    "ROUTE_SERVER, CUSTOMER",
    "PROVIDER, PROVIDER",
    "PEER, CUSTOMER"
  })
  void refusesARoleMismatchWithRoleMismatch(String ours, String theirs) {
    SessionConfig config = ours().role(role(ours), false).build();

    assertEquals(
        Optional.of(Notification.of(BgpError.ROLE_MISMATCH)),
        Negotiation.check(config, peer(65001, new RoleCapability(role(theirs)))));
  }

  @Test
  void refusesAPeerWithoutRoleOnlyInStrictMode() {
    SessionConfig lenient = ours().role(BgpRole.ROUTE_SERVER, false).build();
    SessionConfig strict = ours().role(BgpRole.ROUTE_SERVER, true).build();

    assertEquals(Optional.empty(), Negotiation.check(lenient, peer(65001)));
    assertEquals(
        Optional.of(Notification.of(BgpError.ROLE_MISMATCH)),
        Negotiation.check(strict, peer(65001)));
  }

  @Test
  void refusesAPeerThatClaimsTwoRoles() {
    SessionConfig config = ours().role(BgpRole.ROUTE_SERVER, false).build();
    Open twoRoles =
        peer(
            65001,
            new RoleCapability(BgpRole.ROUTE_SERVER_CLIENT),
            new RoleCapability(BgpRole.CUSTOMER));

    assertEquals(
        Optional.of(Notification.of(BgpError.ROLE_MISMATCH)), Negotiation.check(config, twoRoles));
  }

  @Test
  void keepsThePeersGracefulRestartOnlyWhenWeOfferedItToo() {
    GracefulRestartCapability theirs =
        new GracefulRestartCapability(
            false,
            false,
            60,
            ImmutableList.of(new GracefulRestartCapability.Family(AfiSafi.IPV4_UNICAST, true)));

    NegotiatedSession helper = negotiate(ours().build(), peer(65001, theirs));
    NegotiatedSession off =
        negotiate(ours().gracefulRestart(null, false).build(), peer(65001, theirs));

    assertEquals(Optional.of(theirs), helper.gracefulRestart());
    assertTrue(helper.keepsStale(AfiSafi.IPV4_UNICAST));
    assertEquals(Optional.empty(), off.gracefulRestart());
    assertFalse(off.keepsStale(AfiSafi.IPV4_UNICAST));
  }

  @Test
  void advertisesOurFamiliesForGracefulRestartWithTheConfiguredForwardingState() {
    Open local =
        ours()
            .families(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST)
            .gracefulRestart(Duration.ofSeconds(90), true)
            .build()
            .localOpen();

    assertEquals(
        List.of(
            new GracefulRestartCapability(
                false,
                false,
                90,
                ImmutableList.of(
                    new GracefulRestartCapability.Family(AfiSafi.IPV4_UNICAST, true),
                    new GracefulRestartCapability.Family(AfiSafi.IPV6_UNICAST, true)))),
        local.capabilities(GracefulRestartCapability.class));
  }

  @Test
  void takesTheLongLivedStaleTimesOfCommonFamiliesWhenBothOfferedIt() {
    SessionConfig config = ours().longLivedGracefulRestart(Duration.ofHours(1)).build();
    Open received =
        peer(
            65001,
            new GracefulRestartCapability(false, false, 60, ImmutableList.of()),
            new LongLivedGracefulRestartCapability(
                ImmutableList.of(
                    new LongLivedGracefulRestartCapability.Family(
                        AfiSafi.IPV4_UNICAST, false, 86400),
                    new LongLivedGracefulRestartCapability.Family(
                        AfiSafi.IPV6_UNICAST, false, 600))));

    assertEquals(
        ImmutableMap.of(AfiSafi.IPV4_UNICAST, 86400),
        negotiate(config, received).longLivedStaleTimes());
    assertEquals(ImmutableMap.of(), negotiate(ours().build(), received).longLivedStaleTimes());
  }

  private static BgpRole role(String name) {
    return switch (name) {
      case "PROVIDER" -> BgpRole.PROVIDER;
      case "CUSTOMER" -> BgpRole.CUSTOMER;
      case "ROUTE_SERVER" -> BgpRole.ROUTE_SERVER;
      case "ROUTE_SERVER_CLIENT" -> BgpRole.ROUTE_SERVER_CLIENT;
      default -> BgpRole.PEER;
    };
  }
}
