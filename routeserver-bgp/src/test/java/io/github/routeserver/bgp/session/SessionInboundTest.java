package io.github.routeserver.bgp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.fsm.DownReason;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpRole;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.MpReach;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.RoleCapability;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.PathAttributes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a session makes of the peer's UPDATEs: routes, RFC 7606 actions and prefix limits. */
class SessionInboundTest {
  private static final long PEER_AS = 65010;
  private static final Prefix P1 = Prefix.parse("10.0.0.0/24");
  private static final Prefix P2 = Prefix.parse("10.0.1.0/24");
  private static final Prefix P3 = Prefix.parse("10.0.2.0/24");
  private static final Prefix V6 = Prefix.parse("2001:db8::/32");

  // Path attributes as the peer writes them: ORIGIN IGP, AS_PATH (65010), NEXT_HOP 198.51.100.7.
  private static final String ORIGIN = "40 01 01 00";
  private static final String AS_PATH = "40 02 06 02 01 0000fdf2";
  private static final String NEXT_HOP = "40 03 04 c6336407";

  private static Open peerOpen(long asn, Capability... capabilities) {
    ImmutableList<Capability> all =
        ImmutableList.<Capability>builder()
            .add(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST))
            .add(new MultiprotocolCapability(AfiSafi.IPV6_UNICAST))
            .add(capabilities)
            .build();
    return Open.of(asn, 90, ScriptedPeer.PEER_ADDRESS, all);
  }

  private static ScriptedPeer established(
      java.util.function.UnaryOperator<SessionConfig.Builder> o) {
    ScriptedPeer peer = new ScriptedPeer(o).establish(peerOpen(PEER_AS));
    peer.sent.clear();
    return peer;
  }

  private static PathAttributes attributes() {
    return PathAttributes.builder()
        .asPath(AsPath.of(PEER_AS))
        .nextHop(ScriptedPeer.PEER_ADDRESS)
        .build();
  }

  private static Update announce(Prefix... prefixes) {
    return new Update(
        NlriList.EMPTY,
        Optional.of(attributes()),
        NlriList.of(prefixes),
        Optional.empty(),
        Optional.empty(),
        ImmutableList.of());
  }

  @Test
  void turnsAnUpdateIntoRoutesOfTheSession() {
    ScriptedPeer peer = established(c -> c);

    peer.deliver(announce(P1, P2));
    peer.deliver(Update.withdrawal(NlriList.of(P1)));

    assertEquals(List.of(P2), List.copyOf(peer.engine.routesByPrefix().keySet()));
    var route = peer.engine.adjRibIn.values().iterator().next();
    assertEquals(attributes(), route.attributes());
    assertEquals(PEER_AS, route.source().asn());
    assertEquals(1, route.source().session());
    assertFalse(route.source().internal());
  }

  @Test
  void dropsLocalPrefFromAnExternalPeer() {
    ScriptedPeer peer = established(c -> c);

    peer.deliverUpdate(ORIGIN + AS_PATH + NEXT_HOP + "40 05 04 000000c8", "18 0a0000");

    assertEquals(
        attributes(), peer.engine.routesByPrefix().get(P1), "RFC 4271 5.1.5: no LOCAL_PREF");
    assertEquals(FsmState.ESTABLISHED, peer.session.state());
  }

  @Test
  void keepsLocalPrefFromAnInternalPeer() {
    ScriptedPeer peer = new ScriptedPeer(c -> c).establish(peerOpen(ScriptedPeer.LOCAL_AS));

    peer.deliverUpdate(ORIGIN + "40 02 00" + NEXT_HOP + "40 05 04 000000c8", "18 0a0000");

    assertEquals(200, peer.engine.routesByPrefix().get(P1).localPref().getAsLong());
  }

  @Test
  void treatsAnUpdateWithAnInvalidOriginAsWithdrawingItsRoutes() {
    ScriptedPeer peer = established(c -> c);
    peer.deliver(announce(P1, P2));

    peer.deliverUpdate("40 01 01 09" + AS_PATH + NEXT_HOP, "18 0a0000"); // ORIGIN 9: RFC 7606 7.1

    assertEquals(List.of(P2), List.copyOf(peer.engine.routesByPrefix().keySet()));
    assertEquals(FsmState.ESTABLISHED, peer.session.state());
    assertTrue(peer.notifications().isEmpty());
  }

  @Test
  void disablesAFamilyWhoseMpReachNlriCannotBeParsed() {
    ScriptedPeer peer = established(c -> c.families(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST));
    PathAttributes v6 = attributes().toBuilder().nextHop(IpAddress.parse("2001:db8::7")).build();
    peer.deliver(
        new Update(
            NlriList.EMPTY,
            Optional.of(attributes().toBuilder().nextHop(null).build()),
            NlriList.EMPTY,
            Optional.of(new MpReach(AfiSafi.IPV6_UNICAST, v6, NlriList.of(V6))),
            Optional.empty(),
            ImmutableList.of()));
    peer.deliver(announce(P1));
    assertEquals(2, peer.engine.adjRibIn.size());

    // MP_REACH_NLRI of IPv6 unicast whose next hop length (32) overruns the attribute.
    peer.deliverUpdate(ORIGIN + AS_PATH + "80 0e 05 0002 01 20 00", "");
    peer.deliver(
        new Update(
            NlriList.EMPTY,
            Optional.of(attributes().toBuilder().nextHop(null).build()),
            NlriList.EMPTY,
            Optional.of(new MpReach(AfiSafi.IPV6_UNICAST, v6, NlriList.of(V6))),
            Optional.empty(),
            ImmutableList.of()));

    assertEquals(List.of(P1), List.copyOf(peer.engine.routesByPrefix().keySet()));
    assertTrue(peer.engine.events.contains("remove IPV6/UNICAST before 2"));
    assertEquals(FsmState.ESTABLISHED, peer.session.state());
  }

  @Test
  void acceptsAnUpdateOf5000OctetsFromAPeerThatOnlyReceivedOurExtendedMessageCapability() {
    // RFC 8654 section 4: having advertised the capability (the default), we take messages of up
    // to 65,535 octets, whether or not the peer advertised it too (here it did not).
    ScriptedPeer peer = established(c -> c);
    StringBuilder nlri = new StringBuilder();
    for (int i = 0; i < 1238; i++) {
      nlri.append(String.format("18 0a%04x ", i)); // 10.i.0/24: 4 octets each
    }
    nlri.append("20 cb007101"); // 203.0.113.1/32: 5 octets

    // 19 (header) + 2 + 2 (length fields) + 20 (attributes) + 4,957 (NLRI) = 5,000 octets.
    peer.deliverUpdate(ORIGIN + AS_PATH + NEXT_HOP, nlri.toString());

    assertEquals(List.of(), peer.notifications());
    assertEquals(FsmState.ESTABLISHED, peer.session.state());
    assertEquals(1239, peer.engine.adjRibIn.size());
  }

  @Test
  void resetsTheSessionOnAnNlriItCannotParse() {
    ScriptedPeer peer = established(c -> c);
    peer.deliver(announce(P1));

    peer.deliverUpdate(ORIGIN + AS_PATH + NEXT_HOP, "21 0a000000 00"); // a /33 in IPv4

    assertEquals(BgpError.INVALID_NETWORK_FIELD, peer.notifications().get(0).error());
    assertTrue(peer.closed);
    assertEquals(FsmState.IDLE, peer.session.state());
    assertTrue(peer.engine.adjRibIn.isEmpty(), "no graceful restart after a NOTIFICATION");
    assertEquals(DownReason.Kind.NOTIFICATION_SENT, peer.engine.downs.get(0).kind());
  }

  @Test
  void closesTheConnectionAndReportsTheSessionDownEvenWhenTheNotificationCannotBeSent() {
    ScriptedPeer peer = established(c -> c);
    peer.deliver(announce(P1));
    IllegalStateException failure = new IllegalStateException("transport broken");
    peer.sendFailure = failure;

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () -> peer.deliverUpdate(ORIGIN + AS_PATH + NEXT_HOP, "21 0a000000 00"));

    assertSame(failure, thrown, "the failure is reported after the other actions");
    assertTrue(peer.closed);
    assertEquals(FsmState.IDLE, peer.session.state());
    assertEquals(DownReason.Kind.NOTIFICATION_SENT, peer.engine.downs.get(0).kind());
    assertTrue(peer.engine.adjRibIn.isEmpty());
  }

  @Test
  void tearsDownWithTheRfc4486DataWhenAnUpdateExceedsThePrefixLimit() {
    ScriptedPeer peer =
        established(c -> c.prefixLimit(AfiSafi.IPV4_UNICAST, PrefixLimit.tearDown(2)));
    peer.deliver(announce(P1, P2));

    peer.deliver(announce(P3));

    assertEquals(
        List.of(
            new Notification(
                BgpError.MAXIMUM_PREFIXES_REACHED,
                Octets.fromHex("0001" + "01" + "00000002"))), // AFI, SAFI, upper bound
        peer.notifications());
    assertTrue(peer.closed);
    assertTrue(peer.engine.adjRibIn.isEmpty());
    assertEquals(FsmState.IDLE, peer.session.state());
  }

  @Test
  void azureCountingAddsTheRoutesOfTheUpdateToThoseHeld() {
    ScriptedPeer peer = established(c -> c.prefixLimit(AfiSafi.IPV4_UNICAST, PrefixLimit.azure(4)));
    peer.deliver(announce(P1, P2, P3));

    peer.deliver(announce(P1, P2, P3)); // 3 held + 3 announced = 6 > 4

    assertEquals(BgpError.MAXIMUM_PREFIXES_REACHED, peer.notifications().get(0).error());
    assertEquals(FsmState.IDLE, peer.session.state());
  }

  @Test
  void countingRoutesHeldLetsTheSameRoutesBeAnnouncedAgain() {
    ScriptedPeer peer =
        established(c -> c.prefixLimit(AfiSafi.IPV4_UNICAST, PrefixLimit.tearDown(4)));
    peer.deliver(announce(P1, P2, P3));

    peer.deliver(announce(P1, P2, P3));

    assertTrue(peer.notifications().isEmpty());
    assertEquals(3, peer.engine.adjRibIn.size());
  }

  @Test
  void aWarningLimitLetsTheRoutesIn() {
    ScriptedPeer peer =
        established(
            c ->
                c.prefixLimit(
                    AfiSafi.IPV4_UNICAST,
                    new PrefixLimit(2, PrefixLimit.Action.WARN, PrefixLimit.Counting.ROUTES_HELD)));

    peer.deliver(announce(P1, P2, P3));

    assertEquals(3, peer.engine.adjRibIn.size());
    assertEquals(FsmState.ESTABLISHED, peer.session.state());
  }

  @Test
  void reportsEndOfRib() {
    ScriptedPeer peer = established(c -> c);

    peer.deliver(Update.EMPTY);

    assertEquals(List.of("established 1", "end-of-rib IPV4/UNICAST"), peer.engine.events);
  }

  @Test
  void refusesARoleMismatchWithRoleMismatchNotification() {
    ScriptedPeer peer = new ScriptedPeer(c -> c.role(BgpRole.ROUTE_SERVER, false));

    peer.connect(peerOpen(PEER_AS, new RoleCapability(BgpRole.PROVIDER)));

    assertEquals(List.of(Notification.of(BgpError.ROLE_MISMATCH)), peer.notifications());
    assertTrue(peer.closed);
    assertTrue(peer.engine.established.isEmpty());
  }

  @Test
  void establishesWithARouteServerClient() {
    ScriptedPeer peer = new ScriptedPeer(c -> c.role(BgpRole.ROUTE_SERVER, true));

    peer.establish(peerOpen(PEER_AS, new RoleCapability(BgpRole.ROUTE_SERVER_CLIENT)));

    assertEquals(
        Optional.of(BgpRole.ROUTE_SERVER_CLIENT), peer.engine.established.get(0).peerRole());
  }
}
