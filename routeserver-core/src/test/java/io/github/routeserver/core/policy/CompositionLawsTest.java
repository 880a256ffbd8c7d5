package io.github.routeserver.core.policy;

import static io.github.routeserver.core.policy.Matchers.all;
import static io.github.routeserver.core.policy.Matchers.any;
import static io.github.routeserver.core.policy.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.testing.TestRoutes;
import io.github.routeserver.core.route.Route;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Algebraic laws of terms, sequences and matchers, checked on random routes and policies. */
class CompositionLawsTest {
  private static final PeerInfo FROM =
      PeerInfo.of("10.1.0.4", 65001).withRole(Role.CUSTOMER).withGroups("nva");
  private static final PolicyContext IN = TestRoutes.importFrom(FROM);
  private static final PolicyContext OUT =
      TestRoutes.export(FROM, PeerInfo.of("10.1.0.5", 65002).withGroups("transit"));

  private static void assertSameOutcome(RoutePolicy expected, RoutePolicy actual, Route route) {
    for (PolicyContext context : List.of(IN, OUT)) {
      assertEquals(expected.apply(route, context), actual.apply(route, context), actual.toString());
    }
  }

  private static void assertSameMatch(RouteMatcher expected, RouteMatcher actual, Route route) {
    for (PolicyContext context : List.of(IN, OUT)) {
      assertEquals(
          expected.matches(route, context), actual.matches(route, context), actual.toString());
    }
  }

  @Property
  void sequenceOfOneTermEqualsTheTerm(@ForAll("terms") Term term, @ForAll("routes") Route route) {
    assertSameOutcome(term, RoutePolicy.firstMatch("one", term), route);
    assertSameOutcome(term, RoutePolicy.allMatch("one", term), route);
  }

  @Property
  void sequenceOfOneTermEqualsTheTermInsideAnyOuterSequence(
      @ForAll("terms") Term term, @ForAll("terms") Term rest, @ForAll("routes") Route route) {
    assertSameOutcome(
        RoutePolicy.firstMatch("outer", term, rest),
        RoutePolicy.firstMatch("outer", RoutePolicy.allMatch("one", term), rest),
        route);
    assertSameOutcome(
        RoutePolicy.allMatch("outer", term, rest),
        RoutePolicy.allMatch("outer", RoutePolicy.firstMatch("one", term), rest),
        route);
  }

  @Property
  void chainsAreAssociative(
      @ForAll("terms") Term p,
      @ForAll("terms") Term q,
      @ForAll("terms") Term r,
      @ForAll("routes") Route route) {
    assertSameOutcome(
        RoutePolicy.chain("left", RoutePolicy.chain("pq", p, q), r),
        RoutePolicy.chain("right", p, RoutePolicy.chain("qr", q, r)),
        route);
  }

  @Property
  void notNotIsIdentity(@ForAll("matchers") RouteMatcher m, @ForAll("routes") Route route) {
    assertSameMatch(m, new Matchers.Not(new Matchers.Not(m)), route);
    assertSameMatch(m, not(not(m)), route);
  }

  @Property
  void andAndOrAreCommutativeAndAssociative(
      @ForAll("matchers") RouteMatcher a,
      @ForAll("matchers") RouteMatcher b,
      @ForAll("matchers") RouteMatcher c,
      @ForAll("routes") Route route) {
    assertSameMatch(all(a, b), all(b, a), route);
    assertSameMatch(any(a, b), any(b, a), route);
    assertSameMatch(all(a, all(b, c)), all(all(a, b), c), route);
    assertSameMatch(any(a, any(b, c)), any(any(a, b), c), route);
  }

  @Property
  void deMorganIdentityAndAbsorption(
      @ForAll("matchers") RouteMatcher a,
      @ForAll("matchers") RouteMatcher b,
      @ForAll("routes") Route route) {
    assertSameMatch(not(all(a, b)), any(not(a), not(b)), route);
    assertSameMatch(not(any(a, b)), all(not(a), not(b)), route);
    assertSameMatch(a, all(a, Matchers.always()), route);
    assertSameMatch(a, any(a, Matchers.never()), route);
    assertSameMatch(a, all(a, any(a, b)), route);
    assertSameMatch(a, any(a, all(a, b)), route);
  }

