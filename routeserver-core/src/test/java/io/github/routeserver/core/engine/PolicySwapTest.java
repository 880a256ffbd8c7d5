package io.github.routeserver.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.Actions;
import io.github.routeserver.core.policy.Matchers;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.core.policy.PrefixRange;
import io.github.routeserver.core.policy.PrefixSet;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.Term;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.junit.jupiter.api.Test;

/** Dry runs predict swaps; swaps send only what changes. */
class PolicySwapTest {
  private static final IpAddress LOCAL = IpAddress.parse("10.1.1.4");
  private static final RoutePolicy ACCEPT = Term.named("accept").accept();
  private static final List<Prefix> PREFIXES =
      List.of(
          Prefix.parse("10.0.0.0/8"),
          Prefix.parse("10.1.0.0/16"),
          Prefix.parse("192.168.0.0/16"),
          Prefix.parse("172.16.0.0/12"),
          Prefix.parse("2001:db8::/32"));
  private static final List<RoutePolicy> EXPORTS =
      List.of(
          ACCEPT,
          RoutePolicy.chain(
              "no tens",
              Term.named("tens")
                  .when(
                      Matchers.prefixIn(
                          PrefixSet.of("tens", List.of(PrefixRange.parse("10.0.0.0/8 le 32")))))
                  .reject(),
              ACCEPT),
          RoutePolicy.chain("prepend", Term.named("prepend").then(Actions.prepend(2)).accept()),
          RoutePolicy.chain("med", Term.named("med").then(Actions.setMed(77)).accept()),
          Term.named("nothing").reject());

  private final List<RouteServer> servers = new ArrayList<>();

  @AfterProperty
  void closeAll() {
    servers.forEach(RouteServer::close);
    servers.clear();
  }

  private RouteServer server(RoutePolicy export) {
    RouteServer server =
        RouteServer.builder()
            .localAsn(64999)
            .routerId(LOCAL)
            .profile(RouteServerProfile.TRANSPARENT)
            .policies(policies(export))
            .build();
    servers.add(server);
    server.start();
    return server;
  }

  private static PeerPolicies policies(RoutePolicy export) {
    return PeerPolicies.builder().importDefault(ACCEPT).exportDefault(export).build();
  }

  private static PeerHandle peer(RouteServer server, String address, long asn) {
    PeerHandle handle =
        server.addPeer(PeerConfig.builder().id(PeerId.of(address)).asn(asn).build());
    handle.sessionEstablished(RouteSource.external(address, asn).withSession(1), LOCAL);
    handle.resendAll(AddressFamily.IPV4);
    handle.resendAll(AddressFamily.IPV6);
    return handle;
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for the writer thread");
      Thread.onSpinWait();
    }
  }

  /** What a peer is sent: per prefix the last attributes (empty: withdrawn). */
  private static final class Received implements ExportSink {
    final Map<Prefix, Optional<PathAttributes>> messages = new LinkedHashMap<>();

    @Override
    public void announce(Prefix prefix, PathAttributes attributes) {
      messages.put(prefix, Optional.of(attributes));
    }

    @Override
    public void withdraw(Prefix prefix) {
      messages.put(prefix, Optional.empty());
    }

    @Override
    public void tableSent(AddressFamily family) {}

    Received drain(PeerHandle peer) {
      while (peer.drain(100, this) == 100) {
        // more
      }
      return this;
    }
  }

  @Property(tries = 40)
  void aSwapSendsExactlyWhatTheDryRunPredicted(
      @ForAll("routes") List<Route> routes,
      @ForAll("exports") RoutePolicy before,
      @ForAll("exports") RoutePolicy after) {
    RouteServer server = server(before);
    PeerHandle feeder = peer(server, "10.0.0.1", 65001);
    PeerHandle client = peer(server, "10.0.0.2", 65002);
    feeder.submit(routes, List.of());
    long distinct = routes.stream().map(Route::prefix).distinct().count();
    await(() -> server.snapshot().rib().size() == distinct);
    new Received().drain(client); // the client is up to date

    PolicyDryRun dryRun = server.dryRun(policies(after));
    Map<Prefix, Optional<PathAttributes>> predicted = new LinkedHashMap<>();
    dryRun
        .exports()
        .getOrDefault(client.config().id(), com.google.common.collect.ImmutableList.of())
        .forEach(c -> predicted.put(c.prefix(), c.after()));

    AtomicInteger refreshes = new AtomicInteger();
    feeder.onImportPolicyChange(refreshes::incrementAndGet);
    server.swapPolicies(policies(after));
    await(() -> server.policies().equals(policies(after)));
    assertEquals(predicted, new Received().drain(client).messages);
    assertEquals(0, refreshes.get(), "import policies did not change");
  }

  @Test
  void aChangedImportPolicyAsksThePeerForItsRoutesAgain() {
    RouteServer server = server(ACCEPT);
    PeerHandle feeder = peer(server, "10.0.0.1", 65001);
    AtomicInteger refreshes = new AtomicInteger();
    feeder.onImportPolicyChange(refreshes::incrementAndGet);
    PeerPolicies stricter =
        PeerPolicies.builder()
            .importDefault(Term.named("none").reject())
            .exportDefault(ACCEPT)
            .build();
    assertEquals(Set.of(feeder.config().id()), server.dryRun(stricter).importChanged());
    server.swapPolicies(stricter);
    await(() -> refreshes.get() == 1);
  }

  @Provide
  Arbitrary<List<Route>> routes() {
    RouteSource source = RouteSource.external("10.0.0.1", 65001).withSession(1);
    return Arbitraries.of(PREFIXES)
        .flatMap(
            prefix ->
                Arbitraries.integers()
                    .between(1, 3)
                    .map(
                        length -> {
                          long[] path = new long[length];
                          java.util.Arrays.fill(path, 65001);
                          IpAddress hop =
                              prefix.isIpv4()
                                  ? IpAddress.parse("10.0.0.1")
                                  : IpAddress.parse("2001:db8::1");
                          return Route.of(
                              prefix,
                              source,
                              PathAttributes.builder()
                                  .asPath(AsPath.of(path))
                                  .nextHop(hop)
                                  .build());
                        }))
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .uniqueElements(Route::prefix);
  }

  @Provide
  Arbitrary<RoutePolicy> exports() {
    return Arbitraries.of(EXPORTS);
  }
}
