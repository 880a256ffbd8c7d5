package io.github.routeserver.examples.demo;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;

/**
 * Routes one speaker of the demo learned from the Route Server instances.
 *
 * @param speaker the speaker, for example {@code NVA1}
 * @param routes what it learned, one row per instance it learned it from
 */
public record LearnedRoutes(String speaker, ImmutableList<LearnedRoutes.Row> routes) {
  /**
   * One route as received.
   *
   * @param prefix the prefix
   * @param asPath the AS path as received
   * @param from the speaker it came from
   */
  public record Row(Prefix prefix, AsPath asPath, String from) {}
}
