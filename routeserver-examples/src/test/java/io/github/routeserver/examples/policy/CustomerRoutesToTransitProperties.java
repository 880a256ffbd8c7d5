package io.github.routeserver.examples.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.routeserver.core.policy.PeerInfo;
import io.github.routeserver.core.policy.PolicyContext;
import io.github.routeserver.core.policy.Role;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.testing.TestRoutes;
import io.github.routeserver.core.route.Route;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The sample policy's contract, checked over random routes and peers. */
class CustomerRoutesToTransitProperties {
  private static final RoutePolicy POLICY = CustomerRoutesToTransit.policy();

  private static boolean isCustomer(PeerInfo peer) {
    return peer.role().equals(java.util.Optional.of(Role.CUSTOMER)) || peer.inGroup("customers");
  }

  @Property
  void transitGetsExactlyTheCustomerRoutesPrependedTwice(
      @ForAll("routes") Route route, @ForAll("peers") PeerInfo from, @ForAll("peers") PeerInfo to) {
    PolicyContext context = TestRoutes.export(from, to);
    Route result = POLICY.apply(route, context);
    if (!to.inGroup("transit")) {
      assertSame(route, result, "other peers get the route untouched");
    } else if (isCustomer(from)) {
      assertEquals(
          route.attributes().asPath().prepend(context.localAsn(), 2), result.attributes().asPath());
    } else {
      assertNull(result, POLICY.explain(route, context).toString());
    }
  }

  @Provide
  Arbitrary<Route> routes() {
    Arbitrary<String> prefix =
        Arbitraries.integers().between(1, 223).map(first -> first + ".0.0.0/8");
    Arbitrary<String> path =
        Arbitraries.longs()
            .between(1, 70_000)
            .list()
            .ofMaxSize(5)
            .map(asns -> String.join(" ", asns.stream().map(String::valueOf).toList()));
    return Combinators.combine(prefix, path).as((p, a) -> TestRoutes.route(p, a));
  }

  @Provide
  Arbitrary<PeerInfo> peers() {
    Arbitrary<Role> role = Arbitraries.of(Role.class).injectNull(0.3);
    Arbitrary<List<String>> groups =
        Arbitraries.of("transit", "customers", "nva").list().ofMaxSize(2).uniqueElements();
    return Combinators.combine(Arbitraries.integers().between(1, 250), role, groups)
        .as(
            (host, r, g) -> {
              PeerInfo peer =
                  PeerInfo.of("10.2.0." + host, 65_000 + host).withGroups(g.toArray(new String[0]));
              return r == null ? peer : peer.withRole(r);
            });
  }
}
