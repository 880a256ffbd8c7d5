package io.github.routeserver.bgp.session;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The most routes a peer may send in one address family (RFC 4486 section 4), what happens beyond
 * it, and how routes are counted.
 *
 * @param maximum the upper bound, 0 to 4294967295
 * @param action what exceeding it does
 * @param counting how the routes are counted
 */
public record PrefixLimit(long maximum, Action action, Counting counting) {
  /**
   * Azure Route Server's limit on the routes one NVA may advertise to it: 4,000 (Azure Route Server
   * FAQ of 09/2025 and limits; it was 200 in the 2021 preview and 1,000 from 2022 to 2025).
   */
  public static final long AZURE_MAXIMUM = 4_000;

  /** Validates the maximum. */
  public PrefixLimit {
    checkArgument(
        maximum >= 0 && maximum <= 0xFFFF_FFFFL,
        "maximum: %s (expected: 0 to 4294967295)",
        maximum);
  }

  /** Tear down beyond {@code maximum} routes held. */
  public static PrefixLimit tearDown(long maximum) {
    return new PrefixLimit(maximum, Action.TEAR_DOWN, Counting.ROUTES_HELD);
  }

  /** Azure Route Server's limit: tear down when routes held plus routes in an UPDATE exceed it. */
  public static PrefixLimit azure(long maximum) {
    return new PrefixLimit(maximum, Action.TEAR_DOWN, Counting.HELD_PLUS_UPDATE);
  }

  /** What exceeding the limit does. */
  public enum Action {
    /**
     * Close the session with Cease, Maximum Number of Prefixes Reached (6/1) and the RFC 4486 data
     * (AFI, SAFI, the maximum), without processing the UPDATE that exceeded it. The session
     * restarts after the idle hold time, when automatic start is allowed.
     */
    TEAR_DOWN,
    /** Log a warning when the limit is first exceeded, and keep going. */
    WARN
  }

  /** How the routes are counted against the limit. */
  public enum Counting {
    /**
     * The distinct (prefix, path identifier) pairs held from the peer after the UPDATE: a route
     * announced again replaces itself.
     */
    ROUTES_HELD,
    /**
     * Azure Route Server's rule: the routes held before the UPDATE plus every route the UPDATE
     * announces, so that a route announced again counts twice ("the number of current routes
     * learned from a BGP peer plus the number of routes coming in the BGP route update", Azure
     * Route Server FAQ).
     */
    HELD_PLUS_UPDATE
  }
}
