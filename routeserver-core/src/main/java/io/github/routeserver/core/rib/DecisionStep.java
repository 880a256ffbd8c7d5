package io.github.routeserver.core.rib;

/**
 * The rungs of the decision process, in the order they are applied (RFC 4271 section 9.1.2.2, with
 * the tie-breakers of RFC 4456 section 9 and the usual last resorts). Each rung keeps only the
 * candidates that are best by its criterion; the rung at which a single candidate remains is the
 * reason the winner won.
 */
public enum DecisionStep {
  /** Only one candidate: nothing to compare. */
  ONLY_PATH("only path"),
  /**
   * Routes without LLGR_STALE over routes kept by long-lived graceful restart (RFC 9494 section
   * 4.3: stale routes are least preferred, whatever their other attributes).
   */
  NOT_LLGR_STALE("not long-lived stale"),
  /** Highest LOCAL_PREF (the configured default where the attribute is absent). */
  LOCAL_PREF("highest LOCAL_PREF"),
  /** Shortest AS_PATH: an AS_SET counts one, confederation segments zero (9.1.2.2 a). */
  AS_PATH_LENGTH("shortest AS_PATH"),
  /** Lowest ORIGIN: IGP before EGP before INCOMPLETE (9.1.2.2 b). */
  ORIGIN("lowest ORIGIN"),
  /**
   * Lowest MULTI_EXIT_DISC among routes from the same neighbour AS, or among all routes when MEDs
   * are always compared (9.1.2.2 c).
   */
  MED("lowest MED"),
  /** Routes from external peers over routes from internal peers (9.1.2.2 d). */
  EXTERNAL_OVER_INTERNAL("eBGP over iBGP"),
  /** Lowest interior cost to the next hop, where the host supplies one (9.1.2.2 e). */
  IGP_COST("lowest IGP cost"),
  /** Lowest BGP identifier, or ORIGINATOR_ID where present (9.1.2.2 f; RFC 4456 section 9). */
  ROUTER_ID("lowest router id"),
  /** Shortest CLUSTER_LIST (RFC 4456 section 9). */
  CLUSTER_LIST_LENGTH("shortest CLUSTER_LIST"),
  /** Lowest peer address (9.1.2.2 g). */
  PEER_ADDRESS("lowest peer address"),
  /** Lowest ADD-PATH path identifier, between paths of one peer (RFC 7911). */
  PATH_ID("lowest path id");

  private final String description;

  DecisionStep(String description) {
    this.description = description;
  }

  /** A short human-readable description, for example {@code "shortest AS_PATH"}. */
  public String description() {
    return description;
  }
}
