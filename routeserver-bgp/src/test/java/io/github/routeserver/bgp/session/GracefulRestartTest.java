package io.github.routeserver.bgp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.fsm.DownReason;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.GracefulRestartCapability;
import io.github.routeserver.bgp.wire.LongLivedGracefulRestartCapability;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Graceful restart as receiving speaker (RFC 4724 section 4.2), as restarting speaker (section 4.1)
 * and long-lived graceful restart (RFC 9494), on a virtual clock.
 */
class GracefulRestartTest {
  private static final Prefix P1 = Prefix.parse("10.0.0.0/24");
  private static final Prefix P2 = Prefix.parse("10.0.1.0/24");
  private static final Prefix P3 = Prefix.parse("10.0.2.0/24");
  private static final int RESTART_TIME = 60;

  private static GracefulRestartCapability gracefulRestart(boolean restarting, boolean forwarding) {
    return new GracefulRestartCapability(
        restarting,
        false,
        RESTART_TIME,
        ImmutableList.of(new GracefulRestartCapability.Family(AfiSafi.IPV4_UNICAST, forwarding)));
  }

  private static Open peerOpen(Capability... capabilities) {
    ImmutableList<Capability> all =
        ImmutableList.<Capability>builder()
            .add(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST))
            .add(capabilities)
            .build();
    // Hold time 0: the scripted peer sends no KEEPALIVEs while the clock runs.
    return Open.of(65010, 0, ScriptedPeer.PEER_ADDRESS, all);
  }

  private static PathAttributes attributes(Community... communities) {
    return PathAttributes.builder()
        .asPath(AsPath.of(65010))
        .nextHop(ScriptedPeer.PEER_ADDRESS)
        .communities(List.of(communities))
        .build();
  }

  private static Update announce(PathAttributes attributes, Prefix... prefixes) {
    return new Update(
        NlriList.EMPTY,
        Optional.of(attributes),
        NlriList.of(prefixes),
        Optional.empty(),
        Optional.empty(),
        ImmutableList.of());
  }

  private static ScriptedPeer withRoutes(Prefix... prefixes) {
    ScriptedPeer peer = new ScriptedPeer(c -> c);
    peer.establish(peerOpen(gracefulRestart(false, true)));
    peer.deliver(announce(attributes(), prefixes));
    return peer;
  }

  @Test
  void keepsTheRoutesStaleWhenTheConnectionDropsUntilTheRestartTimeRunsOut() {
    ScriptedPeer peer = withRoutes(P1, P2);

    peer.drop();
    peer.advanceSeconds(RESTART_TIME - 1);

    assertEquals(List.of(DownReason.connectionLost()), peer.engine.downs);
    assertEquals(List.of(Set.of(AfiSafi.IPV4_UNICAST)), peer.engine.keptStale);
    assertEquals(Set.of(P1, P2), peer.engine.routesByPrefix().keySet());
    peer.advanceSeconds(1);
    assertTrue(peer.engine.adjRibIn.isEmpty());
    assertTrue(peer.session.staleFamilies().isEmpty());
  }

  @Test
  void replacesStaleRoutesWhenThePeerReturnsAndRemovesTheRestAtEndOfRib() {
    ScriptedPeer peer = withRoutes(P1, P2, P3);
    peer.drop();
    peer.advanceSeconds(10);

    peer.establish(peerOpen(gracefulRestart(true, true)));
    peer.deliver(announce(attributes(), P1));
    assertEquals(Set.of(P1, P2, P3), peer.engine.routesByPrefix().keySet(), "before End-of-RIB");
    peer.deliver(Update.EMPTY);

    assertEquals(Set.of(P1), peer.engine.routesByPrefix().keySet());
    Route refreshed = peer.engine.adjRibIn.values().iterator().next();
    assertEquals(2, refreshed.source().session());
    peer.advanceSeconds(3600);
    assertEquals(Set.of(P1), peer.engine.routesByPrefix().keySet(), "the restart timer stopped");
  }

  @Test
  void anUpdateThatRfc7606EmptiedIsNoEndOfRib() {
    ScriptedPeer peer = withRoutes(P1, P2);
    peer.drop();
    peer.establish(peerOpen(gracefulRestart(true, true)));

    // EXTENDED_COMMUNITIES of 1 octet: treat-as-withdraw leaves an UPDATE with nothing in it.
    // Beside an MP_REACH_NLRI that cannot be parsed (an IPv6 next hop of 3 octets, AFI/SAFI
    // disable), for without one RFC 7606 section 5.2 resets the session.
    peer.deliverUpdate("c0 10 01 00  80 0e 08 0002 01 03 000000 00", "");

    assertEquals(Set.of(P1, P2), peer.engine.routesByPrefix().keySet(), "still stale");
    assertFalse(peer.engine.events.contains("end-of-rib IPV4/UNICAST"));
  }

  @Test
  void removesStaleRoutesAtOnceWhenThePeerReturnsWithoutForwardingState() {
    ScriptedPeer peer = withRoutes(P1, P2);
    peer.drop();

    peer.establish(peerOpen(gracefulRestart(true, false)));

    assertTrue(peer.engine.adjRibIn.isEmpty());
  }

  @Test
  void removesStaleRoutesAtOnceWhenThePeerReturnsWithoutGracefulRestart() {
    ScriptedPeer peer = withRoutes(P1, P2);
    peer.drop();

    peer.establish(peerOpen());

    assertTrue(peer.engine.adjRibIn.isEmpty());
  }

  @Test
  void staleRoutesWaitForEndOfRibAtMostTheStaleRoutesTime() {
    ScriptedPeer peer = new ScriptedPeer(c -> c.staleRoutesTime(Duration.ofSeconds(120)));
    peer.establish(peerOpen(gracefulRestart(false, true)));
    peer.deliver(announce(attributes(), P1, P2));
    peer.drop();
    peer.establish(peerOpen(gracefulRestart(true, true)));
    peer.deliver(announce(attributes(), P1));

    peer.advanceSeconds(119);
    assertEquals(Set.of(P1, P2), peer.engine.routesByPrefix().keySet());
    peer.advanceSeconds(1);

    assertEquals(Set.of(P1), peer.engine.routesByPrefix().keySet());
  }

  @Test
  void aNotificationEndsTheSessionWithoutKeepingRoutes() {
    ScriptedPeer peer = withRoutes(P1, P2);

    peer.deliver(Notification.of(BgpError.PEER_DECONFIGURED));

    assertTrue(peer.engine.adjRibIn.isEmpty());
    assertEquals(List.of(Set.<AfiSafi>of()), peer.engine.keptStale);
  }

  @Test
  void keepsNothingWhenWeDoNotTakePartInGracefulRestart() {
    ScriptedPeer peer = new ScriptedPeer(c -> c.gracefulRestart(null, false));
    peer.establish(peerOpen(gracefulRestart(false, true)));
    peer.deliver(announce(attributes(), P1));

    peer.drop();

    assertTrue(peer.engine.adjRibIn.isEmpty());
  }

  @Test
  void aSecondRestartRemovesWhatIsStillStaleFromTheSessionBefore() {
    ScriptedPeer peer = withRoutes(P1, P2);
    peer.drop();
    peer.establish(peerOpen(gracefulRestart(true, true)));
    peer.deliver(announce(attributes(), P1)); // P2 is not refreshed, and no End-of-RIB comes

    peer.drop();

    assertEquals(Set.of(P1), peer.engine.routesByPrefix().keySet());
    assertEquals(2, peer.engine.adjRibIn.values().iterator().next().source().session());
  }

  @Test
  void longLivedGracefulRestartKeepsRoutesMarkedLlgrStaleAfterTheRestartTime() {
    ScriptedPeer peer = new ScriptedPeer(c -> c.longLivedGracefulRestart(Duration.ofHours(1)));
    peer.establish(
        peerOpen(
            gracefulRestart(false, true),
            new LongLivedGracefulRestartCapability(
                ImmutableList.of(
                    new LongLivedGracefulRestartCapability.Family(
                        AfiSafi.IPV4_UNICAST, true, 3600)))));
    peer.deliver(announce(attributes(), P1));
    peer.deliver(announce(attributes(Community.NO_LLGR), P2));

    peer.drop();
    peer.advanceSeconds(RESTART_TIME);

    assertEquals(Set.of(P1), peer.engine.routesByPrefix().keySet(), "NO_LLGR routes go");
    assertTrue(peer.engine.routesByPrefix().get(P1).hasCommunity(Community.LLGR_STALE));
    peer.advanceSeconds(3599);
    assertFalse(peer.engine.adjRibIn.isEmpty());
    peer.advanceSeconds(1);
    assertTrue(peer.engine.adjRibIn.isEmpty());
  }

  @Test
  void aPeerThatConnectsAgainWhileEstablishedHasRestarted() {
    // "a" vanishes without closing its connection and comes back: "b" takes the new connection as
    // the restart of RFC 4724 section 4.2, keeps a's routes stale, and refreshes them.
    Speakers speakers = new Speakers(a -> a.gracefulRestart(Duration.ofSeconds(120), true), b -> b);
    speakers.aEngine.export(
        Speakers.prefix(1), Speakers.attributes(Speakers.A_AS, Speakers.A_ADDRESS));
    speakers.aEngine.export(
        Speakers.prefix(2), Speakers.attributes(Speakers.A_AS, Speakers.A_ADDRESS));
    speakers.establish();
    speakers.network.vanish(speakers.a);

    MapEngine restarted = new MapEngine();
    restarted.export(Speakers.prefix(1), Speakers.attributes(Speakers.A_AS, Speakers.A_ADDRESS));
    BgpSession a2 =
        new BgpSession(
            speakers.a.config(), speakers.network.connector("a", "b"), restarted, restarted);
    speakers.network.add(a2);
    a2.start(speakers.network.now());
    speakers.network.settle();

    assertEquals(FsmState.ESTABLISHED, speakers.b.state());
    assertEquals(DownReason.peerRestarted(), speakers.bEngine.downs.get(0));
    assertEquals(Set.of(AfiSafi.IPV4_UNICAST), speakers.bEngine.keptStale.get(0));
    assertEquals(Set.of(Speakers.prefix(1)), speakers.bEngine.routesByPrefix().keySet());
    assertTrue(
        speakers.bEngine.events.contains("remove IPV4/UNICAST before 2"),
        "End-of-RIB cleared what was not refreshed: " + speakers.bEngine.events);
  }

  // Restarting speaker (RFC 4724 section 4.1)

  private static final PathAttributes OURS =
      PathAttributes.builder()
          .asPath(AsPath.of(ScriptedPeer.LOCAL_AS))
          .nextHop(IpAddress.parse("192.0.2.1"))
          .build();

  private static boolean restartStateBit(ScriptedPeer peer) {
    return peer.session
        .fsm()
        .config()
        .localOpen()
        .capabilities(GracefulRestartCapability.class)
        .get(0)
        .restarting();
  }

  /** A speaker restarted with {@code P1} to send, deferring selection for the scripted peer. */
  private static ScriptedPeer restartedSpeaker(List<String> deferralEnds) {
    SelectionDeferral deferral =
        SelectionDeferral.begin(
            Set.of(new PeerId(ScriptedPeer.PEER_ADDRESS)),
            Duration.ofSeconds(300),
            0,
            () -> deferralEnds.add("ended"));
    ScriptedPeer peer = new ScriptedPeer(c -> c, deferral);
    peer.engine.export(P1, OURS);
    return peer;
  }

  @Test
  void restartedSpeakerSendsNothingBeforeThePeersEndOfRibThenItsTableAndEndOfRib() {
    List<String> deferralEnds = new ArrayList<>();
    ScriptedPeer peer = restartedSpeaker(deferralEnds);
    assertTrue(restartStateBit(peer), "the OPEN of a restart sets the Restart State bit");

    peer.establish(peerOpen(gracefulRestart(false, true)));
    peer.deliver(announce(attributes(), P2));
    assertEquals(List.of(), peer.updates(), "no route nor End-of-RIB before the peer's End-of-RIB");
    assertEquals(List.of(), deferralEnds);

    peer.deliver(Update.EMPTY);
    assertEquals(List.of("ended"), deferralEnds);
    assertEquals(List.of(), peer.updates(), "the host tells the session the deferral ended");
    peer.session.selectionDeferralEnded(peer.now);

    List<Update> sent = peer.updates();
    assertEquals(2, sent.size(), () -> "the table, then End-of-RIB: " + sent);
    assertEquals(List.of(P1), sent.get(0).nlri().prefixes());
    assertEquals(Update.EMPTY, sent.get(1));
    assertFalse(restartStateBit(peer), "later OPENs leave the Restart State bit clear");
    assertEquals(Set.of(P2), peer.engine.routesByPrefix().keySet());
  }

  @Test
  void restartedSpeakerDoesNotWaitForAPeerWithoutGracefulRestart() {
    List<String> deferralEnds = new ArrayList<>();
    ScriptedPeer peer = restartedSpeaker(deferralEnds);

    peer.establish(peerOpen());

    assertEquals(List.of("ended"), deferralEnds);
    List<Update> sent = peer.updates();
    assertEquals(2, sent.size(), () -> "the table, then End-of-RIB, at once: " + sent);
    assertEquals(Update.EMPTY, sent.get(1));
  }

  @Test
  void restartedSpeakerDoesNotWaitForAPeerThatIsRestartingToo() {
    List<String> deferralEnds = new ArrayList<>();
    ScriptedPeer peer = restartedSpeaker(deferralEnds);

    peer.establish(peerOpen(gracefulRestart(true, true)));

    assertEquals(List.of("ended"), deferralEnds);
    assertEquals(2, peer.updates().size(), () -> "the table and End-of-RIB: " + peer.sent);
  }

  @Test
  void selectionDeferralTimerEndsTheWaitForAPeerThatDoesNotComeBack() {
    List<String> deferralEnds = new ArrayList<>();
    PeerId back = new PeerId(ScriptedPeer.PEER_ADDRESS);
    PeerId gone = new PeerId(IpAddress.parse("198.51.100.8"));
    SelectionDeferral deferral =
        SelectionDeferral.begin(
            Set.of(back, gone), Duration.ofSeconds(5), 0, () -> deferralEnds.add("ended"));
    ScriptedPeer peer = new ScriptedPeer(c -> c, deferral);
    peer.engine.export(P1, OURS);
    peer.establish(peerOpen(gracefulRestart(false, true)));
    peer.deliver(Update.EMPTY);
    assertTrue(deferral.inProgress(), "still waiting for " + gone);

    deferral.poll(4_999_999_999L);
    assertTrue(deferral.inProgress());
    deferral.poll(5_000_000_000L);

    assertFalse(deferral.inProgress());
    assertEquals(List.of("ended"), deferralEnds);
    peer.session.selectionDeferralEnded(5_000_000_000L);
    assertEquals(2, peer.updates().size(), () -> "the table and End-of-RIB: " + peer.sent);
  }
}
