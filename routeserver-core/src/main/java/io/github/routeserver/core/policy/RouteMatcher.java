package io.github.routeserver.core.policy;

import io.github.routeserver.core.route.Route;
import java.util.function.BiPredicate;

/**
 * A condition on a route in its context: the "match" part of a {@link Term}. The built-in matchers
 * come from {@link Matchers} and are immutable values with {@code equals} and a {@code toString}
 * that reads like configuration ({@code prefix in customers}, {@code as-path ~ "_65001_"}).
 *
 * <p>Contract: {@link #matches} is pure (same answer for the same route and context, no side
 * effects), thread-safe, and cheap: the engine calls it for every route of every peer, so it should
 * not allocate.
 */
@FunctionalInterface
public interface RouteMatcher {

  /** Whether {@code route} in {@code context} satisfies this condition. */
  boolean matches(Route route, PolicyContext context);

  /**
   * A matcher made of any Java predicate; {@code description} is what traces and {@code toString}
   * show. Two such matchers are equal when their descriptions are equal and their predicates are
   * equal (for a lambda: the same object).
   */
  static RouteMatcher of(String description, BiPredicate<Route, PolicyContext> predicate) {
    return new Matchers.Predicate(description, predicate);
  }
}
