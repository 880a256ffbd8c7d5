package io.github.routeserver.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.Term;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * However the writer batches changes and however far behind each peer drains, a peer ends up
 * holding exactly what the final RIB exports to it: the best route of every prefix among those not
 * learned from the peer itself (RFC 7947 section 2.3.2).
 */
class IncrementalExportTest {
  private static final IpAddress LOCAL = IpAddress.parse("10.1.1.4");
  private static final RoutePolicy ACCEPT = Term.named("accept").accept();
  private static final List<Prefix> PREFIXES =
      List.of(
          Prefix.parse("10.0.0.0/8"), Prefix.parse("10.1.0.0/16"), Prefix.parse("192.168.0.0/16"));
  private static final int PEERS = 3;

  private final List<RouteServer> servers = new ArrayList<>();

  @AfterProperty
  void closeAll() {
    servers.forEach(RouteServer::close);
    servers.clear();
  }

  /**
   * One step: {@code peer} announces {@code prefix} with a path of {@code pathLength} (0: withdraws
   * it); with {@code settle} the step waits until the writer has published it, so that it is a
   * commit of its own; then peer {@code drainer} is handed up to {@code budget} changes.
   */
  record Step(int peer, Prefix prefix, int pathLength, boolean settle, int drainer, int budget) {}

  @Property(tries = 100)
  void everyPeerEndsUpWithTheExportOfTheFinalRib(@ForAll("steps") List<Step> steps)
      throws InterruptedException {
    RouteServer server =
        RouteServer.builder()
            .localAsn(64999)
            .routerId(LOCAL)
            .profile(RouteServerProfile.TRANSPARENT)
            .policies(PeerPolicies.builder().importDefault(ACCEPT).exportDefault(ACCEPT).build())
            .build();
    servers.add(server);
    server.start();
    List<PeerHandle> peers = new ArrayList<>();
    List<Map<Prefix, PathAttributes>> held = new ArrayList<>();
    for (int i = 0; i < PEERS; i++) {
      String address = "10.0.0." + (i + 1);
      PeerHandle peer =
          server.addPeer(PeerConfig.builder().id(PeerId.of(address)).asn(65001 + i).build());
      peer.sessionEstablished(RouteSource.external(address, 65001 + i).withSession(1), LOCAL);
      peer.resendAll(AddressFamily.IPV4);
      peers.add(peer);
      held.add(new HashMap<>());
    }

    for (Step step : steps) {
      PeerHandle peer = peers.get(step.peer());
      if (step.pathLength() == 0) {
        peer.submit(List.of(), List.of(Withdrawal.of(step.prefix())));
      } else {
        peer.submit(List.of(route(peer, step.prefix(), step.pathLength())), List.of());
      }
      if (step.settle()) {
        settle(server);
      }
      peers.get(step.drainer()).drain(step.budget(), sink(held.get(step.drainer())));
    }
    settle(server);

    Rib rib = server.snapshot().rib();
    for (int i = 0; i < PEERS; i++) {
      while (peers.get(i).drain(100, sink(held.get(i))) == 100) {
        // more
      }
      assertEquals(exportOf(rib, peers.get(i).config().id()), held.get(i), "peer " + i);
    }
  }

  /** What the transparent profile sends {@code target} with accept-all policies. */
  private static Map<Prefix, PathAttributes> exportOf(Rib rib, PeerId target) {
    Map<Prefix, PathAttributes> expected = new HashMap<>();
    for (Prefix prefix : PREFIXES) {
      List<Route> others =
          rib.candidates(prefix).stream()
              .filter(route -> !route.source().peer().equals(target))
              .toList();
      if (!others.isEmpty()) {
        expected.put(prefix, rib.decisionProcess().select(others).best().attributes());
      }
    }
    return expected;
  }

  private static void settle(RouteServer server) throws InterruptedException {
    CountDownLatch published = new CountDownLatch(1);
    server.afterPendingChanges(published::countDown);
    assertTrue(published.await(10, TimeUnit.SECONDS), "timed out waiting for the writer");
  }

  private static Route route(PeerHandle peer, Prefix prefix, int pathLength) {
    long[] path = new long[pathLength];
    java.util.Arrays.fill(path, peer.config().asn());
    return Route.of(
        prefix,
        RouteSource.external(peer.config().id().address().toString(), peer.config().asn())
            .withSession(1),
        PathAttributes.builder()
            .asPath(AsPath.of(path))
            .nextHop(peer.config().id().address())
            .build());
  }

  private static ExportSink sink(Map<Prefix, PathAttributes> held) {
    return new ExportSink() {
      @Override
      public void announce(Prefix prefix, PathAttributes attributes) {
        held.put(prefix, attributes);
      }

      @Override
      public void withdraw(Prefix prefix) {
        held.remove(prefix);
      }

      @Override
      public void tableSent(AddressFamily family) {}
    };
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(
            Arbitraries.integers().between(0, PEERS - 1),
            Arbitraries.of(PREFIXES),
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, PEERS - 1),
            Arbitraries.of(0, 1, 2, 100))
        .as(Step::new)
        .list()
        .ofMaxSize(40);
  }
}
