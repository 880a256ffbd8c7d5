package io.github.routeserver.bgp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.EnhancedRouteRefreshCapability;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.RouteRefresh;
import io.github.routeserver.bgp.wire.RouteRefreshCapability;
import io.github.routeserver.bgp.wire.RouteRefreshSubtype;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a session sends: its table, changes, refreshes, and the NOTIFICATIONs of an operator. */
class SessionOutboundTest {
  private static final PathAttributes OURS =
      PathAttributes.builder()
          .asPath(AsPath.of(ScriptedPeer.LOCAL_AS))
          .nextHop(IpAddress.parse("192.0.2.1"))
          .build();

  private static Open peerOpen(Capability... capabilities) {
    ImmutableList<Capability> all =
        ImmutableList.<Capability>builder()
            .add(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST))
            .add(capabilities)
            .build();
    return Open.of(65010, 90, ScriptedPeer.PEER_ADDRESS, all);
  }

  private static Prefix prefix(int i) {
    return Prefix.ofIpv4(0x0A00_0000 | i << 8, 24);
  }

  /** The prefixes the UPDATEs announce, in order. */
  private static List<Prefix> announced(List<Update> updates) {
    List<Prefix> prefixes = new ArrayList<>();
    updates.forEach(u -> prefixes.addAll(u.nlri().prefixes()));
    return prefixes;
  }

  @Test
  void sendsTheInitialTableThenEndOfRib() {
    ScriptedPeer peer = new ScriptedPeer(c -> c);
    for (int i = 0; i < 3; i++) {
      peer.engine.export(prefix(i), OURS);
    }

    peer.establish(peerOpen());

    assertEquals(2, peer.sent.size(), () -> "one UPDATE and End-of-RIB: " + peer.sent);
    Update table = (Update) peer.sent.get(0);
    assertEquals(List.of(prefix(0), prefix(1), prefix(2)), table.nlri().prefixes());
    assertEquals(OURS, table.attributes().orElseThrow());
    assertEquals(Update.EMPTY, peer.sent.get(1));
  }

  @Test
  void withdrawsARouteWhoseNewAttributesCannotBeSentToThisPeer() {
    ScriptedPeer peer = new ScriptedPeer(c -> c);
    peer.engine.export(prefix(0), OURS);
    peer.establish(peerOpen()); // no extended next hop: IPv4 NLRI need an IPv4 next hop
    peer.sent.clear();

    peer.engine.export(prefix(0), OURS.toBuilder().nextHop(IpAddress.parse("2001:db8::1")).build());
    peer.session.routesChanged(peer.now);

    assertEquals(List.of(prefix(0)), peer.updates().get(0).withdrawnRoutes().prefixes());
    assertEquals(List.of(), announced(peer.updates()));
  }

  @Test
  void sendsWithdrawalsBeforeAnnouncements() {
    ScriptedPeer peer = new ScriptedPeer(c -> c);
    peer.engine.export(prefix(0), OURS);
    peer.establish(peerOpen());
    peer.sent.clear();

    peer.engine.export(prefix(1), OURS);
    peer.engine.unexport(prefix(0));
    peer.session.routesChanged(peer.now);

    List<Update> updates = peer.updates();
    assertEquals(List.of(prefix(0)), updates.get(0).withdrawnRoutes().prefixes());
    assertEquals(List.of(prefix(1)), announced(updates));
  }

  @Test
  void pullsOnWhenAWholePullIsOfAFamilyTheSessionDoesNotCarry() {
    ScriptedPeer peer = new ScriptedPeer(c -> c);
    for (int i = 0; i < 2 * UpdateSender.PULL_LIMIT; i++) {
      peer.engine.export(Prefix.ofIpv6(0x2001_0db8_0000_0000L | (long) i << 16, 0, 48), OURS);
    }
    peer.engine.export(prefix(0), OURS); // pulled after the IPv6 routes

    peer.establish(peerOpen()); // IPv4 unicast only

    assertEquals(List.of(prefix(0)), announced(peer.updates()));
    assertEquals(Update.EMPTY, peer.sent.get(peer.sent.size() - 1), "End-of-RIB");
  }

  @Test
  void aStalledPeerHoldsBackAtMostOnePullOfRoutes() {
    ScriptedPeer peer = new ScriptedPeer(c -> c);
    int table = 20_000;
    for (int i = 0; i < table; i++) {
      peer.engine.export(Prefix.ofIpv4(0x0A00_0000 | i << 8, 24), OURS);
    }
    peer.writableOctets = 16 * 1024; // the peer reads nothing after this

    peer.establish(peerOpen());
    long announcedWhileStalled = announced(peer.updates()).size();

    assertTrue(
        peer.engine.pulled <= announcedWhileStalled + UpdateSender.PULL_LIMIT,
        () -> peer.engine.pulled + " pulled, " + announcedWhileStalled + " sent");
    assertTrue(peer.engine.pendingChanges() > table / 2, "the rest waits in the engine");

    peer.drain(Long.MAX_VALUE);

    assertEquals(table, announced(peer.updates()).size());
    assertEquals(Update.EMPTY, peer.sent.get(peer.sent.size() - 1));
  }

  @Test
  void neverSendsAMessageOver4096OctetsToAPeerThatDidNotAdvertiseExtendedMessages() {
    // RFC 8654 section 4: we advertised the capability (the default), the peer did not.
    ScriptedPeer peer = new ScriptedPeer(c -> c);
    for (int i = 0; i < 2000; i++) {
      peer.engine.export(prefix(i), OURS);
    }

    peer.establish(peerOpen());

    assertEquals(2000, announced(peer.updates()).size());
    assertTrue(peer.longestSent > 4000, "UPDATEs filled: " + peer.longestSent);
    assertTrue(peer.longestSent <= 4096, "longest message: " + peer.longestSent);
  }

  @Test
  void answersARouteRefreshWithTheTableBetweenBorrAndEorrWhenEnhanced() {
    ScriptedPeer peer = new ScriptedPeer(c -> c);
    peer.engine.export(prefix(0), OURS);
    peer.establish(peerOpen(new RouteRefreshCapability(), new EnhancedRouteRefreshCapability()));
    peer.sent.clear();

    peer.deliver(RouteRefresh.request(AfiSafi.IPV4_UNICAST));

    assertEquals(3, peer.sent.size(), peer.sent::toString);
    assertEquals(
        new RouteRefresh(AfiSafi.IPV4_UNICAST, RouteRefreshSubtype.BORR), peer.sent.get(0));
    assertEquals(List.of(prefix(0)), ((Update) peer.sent.get(1)).nlri().prefixes());
    assertEquals(
        new RouteRefresh(AfiSafi.IPV4_UNICAST, RouteRefreshSubtype.EORR), peer.sent.get(2));
    assertTrue(peer.engine.events.contains("refresh requested IPV4/UNICAST"));
  }

  @Test
  void aPeerThatAsksForRefreshesWithoutReadingGetsNothingQueuedAndThenOneRefresh() {
    ScriptedPeer peer = new ScriptedPeer(c -> c);
    peer.engine.export(prefix(0), OURS);
    peer.establish(peerOpen(new RouteRefreshCapability(), new EnhancedRouteRefreshCapability()));
    peer.sent.clear();
    peer.writableOctets = 0; // the peer reads nothing

    for (int i = 0; i < 100; i++) {
      peer.deliver(RouteRefresh.request(AfiSafi.IPV4_UNICAST));
    }
    assertEquals(List.of(), peer.sent, "nothing written while the transport is not writable");
    peer.writableOctets = Long.MAX_VALUE;
    peer.session.writable(peer, peer.now);

    assertEquals(3, peer.sent.size(), peer.sent::toString);
    assertEquals(
        new RouteRefresh(AfiSafi.IPV4_UNICAST, RouteRefreshSubtype.BORR), peer.sent.get(0));
    assertEquals(List.of(prefix(0)), ((Update) peer.sent.get(1)).nlri().prefixes());
    assertEquals(
        new RouteRefresh(AfiSafi.IPV4_UNICAST, RouteRefreshSubtype.EORR), peer.sent.get(2));
    assertEquals(List.of(prefix(0)), announced(peer.updates()));
  }

  @Test
  void answersAPlainRouteRefreshWithTheTableAlone() {
    ScriptedPeer peer = new ScriptedPeer(c -> c);
    peer.engine.export(prefix(0), OURS);
    peer.establish(peerOpen(new RouteRefreshCapability()));
    peer.sent.clear();

    peer.deliver(RouteRefresh.request(AfiSafi.IPV4_UNICAST));

    assertEquals(1, peer.sent.size(), peer.sent::toString);
    assertEquals(List.of(prefix(0)), ((Update) peer.sent.get(0)).nlri().prefixes());
  }

  @Test
  void ignoresARouteRefreshForAFamilyNotNegotiated() {
    ScriptedPeer peer = new ScriptedPeer(c -> c);
    peer.establish(peerOpen(new RouteRefreshCapability()));
    peer.sent.clear();

    peer.deliver(RouteRefresh.request(AfiSafi.IPV6_UNICAST));

    assertTrue(peer.sent.isEmpty());
    assertEquals(FsmState.ESTABLISHED, peer.session.state());
  }

  @Test
  void asksThePeerForARouteRefreshOnlyWhenItAcceptsOne() {
    ScriptedPeer refreshing = new ScriptedPeer(c -> c);
    refreshing.establish(peerOpen(new RouteRefreshCapability()));
    refreshing.sent.clear();
    ScriptedPeer plain = new ScriptedPeer(c -> c);
    plain.establish(peerOpen());

    assertTrue(refreshing.session.requestRouteRefresh(AfiSafi.IPV4_UNICAST, 0));
    assertFalse(plain.session.requestRouteRefresh(AfiSafi.IPV4_UNICAST, 0));
    assertEquals(List.<BgpMessage>of(RouteRefresh.request(AfiSafi.IPV4_UNICAST)), refreshing.sent);
  }

  @Test
  void shutsDownWithTheShutdownCommunicationOfRfc9003() {
    ScriptedPeer peer = new ScriptedPeer(c -> c);
    peer.establish(peerOpen());
    peer.sent.clear();

    peer.session.stop("maintenance window", peer.now);

    byte[] text = "maintenance window".getBytes(StandardCharsets.UTF_8);
    Notification sent = peer.notifications().get(0);
    assertEquals(BgpError.ADMINISTRATIVE_SHUTDOWN, sent.error());
    assertEquals(
        Octets.fromHex(String.format("%02x", text.length) + Octets.copyOf(text)), sent.data());
    assertTrue(peer.closed);
    assertEquals(FsmState.IDLE, peer.session.state());
    peer.advanceSeconds(3600);
    assertEquals(FsmState.IDLE, peer.session.state(), "stays down until started");
  }

  @Test
  void resetSendsAdministrativeResetAndStartsAgain() {
    ScriptedPeer peer = new ScriptedPeer(c -> c);
    peer.establish(peerOpen());
    peer.sent.clear();

    peer.session.reset("new policy", peer.now);

    assertEquals(List.of(Notification.administrativeReset("new policy")), peer.notifications());
    assertEquals(FsmState.ACTIVE, peer.session.state(), "listening again");
    peer.establish(peerOpen());
    assertEquals(2, peer.engine.established.get(1).source().session());
  }

  @Test
  void sendsALongLivedStaleRouteAsAWithdrawalToAPeerWithoutLlgr() {
    ScriptedPeer peer = new ScriptedPeer(c -> c);
    peer.establish(peerOpen());
    peer.sent.clear();

    peer.engine.export(prefix(0), OURS.toBuilder().addCommunity(Community.LLGR_STALE).build());
    peer.session.routesChanged(peer.now);

    Update update = assertInstanceOf(Update.class, peer.sent.get(0));
    assertEquals(List.of(prefix(0)), update.withdrawnRoutes().prefixes());
    assertTrue(update.nlri().isEmpty());
  }
}
