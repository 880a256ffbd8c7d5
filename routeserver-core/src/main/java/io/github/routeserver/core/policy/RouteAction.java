package io.github.routeserver.core.policy;

import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import java.util.function.BiFunction;

/**
 * A change to a route's path attributes: the "actions" part of a {@link Term}. The built-in actions
 * come from {@link Actions} and are immutable values with {@code equals} and a readable {@code
 * toString}.
 *
 * <p>Contract: {@link #apply} is pure and thread-safe, and returns {@code route.attributes()}
 * itself (the same object) when it changes nothing, so that a policy that changes nothing hands
 * back the very route it was given without allocating. Actions change attributes only: the prefix,
 * source and path identifier of a route are not theirs to change.
 */
@FunctionalInterface
public interface RouteAction {

  /** The attributes {@code route} should have after this action; its own when unchanged. */
  PathAttributes apply(Route route, PolicyContext context);

  /**
   * An action made of any Java function; {@code description} is what traces and {@code toString}
   * show. Two such actions are equal when their descriptions are equal and their functions are
   * equal (for a lambda: the same object).
   */
  static RouteAction of(
      String description, BiFunction<Route, PolicyContext, PathAttributes> function) {
    return new Actions.Function(description, function);
  }
}
