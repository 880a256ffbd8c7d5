package io.github.routeserver.bgp.session;

import io.github.routeserver.bgp.fsm.DownReason;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.List;
import java.util.Set;

/**
 * What a session tells the engine about its peer, implemented by the engine on top of its per-peer
 * Adj-RIB-In. Called on the thread that drives the session, in the order things happen.
 *
 * <p>Graceful restart (RFC 4724, RFC 9494) is expressed with the session number of {@link
 * RouteSource#session()}: each established session of a peer has a higher number than the one
 * before, a route is replaced by the next route of the same peer, prefix and path identifier
 * whatever its session, and the routes a session keeps from an earlier one are the stale ones. The
 * session decides when they expire and says so with {@link #removeRoutes} and {@link
 * #markLongLivedStale}.
 */
public interface SessionListener {
  /** The session is established with the negotiated parameters; routes may follow. */
  void established(NegotiatedSession session);

  /**
   * One UPDATE's worth of changes from the peer, after the RFC 7606 actions, family checks and the
   * prefix limit. A route of {@code announced} replaces any route of the same peer, prefix and path
   * identifier.
   *
   * @param source the source of every announced route
   * @param announced new and replaced routes
   * @param withdrawn (prefix, path identifier) pairs the peer no longer reaches
   */
  void routesReceived(RouteSource source, List<Route> announced, NlriList withdrawn);

  /** The peer finished its initial table (or a refresh) of {@code family} (RFC 4724 section 2). */
  void endOfRib(RouteSource source, AfiSafi family);

  /**
   * The peer asked for the routes of {@code family} again (RFC 2918). The session already calls
   * {@link OutboundRoutes#sendAll}; this is for the engine's records.
   */
  void routeRefreshRequested(RouteSource source, AfiSafi family);

  /**
   * Removes every route of {@code peer} in {@code family} learned in a session numbered lower than
   * {@code sessionsBefore}: stale routes whose time ran out or that End-of-RIB proved gone, the
   * routes of a session that ended without graceful restart, or of a family disabled by RFC 7606.
   */
  void removeRoutes(PeerId peer, AfiSafi family, long sessionsBefore);

  /**
   * Long-lived graceful restart begins for {@code family} (RFC 9494 section 4.2): of the routes of
   * {@code peer} in a session numbered lower than {@code sessionsBefore}, remove those with the
   * NO_LLGR community and add LLGR_STALE to the others, which the decision process then prefers
   * least.
   */
  void markLongLivedStale(PeerId peer, AfiSafi family, long sessionsBefore);

  /**
   * The session ended. The routes of the families in {@code keptStale} stay, stale, until a {@link
   * #removeRoutes} for them; those of the other families were removed just before.
   */
  void down(RouteSource source, DownReason reason, Set<AfiSafi> keptStale);
}
