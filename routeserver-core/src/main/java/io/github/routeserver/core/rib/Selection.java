package io.github.routeserver.core.rib;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.Route;

/**
 * The outcome of the decision process for one prefix: the best route, the rung that made it the
 * best, and the multipath set (the best route first, then the routes that tie with it as far as the
 * multipath rule asks; just the best route when multipath is off).
 *
 * @param best the best route
 * @param reason the rung at which every other candidate had been eliminated
 * @param multipath the routes to use together, best first
 */
public record Selection(Route best, DecisionStep reason, ImmutableList<Route> multipath) {

  /** Validates the selection. */
  public Selection {
    checkArgument(
        !multipath.isEmpty() && multipath.get(0).equals(best),
        "multipath: %s (expected: the best route first)",
        multipath);
  }

  /** The prefix selected for. */
  public Prefix prefix() {
    return best.prefix();
  }

  /** "10.0.0.0/8 via 192.0.2.1 from 10.0.0.1 AS65001: shortest AS_PATH", for logs and demos. */
  @Override
  public String toString() {
    return best.prefix()
        + " via "
        + best.attributes().nextHop().map(Object::toString).orElse("-")
        + " from "
        + best.source()
        + ": "
        + reason.description()
        + (multipath.size() > 1 ? " (" + multipath.size() + " paths)" : "");
  }
}
