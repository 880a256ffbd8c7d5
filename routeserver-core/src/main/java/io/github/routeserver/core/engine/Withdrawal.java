package io.github.routeserver.core.engine;

import io.github.routeserver.core.net.Prefix;

/**
 * A route a peer withdrew: the prefix and the ADD-PATH path identifier (0 without ADD-PATH).
 *
 * @param prefix the prefix
 * @param pathId the path identifier
 */
public record Withdrawal(Prefix prefix, int pathId) {
  /** A withdrawal without path identifier. */
  public static Withdrawal of(Prefix prefix) {
    return new Withdrawal(prefix, 0);
  }
}
