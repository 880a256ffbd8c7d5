package io.github.routeserver.bgp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.fsm.DownReason;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.EnhancedRouteRefreshCapability;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.RouteRefresh;
import io.github.routeserver.bgp.wire.RouteRefreshCapability;
import io.github.routeserver.bgp.wire.RouteRefreshSubtype;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.PathAttributes;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A peer's enhanced route refresh (RFC 7313 section 4.2): BoRR, the routes again, EoRR. */
class EnhancedRouteRefreshTest {
  private static final Prefix P1 = Prefix.parse("10.0.0.0/24");
  private static final Prefix P2 = Prefix.parse("10.0.1.0/24");
  private static final Prefix P3 = Prefix.parse("10.0.2.0/24");
  private static final RouteRefresh BORR =
      new RouteRefresh(AfiSafi.IPV4_UNICAST, RouteRefreshSubtype.BORR);
  private static final RouteRefresh EORR =
      new RouteRefresh(AfiSafi.IPV4_UNICAST, RouteRefreshSubtype.EORR);

  private static Open peerOpen(Capability... capabilities) {
    ImmutableList<Capability> all =
        ImmutableList.<Capability>builder()
            .add(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST))
            .add(new RouteRefreshCapability())
            .add(capabilities)
            .build();
    return Open.of(65010, 90, ScriptedPeer.PEER_ADDRESS, all);
  }

  private static ScriptedPeer established(
      UnaryOperator<SessionConfig.Builder> options, Capability... capabilities) {
    ScriptedPeer peer = new ScriptedPeer(options).establish(peerOpen(capabilities));
    peer.sent.clear();
    return peer;
  }

  private static ScriptedPeer enhanced() {
    return established(c -> c, new EnhancedRouteRefreshCapability());
  }

  private static Update announce(Prefix... prefixes) {
    return new Update(
        NlriList.EMPTY,
        Optional.of(
            PathAttributes.builder()
                .asPath(AsPath.of(65010))
                .nextHop(ScriptedPeer.PEER_ADDRESS)
                .build()),
        NlriList.of(prefixes),
        Optional.empty(),
        Optional.empty(),
        ImmutableList.of());
  }

  @Test
  void removesAtEorrTheRoutesThePeerDidNotAnnounceAgain() {
    ScriptedPeer peer = enhanced();
    peer.deliver(announce(P1, P2, P3));

    peer.deliver(BORR);
    peer.deliver(announce(P1));
    peer.deliver(Update.withdrawal(NlriList.of(P3)));
    assertEquals(Set.of(P1, P2), peer.engine.routesByPrefix().keySet(), "stale until EoRR");
    peer.deliver(EORR);

    assertEquals(Set.of(P1), peer.engine.routesByPrefix().keySet());
    assertEquals(FsmState.ESTABLISHED, peer.session.state());
    assertTrue(peer.notifications().isEmpty());
  }

  @Test
  void ignoresAnEorrWithoutBorr() {
    ScriptedPeer peer = enhanced();
    peer.deliver(announce(P1, P2));

    peer.deliver(EORR);

    assertEquals(Set.of(P1, P2), peer.engine.routesByPrefix().keySet());
  }

  @Test
  void ignoresTheMarkersWhenEnhancedRouteRefreshWasNotNegotiated() {
    ScriptedPeer peer = established(c -> c);
    peer.deliver(announce(P1, P2));

    peer.deliver(BORR);
    peer.deliver(announce(P1));
    peer.deliver(EORR);

    assertEquals(Set.of(P1, P2), peer.engine.routesByPrefix().keySet());
    assertEquals(FsmState.ESTABLISHED, peer.session.state());
  }

  @Test
  void theRoutesRemovedAtEorrNoLongerCountAgainstThePrefixLimit() {
    ScriptedPeer peer =
        established(
            c -> c.prefixLimit(AfiSafi.IPV4_UNICAST, PrefixLimit.tearDown(2)),
            new EnhancedRouteRefreshCapability());
    peer.deliver(announce(P1, P2));
    peer.deliver(BORR);
    peer.deliver(announce(P1));
    peer.deliver(EORR);

    peer.deliver(announce(P3));

    assertEquals(Set.of(P1, P3), peer.engine.routesByPrefix().keySet());
    assertEquals(FsmState.ESTABLISHED, peer.session.state());
  }

  @Test
  void answersABorrTooLongToQuoteWithTheMessageCutToFitANotification() {
    ScriptedPeer peer = enhanced();
    peer.deliver(announce(P1));
    int length = 4076; // the NOTIFICATION quoting all of it would be 4,097 octets

    peer.deliverHex(
        "ff".repeat(16)
            + String.format("%04x", length)
            + "05" // ROUTE-REFRESH
            + "0001 01 01" // IPv4 unicast, subtype BoRR
            + "00".repeat(length - 23));

    Notification notification = peer.notifications().get(0);
    assertEquals(BgpError.INVALID_ROUTE_REFRESH_LENGTH, notification.error());
    assertEquals(4096 - 21, notification.data().length(), "RFC 8654 section 5: 4,096 at most");
    assertEquals(0x0f, notification.data().get(16), "the quote starts with the message's header");
    assertTrue(peer.closed);
    assertEquals(FsmState.IDLE, peer.session.state());
    assertEquals(DownReason.Kind.NOTIFICATION_SENT, peer.engine.downs.get(0).kind());
    assertTrue(peer.engine.adjRibIn.isEmpty());
  }

  @Test
  void theSessionEndingDuringARefreshTakesEveryRouteWithIt() {
    ScriptedPeer peer = enhanced();
    peer.deliver(announce(P1, P2));
    peer.deliver(BORR);
    peer.deliver(announce(P3));

    peer.drop();

    assertTrue(peer.engine.adjRibIn.isEmpty(), () -> peer.engine.adjRibIn.toString());
  }

  @Test
  void ignoresARouteRefreshWithAnUnknownSubtypeEvenWhenLongerThan23Octets() {
    ScriptedPeer peer = enhanced();
    peer.deliver(announce(P1));
    peer.sent.clear();

    peer.deliverHex(
        "ffffffffffffffffffffffffffffffff" // marker
            + "001a 05" // length 26, ROUTE-REFRESH
            + "0001 03 01" // AFI IPv4, subtype 3 (unassigned), SAFI unicast
            + "000000"); // three octets more than RFC 2918 defines

    assertEquals(FsmState.ESTABLISHED, peer.session.state());
    assertTrue(peer.sent.isEmpty(), () -> peer.sent.toString()); // no NOTIFICATION, no refresh
    assertEquals(Set.of(P1), peer.engine.routesByPrefix().keySet());
  }
}
