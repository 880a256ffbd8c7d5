package io.github.routeserver.core.policy.testing;

import io.github.routeserver.core.policy.Explanation;
import io.github.routeserver.core.policy.PolicyContext;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.route.Route;

/**
 * One-line assertions on a policy's outcome. They throw {@link AssertionError}, which every test
 * framework reports as a failure, with the whole {@link Explanation} of the evaluation as the
 * message: which terms ran, what matched, what changed and why.
 */
public final class PolicyAssert {
  private PolicyAssert() {}

  /** Asserts that {@code policy} accepts {@code route}; returns the accepted route. */
  public static Route assertAccepts(RoutePolicy policy, Route route, PolicyContext context) {
    Explanation explanation = policy.explain(route, context);
    if (!explanation.isAccepted()) {
      throw new AssertionError("expected " + policy.name() + " to accept\n" + explanation);
    }
    return explanation.route().orElseThrow();
  }

  /** Asserts that {@code policy} accepts {@code route} without changing it. */
  public static void assertAcceptsUnchanged(
      RoutePolicy policy, Route route, PolicyContext context) {
    Route accepted = assertAccepts(policy, route, context);
    if (!accepted.equals(route)) {
      throw new AssertionError(
          "expected "
              + policy.name()
              + " to leave the route unchanged\n"
              + policy.explain(route, context));
    }
  }

  /** Asserts that {@code policy} rejects {@code route}; returns the explanation, for its reason. */
  public static Explanation assertRejects(RoutePolicy policy, Route route, PolicyContext context) {
    Explanation explanation = policy.explain(route, context);
    if (explanation.isAccepted()) {
      throw new AssertionError("expected " + policy.name() + " to reject\n" + explanation);
    }
    return explanation;
  }
}
