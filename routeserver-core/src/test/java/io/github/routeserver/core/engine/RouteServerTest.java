package io.github.routeserver.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.Actions;
import io.github.routeserver.core.policy.Matchers;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.core.policy.PrefixSet;
import io.github.routeserver.core.policy.RouteMatcher;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.Term;
import io.github.routeserver.core.rib.DecisionStep;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouteServerTest {
  private static final IpAddress LOCAL = IpAddress.parse("10.1.1.4");
  private static final Prefix ONPREM = Prefix.parse("192.168.0.0/16");
  private final List<RouteServer> servers = new ArrayList<>();
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    servers.forEach(RouteServer::close);
    assertEquals(List.of(), errors);
  }

  private static final RoutePolicy ACCEPT = Term.named("accept").accept();
  private static final PeerPolicies OPEN =
      PeerPolicies.builder().importDefault(ACCEPT).exportDefault(ACCEPT).build();

  private RouteServer server(RouteServerProfile profile, long capacity) {
    return server(profile, capacity, OPEN);
  }

  /** A transparent route server whose import policy is {@code first}, then accept. */
  private RouteServer transparentImporting(RoutePolicy first) {
    return server(
        RouteServerProfile.TRANSPARENT,
        1000,
        PeerPolicies.builder()
            .importDefault(RoutePolicy.chain("in", first, ACCEPT))
            .exportDefault(ACCEPT)
            .build());
  }

  private RouteServer server(RouteServerProfile profile, long capacity, PeerPolicies policies) {
    RouteServer server =
        RouteServer.builder()
            .policies(policies)
            .localAsn(profile == RouteServerProfile.AZURE ? 65515 : 64999)
            .routerId(LOCAL)
            .profile(profile)
            .inboundCapacity(capacity)
            .errorHandler((what, e) -> errors.add(e))
            .build();
    servers.add(server);
    server.start();
    return server;
  }

  private static PeerHandle peer(RouteServer server, String address, long asn) {
    PeerHandle handle =
        server.addPeer(PeerConfig.builder().id(PeerId.of(address)).asn(asn).build());
    boolean internal = asn == server.localAsn();
    RouteSource source =
        new RouteSource(PeerId.of(address), asn, IpAddress.parse(address), internal);
    handle.sessionEstablished(source.withSession(1), LOCAL);
    handle.resendAll(AddressFamily.IPV4);
    handle.resendAll(AddressFamily.IPV6);
    return handle;
  }

  private static Route route(
      PeerHandle peer, Prefix prefix, UnaryOperator<PathAttributes.Builder> b) {
    PeerConfig config = peer.config();
    PathAttributes attributes =
        b.apply(
                PathAttributes.builder()
                    .asPath(AsPath.of(config.asn()))
                    .nextHop(config.id().address()))
            .build();
    return Route.of(
        prefix,
        RouteSource.external(config.id().address().toString(), config.asn()).withSession(1),
        attributes);
  }

  /** Waits (bounded) until the writer has made {@code condition} true. */
  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for the writer thread");
      Thread.onSpinWait();
    }
  }

  /** What a peer would be sent, prefix by prefix (null value: withdrawn). */
  private static final class Recorder implements ExportSink {
    final Map<Prefix, PathAttributes> sent = new LinkedHashMap<>();
    final List<AddressFamily> tablesSent = new ArrayList<>();
    int messages;

    @Override
    public void tableSent(AddressFamily family) {
      tablesSent.add(family);
    }

    @Override
    public void announce(Prefix prefix, PathAttributes attributes) {
      sent.put(prefix, attributes);
      messages++;
    }

    @Override
    public void withdraw(Prefix prefix) {
      sent.put(prefix, null);
      messages++;
    }

    Recorder drainAll(PeerHandle peer) {
      while (peer.drain(1000, this) == 1000) {
        // keep draining
      }
      return this;
    }
  }

  @Test
  void azureProfilePrependsItsAsSetsItselfAsNextHopAndHonoursNoAdvertise() {
    RouteServer server = server(RouteServerProfile.AZURE, 1000);
    PeerHandle nva = peer(server, "10.1.0.4", 65001);
    PeerHandle gateway = peer(server, "10.1.2.4", 65002);
    Prefix hidden = Prefix.parse("172.16.0.0/12");
    nva.submit(
        List.of(
            route(nva, ONPREM, b -> b.med(50)),
            route(nva, hidden, b -> b.addCommunity(Community.NO_ADVERTISE))),
        List.of());
    await(() -> server.snapshot().rib().size() == 2);

    Recorder toGateway = new Recorder().drainAll(gateway);
    PathAttributes sent = toGateway.sent.get(ONPREM);
    assertEquals(AsPath.of(65515, 65001), sent.asPath());
    assertEquals(LOCAL, sent.nextHop().orElseThrow());
    assertTrue(sent.med().isEmpty(), "MED is not passed to another AS");
    assertFalse(toGateway.sent.containsKey(hidden), "NO_ADVERTISE is installed but not advertised");
    assertEquals(List.of(AddressFamily.IPV4, AddressFamily.IPV6), toGateway.tablesSent);
    assertTrue(new Recorder().drainAll(nva).sent.isEmpty(), "nothing goes back to its source");
  }

  @Test
  void azureProfileSendsAnInternalPeerTheAsPathUnchanged() {
    RouteServer server = server(RouteServerProfile.AZURE, 1000);
    PeerHandle nva = peer(server, "10.1.0.4", 65001);
    PeerHandle vpnGateway = peer(server, "10.1.3.4", RouteServerProfile.AZURE_ASN);
    nva.submit(List.of(route(nva, ONPREM, b -> b.med(50))), List.of());
    await(() -> server.snapshot().rib().size() == 1);

    PathAttributes sent = new Recorder().drainAll(vpnGateway).sent.get(ONPREM);

    assertEquals(AsPath.of(65001), sent.asPath(), "RFC 4271 5.1.2: SHALL NOT modify");
    assertEquals(LOCAL, sent.nextHop().orElseThrow());
  }

  @Test
  void aMedTheExportPolicySetsOrThatWeOriginateGoesToAnotherAsButNotOneReceived() {
    Prefix ours = Prefix.parse("10.77.0.0/16");
    Prefix other = Prefix.parse("10.78.0.0/16");
    RoutePolicy med77ForOther =
        Term.named("med for other")
            .when(Matchers.prefixIn(PrefixSet.parse("other", "10.78.0.0/16")))
            .then(Actions.setMed(77))
            .accept();
    RouteServer server =
        server(
            RouteServerProfile.ROUTER,
            1000,
            PeerPolicies.builder()
                .importDefault(ACCEPT)
                .exportDefault(RoutePolicy.chain("out", med77ForOther, ACCEPT))
                .build());
    PeerHandle a = peer(server, "10.0.0.1", 65001);
    PeerHandle b = peer(server, "10.0.0.2", 65002);
    a.submit(List.of(route(a, ONPREM, x -> x.med(50)), route(a, other, x -> x.med(50))), List.of());
    server.originate(ours, PathAttributes.builder().med(5).build());
    await(() -> server.snapshot().rib().size() == 3);

    Map<Prefix, PathAttributes> sent = new Recorder().drainAll(b).sent;

    assertTrue(sent.get(ONPREM).med().isEmpty(), "RFC 4271 5.1.4: received from another AS");
    assertEquals(OptionalLong.of(77), sent.get(other).med(), "set by the export policy");
    assertEquals(OptionalLong.of(5), sent.get(ours).med(), "originated here");
  }

  @Test
  void aRouterSendsWhatAnInternalPeerSaidToExternalPeersOnlyAndLocalPrefToInternalOnes() {
    RouteServer server = server(RouteServerProfile.ROUTER, 1000, OPEN);
    PeerHandle internal1 = peer(server, "10.0.0.1", server.localAsn());
    PeerHandle internal2 = peer(server, "10.0.0.2", server.localAsn());
    PeerHandle external = peer(server, "10.0.0.3", 65003);
    Prefix fromExternal = Prefix.parse("10.9.0.0/16");
    RouteSource internalSource =
        new RouteSource(PeerId.of("10.0.0.1"), server.localAsn(), IpAddress.parse("10.0.0.1"), true)
            .withSession(1);
    PathAttributes learned =
        PathAttributes.builder().nextHop(IpAddress.parse("10.0.0.1")).localPref(200).build();
    internal1.submit(List.of(Route.of(ONPREM, internalSource, learned)), List.of());
    external.submit(List.of(route(external, fromExternal, x -> x)), List.of());
    await(() -> server.snapshot().rib().size() == 2);

    Map<Prefix, PathAttributes> toInternal2 = new Recorder().drainAll(internal2).sent;

    assertFalse(
        toInternal2.containsKey(ONPREM), "RFC 4271 9.2: not from one internal peer to another");
    assertEquals(OptionalLong.of(100), toInternal2.get(fromExternal).localPref(), "5.1.5: MUST");
    assertEquals(
        Optional.of(IpAddress.parse("10.0.0.3")),
        toInternal2.get(fromExternal).nextHop(),
        "5.1.3: unchanged to an internal peer unless configured");
    assertTrue(new Recorder().drainAll(external).sent.containsKey(ONPREM));
  }

  @Test
  void aTransparentRouteServerPutsItsAsOnlyOnWhatItOriginates() {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 1000, OPEN);
    PeerHandle a = peer(server, "10.0.0.1", 65001);
    PeerHandle b = peer(server, "10.0.0.2", 65002);
    Prefix ours = Prefix.parse("10.77.0.0/16");
    a.submit(List.of(route(a, ONPREM, x -> x)), List.of());
    server.originate(ours, PathAttributes.builder().build());
    await(() -> server.snapshot().rib().size() == 2);

    Map<Prefix, PathAttributes> sent = new Recorder().drainAll(b).sent;

    assertEquals(AsPath.of(65001), sent.get(ONPREM).asPath(), "RFC 7947: the client's, unchanged");
    assertEquals(AsPath.of(server.localAsn()), sent.get(ours).asPath(), "RFC 4271 5.1.2");
  }

  @Test
  void runsAnActionAfterThePendingChangesAreAppliedAndPublished() {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 100_000);
    PeerHandle a = peer(server, "10.0.0.1", 65001);
    PeerHandle c = peer(server, "10.0.0.3", 65003);
    for (int i = 0; i < 1000; i++) {
      a.submit(List.of(route(a, Prefix.ofIpv4(0x0A00_0000 | i << 8, 24), x -> x)), List.of());
    }
    List<Integer> seen = new CopyOnWriteArrayList<>();

    server.afterPendingChanges(
        () -> {
          seen.add(server.snapshot().rib().size());
          seen.add(new Recorder().drainAll(c).sent.size());
        });

    await(() -> seen.size() == 2);
    assertEquals(List.of(1000, 1000), seen, "the RIB, and what c's outbound hands out");
  }

  @Test
  void transparentProfilePassesRoutesUnchangedAndGivesEachClientItsOwnBestPath() {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 1000);
    PeerHandle a = peer(server, "10.0.0.1", 65001);
    PeerHandle b = peer(server, "10.0.0.2", 65002);
    PeerHandle c = peer(server, "10.0.0.3", 65003);
    a.submit(List.of(route(a, ONPREM, x -> x.med(10))), List.of());
    b.submit(List.of(route(b, ONPREM, x -> x.asPath(AsPath.of(65002, 65002)))), List.of());
    await(() -> server.snapshot().rib().candidates(ONPREM).size() == 2);

    Route best = server.snapshot().rib().best(ONPREM).orElseThrow();
    assertEquals(a.config().id(), best.source().peer());
    assertEquals(best.attributes(), new Recorder().drainAll(c).sent.get(ONPREM), "unchanged");
    // A's own route is the best, but A gets the best of the others instead (RFC 7947 2.3.2).
    assertEquals(AsPath.of(65002, 65002), new Recorder().drainAll(a).sent.get(ONPREM).asPath());
  }

  @Test
  void importPolicyRejectionsNeverReachTheRibAndReplaceAnEarlierAcceptedRoute() {
    RoutePolicy noLongPaths =
        Term.named("short paths only").when(Matchers.asPathLength(3, Integer.MAX_VALUE)).reject();
    RouteServer server = transparentImporting(noLongPaths);
    PeerHandle nva = peer(server, "10.0.0.1", 65001);
    nva.submit(List.of(route(nva, ONPREM, x -> x)), List.of());
    await(() -> server.snapshot().rib().size() == 1);
    nva.submit(List.of(route(nva, ONPREM, x -> x.asPath(AsPath.of(65001, 1, 2)))), List.of());
    await(() -> server.snapshot().rib().isEmpty());
  }

  @Test
  void anImportPolicyWhoseOwnCodeThrowsRejectsThatRouteAndTheOthersOfTheUpdateGoIn() {
    Prefix other = Prefix.parse("10.9.0.0/16");
    RoutePolicy throwsOnLongPaths =
        Term.named("throws on long paths")
            .when(
                RouteMatcher.of(
                    "throws",
                    (route, context) -> {
                      if (route.attributes().asPath().length() > 2) {
                        throw new IllegalStateException("a bug in the caller's matcher");
                      }
                      return false;
                    }))
            .reject();
    RouteServer server = transparentImporting(throwsOnLongPaths);
    PeerHandle nva = peer(server, "10.0.0.1", 65001);
    nva.submit(List.of(route(nva, ONPREM, x -> x)), List.of());
    await(() -> server.snapshot().rib().size() == 1);

    nva.submit(
        List.of(
            route(nva, ONPREM, x -> x.asPath(AsPath.of(65001, 1, 2))), route(nva, other, x -> x)),
        List.of());

    await(() -> server.snapshot().rib().best(other).isPresent());
    assertEquals(Optional.empty(), server.snapshot().rib().best(ONPREM), "rejected, not kept");
    assertTrue(errors.isEmpty(), errors::toString);
  }

  @Test
  void oneClientsExportFilterNeverHidesAnAlternativeFromAnother() {
    RoutePolicy noAs65001 = Term.named("not via 65001").when(Matchers.asPath("_65001_")).reject();
    PeerId picky = PeerId.of("10.0.0.3");
    RouteServer server =
        server(
            RouteServerProfile.TRANSPARENT,
            1000,
            PeerPolicies.builder()
                .importDefault(ACCEPT)
                .exportDefault(ACCEPT)
                .exportPolicy(picky, RoutePolicy.chain("picky", noAs65001, ACCEPT))
                .build());
    PeerHandle a = peer(server, "10.0.0.1", 65001);
    PeerHandle b = peer(server, "10.0.0.2", 65002);
    PeerHandle c = peer(server, "10.0.0.3", 65003);
    PeerHandle d = peer(server, "10.0.0.4", 65004);
    a.submit(List.of(route(a, ONPREM, x -> x)), List.of());
    b.submit(List.of(route(b, ONPREM, x -> x.asPath(AsPath.of(65002, 65002)))), List.of());
    await(() -> server.snapshot().rib().candidates(ONPREM).size() == 2);
    assertEquals(AsPath.of(65001), new Recorder().drainAll(d).sent.get(ONPREM).asPath());
    assertEquals(AsPath.of(65002, 65002), new Recorder().drainAll(c).sent.get(ONPREM).asPath());
  }

  @Test
  void rfc8212DeniesExternalRoutesWhenNoPolicyIsConfigured() {
    RouteServer server =
        server(RouteServerProfile.TRANSPARENT, 1000, PeerPolicies.builder().build());
    PeerHandle nva = peer(server, "10.0.0.1", 65001);
    nva.submit(List.of(route(nva, ONPREM, x -> x)), List.of());
    // An internal peer's routes pass RFC 8212: once its route is in, the writer is past the others.
    PeerHandle internal = peer(server, "10.0.0.9", 64999);
    internal.submit(List.of(route(internal, Prefix.parse("10.0.0.0/8"), x -> x)), List.of());
    await(() -> server.snapshot().rib().size() == 1);
    assertTrue(server.snapshot().rib().best(ONPREM).isEmpty());
  }

  @Test
  void aSlowPeerGetsTheCurrentStateNotABacklog() {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 100_000);
    PeerHandle feeder = peer(server, "10.0.0.1", 65001);
    PeerHandle slow = peer(server, "10.0.0.2", 65002);
    for (int med = 0; med < 200; med++) {
      long value = med;
      feeder.submit(List.of(route(feeder, ONPREM, x -> x.med(value))), List.of());
    }
    await(
        () ->
            server
                    .snapshot()
                    .rib()
                    .best(ONPREM)
                    .map(r -> r.attributes().med().getAsLong())
                    .orElse(-1L)
                == 199);
    Recorder recorder = new Recorder().drainAll(slow);
    assertEquals(1, recorder.messages, "200 changes coalesced into one announcement");
    assertEquals(199, recorder.sent.get(ONPREM).med().getAsLong());
  }

  @Test
  void wakesAnIdlePeerWhenThereIsSomethingNewToSend() {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 1000);
    PeerHandle feeder = peer(server, "10.0.0.1", 65001);
    PeerHandle sink = peer(server, "10.0.0.2", 65002);
    AtomicInteger wakeups = new AtomicInteger();
    sink.onOutboundWork(wakeups::incrementAndGet);
    assertEquals(0, sink.drain(10, new Recorder()));
    feeder.submit(List.of(route(feeder, ONPREM, x -> x)), List.of());
    await(() -> wakeups.get() == 1);
    Recorder recorder = new Recorder().drainAll(sink);
    assertTrue(recorder.sent.containsKey(ONPREM));
  }

  @Test
  void aPeerIsSentNothingForItsOwnRoutesButLearnsWhenAnotherPeersRouteNextToThemGoes() {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 1000);
    PeerHandle a = peer(server, "10.0.0.1", 65001);
    PeerHandle b = peer(server, "10.0.0.2", 65002);
    Prefix own = Prefix.parse("10.1.0.0/16");
    Recorder toA = new Recorder();
    b.submit(List.of(route(b, ONPREM, x -> x)), List.of());
    await(() -> toA.drainAll(a).sent.containsKey(ONPREM));
    a.submit(List.of(route(a, ONPREM, x -> x), route(a, own, x -> x)), List.of());
    await(() -> server.snapshot().rib().size() == 2);
    assertEquals(1, toA.drainAll(a).messages, "a's own routes are not sent back to it");

    // Only a's route is left for ONPREM after this change, but a held b's: it must hear of it.
    b.submit(List.of(), List.of(Withdrawal.of(ONPREM)));
    await(() -> server.snapshot().rib().candidates(ONPREM).size() == 1);
    assertEquals(2, toA.drainAll(a).messages);
    assertTrue(toA.sent.containsKey(ONPREM) && toA.sent.get(ONPREM) == null, "withdrawn");
  }

  @Test
  void withdrawalsReachThePeersThatWereSentTheRoute() {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 1000);
    PeerHandle feeder = peer(server, "10.0.0.1", 65001);
    PeerHandle sink = peer(server, "10.0.0.2", 65002);
    feeder.submit(List.of(route(feeder, ONPREM, x -> x)), List.of());
    Recorder recorder = new Recorder();
    await(() -> recorder.drainAll(sink).sent.get(ONPREM) != null);
    feeder.submit(List.of(), List.of(Withdrawal.of(ONPREM)));
    await(() -> recorder.drainAll(sink).sent.get(ONPREM) == null);
    assertEquals(2, recorder.messages);
  }

  @Test
  void asksSessionsToPauseWhenTheQueueIsFullAndResumesThem() {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 4);
    PeerHandle feeder = peer(server, "10.0.0.1", 65001);
    AtomicInteger resumed = new AtomicInteger();
    feeder.onResume(resumed::incrementAndGet);
    List<Route> many = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      many.add(route(feeder, Prefix.ofIpv4(0x0a000000 + (i << 8), 24), x -> x));
    }
    assertFalse(feeder.submit(many, List.of()), "10 routes exceed a capacity of 4");
    await(() -> resumed.get() == 1);
    assertEquals(10, server.snapshot().rib().size(), "nothing was dropped");
  }

  @Test
  void gracefulRestartKeepsRoutesUntilTheNewSessionHasSentItsTable() {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 1000);
    PeerHandle nva = peer(server, "10.0.0.1", 65001);
    Prefix kept = Prefix.parse("10.10.0.0/16");
    nva.submit(List.of(route(nva, ONPREM, x -> x), route(nva, kept, x -> x)), List.of());
    await(() -> server.snapshot().rib().size() == 2);
    nva.sessionDown();
    RouteSource second = RouteSource.external("10.0.0.1", 65001).withSession(2);
    nva.sessionEstablished(second, LOCAL);
    nva.submit(List.of(Route.of(kept, second, route(nva, kept, x -> x).attributes())), List.of());
    // End-of-RIB from the new session: the routes it did not announce again go.
    nva.removeOlderSessions(AddressFamily.IPV4, 2);
    await(() -> server.snapshot().rib().size() == 1);
    assertEquals(second, server.snapshot().rib().best(kept).orElseThrow().source());
  }

  @Test
  void longLivedStaleRoutesLoseToFreshOnesAndNoLlgrRoutesGo() {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 1000);
    PeerHandle a = peer(server, "10.0.0.1", 65001);
    PeerHandle b = peer(server, "10.0.0.2", 65002);
    Prefix gone = Prefix.parse("10.10.0.0/16");
    a.submit(
        List.of(
            route(a, ONPREM, x -> x.localPref(300)),
            route(a, gone, x -> x.addCommunity(Community.NO_LLGR))),
        List.of());
    b.submit(List.of(route(b, ONPREM, x -> x.asPath(AsPath.of(65002, 65002, 65002)))), List.of());
    await(() -> server.snapshot().rib().size() == 2);
    assertEquals(
        a.config().id(), server.snapshot().rib().best(ONPREM).orElseThrow().source().peer());
    a.sessionDown();
    a.markLongLivedStale(AddressFamily.IPV4, 2);
    await(() -> server.snapshot().rib().size() == 1);
    Route best = server.snapshot().rib().best(ONPREM).orElseThrow();
    assertEquals(b.config().id(), best.source().peer(), "LLGR_STALE outranks even LOCAL_PREF");
    assertEquals(
        DecisionStep.NOT_LLGR_STALE,
        server.snapshot().rib().selection(ONPREM).orElseThrow().reason());
  }

  @Test
  void aRefreshResendsTheTableAndKeepsADueWithdrawal() {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 1000);
    PeerHandle feeder = peer(server, "10.0.0.1", 65001);
    PeerHandle sink = peer(server, "10.0.0.2", 65002);
    Prefix other = Prefix.parse("10.10.0.0/16");
    feeder.submit(List.of(route(feeder, ONPREM, x -> x), route(feeder, other, x -> x)), List.of());
    Recorder recorder = new Recorder();
    await(() -> recorder.drainAll(sink).sent.size() == 2);
    feeder.submit(List.of(), List.of(Withdrawal.of(other)));
    await(() -> server.snapshot().rib().size() == 1);
    sink.resendAll(AddressFamily.IPV4); // before the withdrawal was drained
    recorder.tablesSent.clear();
    recorder.drainAll(sink);
    assertEquals(List.of(AddressFamily.IPV4), recorder.tablesSent);
    assertTrue(recorder.sent.containsKey(other) && recorder.sent.get(other) == null);
    assertTrue(recorder.sent.get(ONPREM) != null);
  }

  @Test
  void sessionDownWithoutGracefulRestartWithdrawsEverything() {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 1000);
    PeerHandle nva = peer(server, "10.0.0.1", 65001);
    nva.submit(List.of(route(nva, ONPREM, x -> x)), List.of());
    await(() -> server.snapshot().rib().size() == 1);
    nva.sessionDown();
    nva.removeOlderSessions(AddressFamily.IPV4, 2);
    nva.removeOlderSessions(AddressFamily.IPV6, 2);
    await(() -> server.snapshot().rib().isEmpty());
  }

  @Test
  void templatesAdmitAddressesInTheirRangeOnly() {
    RouteServer server = server(RouteServerProfile.AZURE, 1000);
    server.addTemplate(PeerTemplate.of("spoke-nva", Prefix.parse("10.2.0.0/24"), 65010, "nva"));
    PeerHandle dynamic = server.peerFor(IpAddress.parse("10.2.0.7")).orElseThrow();
    assertEquals("spoke-nva-10.2.0.7", dynamic.config().name());
    assertEquals(65010, dynamic.config().asn());
    assertTrue(dynamic.config().info().inGroup("nva"));
    assertTrue(server.peerFor(IpAddress.parse("10.3.0.7")).isEmpty());
    assertEquals(dynamic, server.peerFor(IpAddress.parse("10.2.0.7")).orElseThrow());
  }

  @Test
  void aTemplateAdmitsAtMostItsMaxPeersAtATime() {
    RouteServer server = server(RouteServerProfile.AZURE, 1000);
    PeerTemplate template =
        PeerTemplate.of("spoke-nva", Prefix.parse("10.2.0.0/24"), 65010).withMaxPeers(2);
    server.addTemplate(template);
    PeerHandle first = server.peerFor(IpAddress.parse("10.2.0.1")).orElseThrow();
    PeerHandle second = server.peerFor(IpAddress.parse("10.2.0.2")).orElseThrow();

    assertEquals(Optional.of(template), first.template());
    assertTrue(server.peerFor(IpAddress.parse("10.2.0.3")).isEmpty(), "one more address");
    assertEquals(Optional.of(template), server.templateFor(IpAddress.parse("10.2.0.3")));
    assertEquals(first, server.peerFor(IpAddress.parse("10.2.0.1")).orElseThrow());

    first.remove();
    first.remove(); // a second call gives no place back
    PeerHandle third = server.peerFor(IpAddress.parse("10.2.0.3")).orElseThrow();
    assertTrue(server.peerFor(IpAddress.parse("10.2.0.1")).isEmpty(), "full again");
    assertEquals(Set.of(second, third), Set.copyOf(server.peers()));
    assertEquals(100, PeerTemplate.of("t", Prefix.parse("10.3.0.0/24"), 65010).maxPeers());
    assertThrows(IllegalArgumentException.class, () -> template.withMaxPeers(0));
  }

  @Test
  void removingADynamicPeerWithdrawsItsRoutesFromTheOtherPeersAndItsAddressGetsANewPeer()
      throws InterruptedException {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 1000);
    server.addTemplate(PeerTemplate.of("spoke-nva", Prefix.parse("10.2.0.0/24"), 65010));
    PeerHandle observer = peer(server, "10.0.0.1", 65001);
    IpAddress address = IpAddress.parse("10.2.0.7");
    PeerHandle gone = server.peerFor(address).orElseThrow();
    gone.submit(List.of(route(gone, ONPREM, x -> x)), List.of());
    await(() -> server.snapshot().rib().size() == 1);
    Recorder recorder = new Recorder().drainAll(observer);
    assertTrue(recorder.sent.get(ONPREM) != null);
    // Hold the writer, so that what follows waits in its queue.
    CountDownLatch writerHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    server.afterPendingChanges(
        () -> {
          writerHeld.countDown();
          try {
            release.await(); // or until close() interrupts the writer
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    assertTrue(writerHeld.await(10, TimeUnit.SECONDS));

    gone.remove();
    assertTrue(server.peer(new PeerId(address)).isEmpty(), "gone at once");
    PeerHandle back = server.peerFor(address).orElseThrow();
    assertNotSame(gone, back);
    Prefix late = Prefix.parse("10.9.0.0/16");
    Prefix again = Prefix.parse("10.7.0.0/16");
    gone.submit(List.of(route(gone, late, x -> x)), List.of()); // ignored: that peer is gone
    back.submit(List.of(route(back, again, x -> x)), List.of()); // after the removal, kept
    release.countDown();

    await(
        () -> server.snapshot().rib().locRib().map(Route::prefix).toList().equals(List.of(again)));
    recorder.drainAll(observer);
    assertTrue(recorder.sent.containsKey(ONPREM) && recorder.sent.get(ONPREM) == null);
    assertTrue(recorder.sent.get(again) != null);
  }

  @Test
  void aSessionWakeUpThatThrowsGoesToTheErrorHandlerAndTheWriterGoesOn() {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 1000, OPEN);
    PeerHandle gone = peer(server, "10.0.0.1", 65001);
    new Recorder().drainAll(gone); // up to date: the next change wakes it
    gone.onOutboundWork(
        () -> {
          throw new IllegalStateException("its event loop was shut down");
        });
    PeerHandle nva = peer(server, "10.0.0.2", 65002);

    nva.submit(List.of(route(nva, ONPREM, x -> x)), List.of());
    await(() -> !errors.isEmpty());
    nva.submit(List.of(route(nva, Prefix.parse("10.9.0.0/16"), x -> x)), List.of());

    await(() -> server.snapshot().rib().size() == 2);
    assertEquals(IllegalStateException.class, errors.get(0).getClass());
    errors.clear();
  }

  @Test
  void listenersSeeEveryCommitAndFailuresGoToTheErrorHandler() {
    RouteServer server = server(RouteServerProfile.TRANSPARENT, 1000);
    List<Long> versions = new CopyOnWriteArrayList<>();
    server.addListener((snapshot, delta) -> versions.add(snapshot.version()));
    server.addListener(
        (snapshot, delta) -> {
          throw new IllegalStateException("listener bug");
        });
    PeerHandle nva = peer(server, "10.0.0.1", 65001);
    nva.submit(List.of(route(nva, ONPREM, x -> x)), List.of());
    await(() -> errors.size() == 1);
    assertEquals(List.of(1L), versions);
    errors.clear();
  }
}