  @Property
  void explainAgreesWithApply(
      @ForAll("policies") RoutePolicy policy, @ForAll("routes") Route route) {
    for (PolicyContext context : List.of(IN, OUT)) {
      Route applied = policy.apply(route, context);
      Explanation explanation = policy.explain(route, context);
      assertEquals(applied != null, explanation.isAccepted(), explanation.toString());
      assertEquals(applied, explanation.route().orElse(null), explanation.toString());
    }
  }

  // ---- generators ----

  @Provide
  Arbitrary<Route> routes() {
    Arbitrary<String> prefix =
        Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(8, 16, 24))
            .as((i, len) -> Prefix.ofIpv4((10 + i) << 24 | i << 16, len).toString());
    Arbitrary<String> path =
        Arbitraries.longs()
            .between(1, 5)
            .list()
            .ofMaxSize(4)
            .map(l -> String.join(" ", l.stream().map(String::valueOf).toList()));
    Arbitrary<String> community = Arbitraries.of("65001:1", "65001:2", "65002:1", "1:2:3");
    return Combinators.combine(prefix, path, community.list().ofMaxSize(3))
        .as((p, a, c) -> TestRoutes.route(p, a, "nh=10.1.0.4", "community=" + String.join(",", c)));
  }

  @Provide
  Arbitrary<RouteMatcher> matchers() {
    Arbitrary<RouteMatcher> atoms =
        Arbitraries.of(
            Matchers.asPathContains(1),
            Matchers.asPathContains(2),
            Matchers.asPath("^3_"),
            Matchers.asPathLength(0, 2),
            Matchers.prefixIn(PrefixSet.parse("eleven", "11.0.0.0/8 le 24")),
            Matchers.prefixIn(PrefixSet.parse("slash-16", "0.0.0.0/0 ge 16 le 16")),
            Matchers.communityAny(CommunitySet.parse("c", "65001:*")),
            Matchers.communityAll(CommunitySet.parse("c", "65001:1", "1:2:3")),
            Matchers.direction(Direction.EXPORT),
            Matchers.toGroup("transit"),
            Matchers.always(),
            Matchers.never());
    return Arbitraries.recursive(
        () -> atoms,
        inner ->
            Arbitraries.oneOf(
                inner.map(Matchers::not),
                Combinators.combine(inner, inner).as(Matchers::all),
                Combinators.combine(inner, inner).as(Matchers::any)),
        2);
  }

  @Provide
  Arbitrary<Term> terms() {
    Arbitrary<RouteAction> action =
        Arbitraries.of(
            Actions.setLocalPref(200),
            Actions.setMed(7),
            Actions.prepend(2),
            Actions.prepend(1, 1),
            Actions.addCommunities(CommunitySet.parse("tag", "65001:9")),
            Actions.removeCommunities(CommunitySet.parse("strip", "65001:*")),
            Actions.removePrivateAsns());
    Arbitrary<Disposition> disposition = Arbitraries.of(Disposition.class);
    Arbitrary<String> name = Arbitraries.of("a", "b", "c");
    return Combinators.combine(name, matchers(), action.list().ofMaxSize(2), disposition)
        .as((n, m, a, d) -> Term.named(n).when(m).then(a).disposition(d, null));
  }

  @Provide
  Arbitrary<RoutePolicy> policies() {
    Arbitrary<RoutePolicy> leaves = terms().map(t -> t);
    return Arbitraries.recursive(
        () -> leaves,
        inner ->
            Combinators.combine(
                    Arbitraries.of(PolicySequence.Mode.class),
                    inner.list().ofMaxSize(3),
                    Arbitraries.of(Disposition.class))
                .as(
                    (mode, elements, otherwise) ->
                        (mode == PolicySequence.Mode.FIRST_MATCH
                                ? RoutePolicy.firstMatch("s", elements.toArray(new RoutePolicy[0]))
                                : RoutePolicy.allMatch("s", elements.toArray(new RoutePolicy[0])))
                            .withOtherwise(otherwise)),
        2);
  }
}
