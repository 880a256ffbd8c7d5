package io.github.routeserver.core.policy;

import static io.github.routeserver.core.policy.Matchers.asPathContains;
import static io.github.routeserver.core.policy.Matchers.prefixIn;
import static io.github.routeserver.core.policy.testing.TestRoutes.importFrom;
import static io.github.routeserver.core.policy.testing.TestRoutes.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import io.github.routeserver.core.route.Route;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RoutePolicyTest {
  private static final PolicyContext IN = importFrom(PeerInfo.of("10.1.0.4", 65001));
  private static final PrefixSet TEN = PrefixSet.parse("ten", "10.0.0.0/8 le 32");
  private static final Route ROUTE = route("10.1.0.0/16", "65001 7", "lp=100");

  private static Term localPref(String name, long value) {
    return Term.named(name).then(Actions.setLocalPref(value)).next();
  }

  @Test
  void acceptingWithoutChangeReturnsTheVerySameRoute() {
    Term accept = Term.named("all").accept();
    assertSame(ROUTE, accept.apply(ROUTE, IN));
    assertSame(
        ROUTE,
        RoutePolicy.chain("c", Term.named("miss").when(asPathContains(9)).reject())
            .apply(ROUTE, IN));
    assertSame(ROUTE, localPref("same", 100).apply(ROUTE, IN));
  }

  @Test
  void routeWithoutVerdictAtTheEndIsAcceptedAsChanged() {
    Route result = localPref("lp", 200).apply(ROUTE, IN);
    assertEquals(OptionalLong.of(200), result.attributes().localPref());
    assertEquals(ROUTE.prefix(), result.prefix());
    assertEquals(ROUTE.source(), result.source());
  }

  @Test
  void rejectReturnsNull() {
    assertNull(Term.named("r").when(prefixIn(TEN)).reject().apply(ROUTE, IN));
  }

  @Test
  void aMatcherOrActionOfTheCallersOwnThatThrowsMakesThePolicyReject() {
    Term throwingMatcher =
        Term.named("m")
            .when(
                RouteMatcher.of(
                    "throws",
                    (route, context) -> {
                      throw new IllegalStateException("bug");
                    }))
            .accept();
    Term throwingAction =
        Term.named("a")
            .then(
                RouteAction.of(
                    "throws",
                    (route, context) -> {
                      throw new IllegalStateException("bug");
                    }))
            .accept();

    assertNull(throwingMatcher.apply(ROUTE, IN));
    assertNull(throwingAction.apply(ROUTE, IN));
    assertNull(throwingAction.apply(ROUTE, IN), "and again, once it was logged");
  }

  @Test
  void firstMatchStopsAtTheFirstMatchingTermEvenWithoutVerdict() {
    PolicySequence policy =
        RoutePolicy.firstMatch(
            "p", localPref("a", 150), localPref("b", 300), Term.named("r").reject());
    assertEquals(OptionalLong.of(150), policy.apply(ROUTE, IN).attributes().localPref());
  }

  @Test
  void firstMatchSkipsTermsThatDoNotMatch() {
    PolicySequence policy =
        RoutePolicy.firstMatch(
            "p",
            Term.named("miss").when(asPathContains(9)).reject(),
            Term.named("hit").when(asPathContains(7)).then(Actions.setMed(1)).accept(),
            Term.named("late").reject());
    assertEquals(OptionalLong.of(1), policy.apply(ROUTE, IN).attributes().med());
  }

  @Test
  void allMatchAppliesEveryMatchingTermInTurnUntilAVerdict() {
    PolicySequence policy =
        RoutePolicy.allMatch(
            "p",
            Term.named("lp").then(Actions.setLocalPref(150)).next(),
            Term.named("med").then(Actions.setMed(5)).next(),
            Term.named("stop").when(prefixIn(TEN)).accept(),
            Term.named("never-reached").then(Actions.setMed(99)).next());
    Route result = policy.apply(ROUTE, IN);
    assertEquals(OptionalLong.of(150), result.attributes().localPref());
    assertEquals(OptionalLong.of(5), result.attributes().med());
  }

  @Test
  void laterTermsSeeEarlierChanges() {
    PolicySequence policy =
        RoutePolicy.allMatch(
            "p",
            Term.named("prepend").then(Actions.prepend(9, 1)).next(),
            Term.named("sees-it").when(asPathContains(9)).reject("saw the prepend"));
    assertNull(policy.apply(ROUTE, IN));
  }

  @Test
  void otherwiseDecidesWhenNoElementGivesAVerdict() {
    PolicySequence policy =
        RoutePolicy.firstMatch("p", Term.named("miss").when(asPathContains(9)).accept())
            .withOtherwise(Disposition.REJECT);
    assertNull(policy.apply(ROUTE, IN));
    assertSame(ROUTE, policy.withOtherwise(Disposition.ACCEPT).apply(ROUTE, IN));
    // A matched term without verdict does not stop the otherwise either.
    PolicySequence tagging =
        RoutePolicy.firstMatch("p", localPref("lp", 200)).withOtherwise(Disposition.REJECT);
    assertNull(tagging.apply(ROUTE, IN));
  }

  @Test
  void nestedSequenceThatMatchedEndsAnOuterFirstMatch() {
    PolicySequence inner = RoutePolicy.allMatch("inner", localPref("lp", 200));
    PolicySequence outer =
        RoutePolicy.firstMatch("outer", inner, Term.named("after").reject("not reached"));
    assertEquals(OptionalLong.of(200), outer.apply(ROUTE, IN).attributes().localPref());
  }

  @Test
  void nestedSequenceThatDidNotMatchLetsAnOuterFirstMatchGoOn() {
    PolicySequence inner =
        RoutePolicy.allMatch("inner", Term.named("miss").when(asPathContains(9)).accept());
    PolicySequence outer =
        RoutePolicy.firstMatch("outer", inner, Term.named("after").reject("reached"));
    assertNull(outer.apply(ROUTE, IN));
  }

  @Test
  void chainGoesThroughPoliciesUntilAVerdict() {
    PolicySequence chain =
        RoutePolicy.chain(
            "chain",
            RoutePolicy.firstMatch("tag", localPref("lp", 200)),
            RoutePolicy.firstMatch("filter", Term.named("ten").when(prefixIn(TEN)).accept()),
            Term.named("deny").reject());
    Route result = chain.apply(ROUTE, IN);
    assertEquals(OptionalLong.of(200), result.attributes().localPref());
    assertNull(chain.apply(route("11.0.0.0/8", "1"), IN));
  }

  @Test
  void emptySequencePassesTheRouteThrough() {
    assertSame(ROUTE, RoutePolicy.allMatch("empty").apply(ROUTE, IN));
    assertSame(ROUTE, RoutePolicy.firstMatch("empty").apply(ROUTE, IN));
  }

  @Test
  void deeplyNestedSequencesAreRefused() {
    RoutePolicy policy = Term.named("t").accept();
    for (int i = 0; i < Program.MAX_DEPTH; i++) {
      policy = RoutePolicy.allMatch("p" + i, policy);
    }
    RoutePolicy deepest = policy;
    assertThrows(IllegalArgumentException.class, () -> RoutePolicy.allMatch("too-deep", deepest));
    assertSame(ROUTE, deepest.apply(ROUTE, IN));
  }

  @Test
  void explanationNamesTermsConditionsChangesAndTheReason() {
    PolicySequence policy =
        RoutePolicy.firstMatch(
            "customer-in",
            Term.named("bogons")
                .when(prefixIn(PrefixSet.parse("bogons", "192.168.0.0/16 le 32")))
                .reject(),
            Term.named("customers")
                .when(Matchers.all(prefixIn(TEN), asPathContains(7)))
                .then(Actions.setLocalPref(200), Actions.setMed(0))
                .accept());
    Explanation explanation = policy.explain(ROUTE, IN);
    assertTrue(explanation.isAccepted());
    assertEquals("accepted by term customer-in/customers", explanation.reason());
    assertEquals(2, explanation.steps().size());
    Explanation.Step bogons = explanation.steps().get(0);
    assertEquals("customer-in/bogons", bogons.path());
    assertFalse(bogons.matched());
    Explanation.Step customers = explanation.steps().get(1);
    assertEquals("[prefix in ten: yes, as-path ~ \"_7_\": yes]", customers.parts().toString());
    assertEquals(
        "set local-pref 200: LOCAL_PREF 100 -> 200", customers.actions().get(0).toString());
    assertEquals("set med 0: MULTI_EXIT_DISC - -> 0", customers.actions().get(1).toString());
    assertEquals("accept", customers.outcome());
    String text = explanation.toString();
    assertTrue(text.contains("customer-in/bogons: prefix in bogons: no match"), text);
    assertTrue(text.contains("ACCEPTED: accepted by term customer-in/customers"), text);
  }

  @Test
  void explanationOfARejectGivesTheTermsReason() {
    Term term = Term.named("no-7").when(asPathContains(7)).reject("AS 7 is not welcome");
    Explanation explanation = term.explain(ROUTE, IN);
    assertFalse(explanation.isAccepted());
    assertEquals("AS 7 is not welcome (term no-7)", explanation.reason());
    assertTrue(explanation.toString().contains("REJECTED: AS 7 is not welcome"));
  }

  @Test
  void explanationShowsActionsThatChangedNothing() {
    Explanation explanation = localPref("lp", 100).explain(ROUTE, IN);
    assertEquals(
        "set local-pref 100: no change", explanation.steps().get(0).actions().get(0).toString());
    assertSame(ROUTE, explanation.route().orElseThrow());
  }

  @Test
  void explanationOfOtherwise() {
    Explanation explanation =
        RoutePolicy.firstMatch("p").withOtherwise(Disposition.REJECT).explain(ROUTE, IN);
    assertFalse(explanation.isAccepted());
    assertEquals("no element of p gave a verdict; otherwise reject", explanation.reason());
  }

  @Test
  void policiesPrintTheirWholeStructure() {
    PolicySequence policy =
        RoutePolicy.firstMatch(
                "outer",
                Term.named("a").when(prefixIn(TEN)).then(Actions.prepend(2)).accept(),
                RoutePolicy.allMatch("inner", Term.named("b").reject("because")))
            .withOtherwise(Disposition.REJECT);
    assertEquals(
        String.join(
            "\n",
            "policy outer (first-match, otherwise reject)",
            "  term a: when prefix in ten then prepend local-as x2; accept",
            "  policy inner (all-match)",
            "    term b: when always; reject \"because\""),
        policy.toString());
  }

  @Test
  void policiesAreValues() {
    new EqualsTester()
        .addEqualityGroup(
            RoutePolicy.firstMatch("p", Term.named("a").accept()),
            RoutePolicy.firstMatch("p", Term.named("a").accept()))
        .addEqualityGroup(RoutePolicy.allMatch("p", Term.named("a").accept()))
        .addEqualityGroup(
            RoutePolicy.firstMatch("p", Term.named("a").accept()).withOtherwise(Disposition.REJECT))
        .addEqualityGroup(Term.named("a").accept(), Term.named("a").accept())
        .addEqualityGroup(Term.named("a").reject())
        .addEqualityGroup(Term.named("a").reject("why"))
        .testEquals();
  }
}
