package io.github.routeserver.azure.routing;

/**
 * What {@link RouteTableGenerator} does when the RIB has more prefixes than a route table may hold
 * (400, VNLIM).
 */
public enum RouteLimitStrategy {
  /** Refuse: {@link RouteTableGenerator#generate} throws {@link RouteLimitExceededException}. */
  FAIL,
  /**
   * Aggregate without changing where any address is sent: two sibling prefixes with the same next
   * hop become their parent, and a prefix inside a parent with the same next hop (and no route in
   * between) is dropped, repeatedly; if the table is still too large, fail as {@link #FAIL} does.
   */
  AGGREGATE_LOSSLESS
}
