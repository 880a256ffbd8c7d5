package io.github.routeserver.netty.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A peer that stops reading (a 4 KB receive buffer it never drains) while another peer rewrites its
 * {@code fault.routes} routes {@code fault.rounds} times, each route with its own community
 * (round:index) so that nothing packs: the server's memory stays bounded, the other peers converge
 * on every round, and when the slow peer reads again it gets the current state, not the backlog of
 * every round.
 */
@Tag("fault")
class SlowReaderTest {
  private static final int ROUTES = Integer.getInteger("fault.routes", 10_000);
  private static final int ROUNDS = Integer.getInteger("fault.rounds", 40);
  private static final Duration CONVERGENCE = Duration.ofSeconds(60);

  @Test
  void aPeerThatStopsReadingGetsTheCurrentStateNotABacklog() throws Exception {
    try (FaultLab lab = new FaultLab(3)) {
      RouteServer churner = lab.peer(0);
      RouteServer listener = lab.peer(1);
      List<Prefix> prefixes = FaultLab.prefixes(0, ROUTES);
      originate(churner, prefixes, 0);
      awaitRound(listener, prefixes, 0);

      try (RawBgpPeer slow =
          RawBgpPeer.connect(FaultLab.address(2), FaultLab.asn(2), lab.serverAddress(), 4096)) {
        slow.establish(FaultLab.HOLD_TIME, CONVERGENCE);
        ProcessResources before = ProcessResources.measure();
        long directBefore = directMemory();
        ProcessResources middle = before;
        long directMiddle = directBefore;
        for (int round = 1; round <= ROUNDS; round++) {
          originate(churner, prefixes, round);
          awaitRound(listener, prefixes, round);
          slow.send(Keepalive.INSTANCE); // it still talks, it only stopped reading
          if (round == ROUNDS / 2) {
            middle = ProcessResources.measure();
            directMiddle = directMemory();
          }
        }
        ProcessResources stalled = ProcessResources.measure();
        long directStalled = directMemory();
        System.out.printf(
            "SlowReaderTest: %d rounds of %d routes past a stalled peer: before %s, direct %.1f MB;"
                + " after %d rounds %s, direct %.1f MB; after %d rounds %s, direct %.1f MB%n",
            ROUNDS,
            ROUTES,
            before,
            directBefore / 1e6,
            ROUNDS / 2,
            middle,
            directMiddle / 1e6,
            ROUNDS,
            stalled,
            directStalled / 1e6);
        // Had every round been queued for the slow peer, memory would grow by a round's UPDATEs,
        // ROUTES of about 54 octets each, every round: 10.8 MB over the second 20 of 40 rounds of
        // 10,000. What it holds for the slow peer instead must stop growing once it stalled.
        long secondHalfBacklog = 54L * (ROUNDS - ROUNDS / 2) * ROUTES;
        assertTrue(
            directStalled - directMiddle < secondHalfBacklog / 2,
            "direct memory grew by "
                + (directStalled - directMiddle)
                + " bytes in the second half");
        assertTrue(
            stalled.heapBytes() - middle.heapBytes() < secondHalfBacklog / 2,
            "heap grew from " + middle + " to " + stalled + " in the second half");

        Map<Prefix, Long> seen = new HashMap<>();
        long announcements = readUntilCurrent(slow, prefixes, seen);
        System.out.printf(
            "SlowReaderTest: after resuming it read %d announcements for %d routes (%d rounds"
                + " were sent meanwhile)%n",
            announcements, ROUTES, ROUNDS);
        assertTrue(
            announcements < (long) ROUNDS * ROUTES / 2,
            announcements + " announcements: a backlog, not the current state");
      }
      assertEquals(ROUTES, lab.routesOf(0).size());
    }
  }

  /** Reads until the slow peer's view is the last round; returns the announcements read. */
  private static long readUntilCurrent(
      RawBgpPeer slow, List<Prefix> prefixes, Map<Prefix, Long> seen) throws Exception {
    long announcements = 0;
    long deadline = System.nanoTime() + CONVERGENCE.toNanos();
    while (!isRound(seen, prefixes, ROUNDS)) {
      assertTrue(System.nanoTime() < deadline, "the slow peer never saw the current state");
      BgpMessage message = slow.read(Duration.ofSeconds(5));
      if (message instanceof Update update) {
        remove(seen, update.withdrawnRoutes());
        long tag = update.attributes().map(SlowReaderTest::tag).orElse(-1L);
        NlriList nlri = update.nlri();
        for (int i = 0; i < nlri.size(); i++) {
          seen.put(nlri.prefix(i), tag);
          announcements++;
        }
      }
    }
    return announcements;
  }

  private static void remove(Map<Prefix, Long> seen, NlriList withdrawn) {
    for (int i = 0; i < withdrawn.size(); i++) {
      seen.remove(withdrawn.prefix(i));
    }
  }

  private static boolean isRound(Map<Prefix, Long> seen, List<Prefix> prefixes, int round) {
    if (seen.size() != prefixes.size()) {
      return false;
    }
    for (int i = 0; i < prefixes.size(); i++) {
      Long tag = seen.get(prefixes.get(i));
      if (tag == null || tag != tag(round, i)) {
        return false;
      }
    }
    return true;
  }

  /** The community of route {@code index} in round {@code round}, as a number. */
  private static long tag(int round, int index) {
    return (long) round << 16 | index;
  }

  private static long tag(PathAttributes attributes) {
    return attributes.communities().isEmpty()
        ? -1
        : (long) attributes.communities().get(0).high() << 16
            | attributes.communities().get(0).low();
  }

  private static void originate(RouteServer speaker, List<Prefix> prefixes, int round) {
    for (int i = 0; i < prefixes.size(); i++) {
      speaker.originate(
          prefixes.get(i),
          PathAttributes.builder()
              .nextHop(FaultLab.address(0))
              .addCommunity(Community.of(round, i))
              .build());
    }
  }

  private static void awaitRound(RouteServer listener, List<Prefix> prefixes, int round) {
    PeerId server = new PeerId(FaultLab.SERVER);
    FaultLab.await(
        "the listener holds round " + round,
        CONVERGENCE,
        () -> {
          Map<Prefix, Long> held = new HashMap<>();
          listener
              .snapshot()
              .rib()
              .adjRibIn(server)
              .forEach((Route r) -> held.put(r.prefix(), tag(r.attributes())));
          return isRound(held, prefixes, round);
        });
  }

  private static long directMemory() {
    return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider
        ? provider.metric().usedDirectMemory()
        : -1;
  }
}
