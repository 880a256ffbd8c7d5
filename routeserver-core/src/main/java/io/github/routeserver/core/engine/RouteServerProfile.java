package io.github.routeserver.core.engine;

/** How a route server treats the routes it passes between its peers. */
public enum RouteServerProfile {
  /**
   * An RFC 7947 IXP route server: its own AS is not prepended, NEXT_HOP and MED pass unchanged, and
   * each client gets the best path among the routes its export policy lets through, so that one
   * client's filter never hides an alternative path from another (RFC 7947 section 2.3.2). A
   * client's own routes are never sent back to it.
   */
  TRANSPARENT,

  /**
   * An ordinary eBGP speaker, such as an NVA built with this library: it prepends its own AS, sets
   * itself as the next hop, does not pass MED on to other ASes, honours NO_ADVERTISE and NO_EXPORT,
   * and sends each peer its best path.
   */
  ROUTER,

  /**
   * Azure Route Server: an eBGP speaker in AS 65515 that passes AS_PATH and communities on intact
   * with its own AS prepended, sets itself as the next hop, honours NO_ADVERTISE, and spreads
   * traffic over NVA routes of equal AS_PATH length (multipath through {@link
   * io.github.routeserver.core.rib.DecisionStep#AS_PATH_LENGTH}): a {@link #ROUTER} with Azure's
   * multipath rule. The Azure-specific filters (AS-path loop on 65515, VNet overlap,
   * branch-to-branch) are import and export policies.
   */
  AZURE;

  /** The AS of Azure Route Server, always 65515. */
  public static final long AZURE_ASN = 65515;
}
