package io.github.routeserver.core.route;

import io.github.routeserver.core.net.Prefix;

/**
 * A route: a prefix, the path attributes it was learned with, where it came from, and its ADD-PATH
 * path identifier (RFC 7911; 0 when ADD-PATH is not in use). Immutable.
 *
 * <p>The RIB does not keep one {@code Route} object per prefix; it keeps the shared parts and hands
 * out routes on demand.
 *
 * @param prefix the destination
 * @param source the peer the route was learned from
 * @param pathId the ADD-PATH path identifier (unsigned 32-bit, held as its int bits)
 * @param attributes the interned path attributes
 */
public record Route(Prefix prefix, RouteSource source, int pathId, PathAttributes attributes) {

  /** A route without a path identifier. */
  public static Route of(Prefix prefix, RouteSource source, PathAttributes attributes) {
    return new Route(prefix, source, 0, attributes);
  }

  /** This route with other attributes. */
  public Route withAttributes(PathAttributes attributes) {
    return attributes == this.attributes ? this : new Route(prefix, source, pathId, attributes);
  }

  @Override
  public String toString() {
    return prefix
        + (pathId != 0 ? " (path " + Integer.toUnsignedString(pathId) + ")" : "")
        + " from "
        + source
        + " "
        + attributes;
  }
}
