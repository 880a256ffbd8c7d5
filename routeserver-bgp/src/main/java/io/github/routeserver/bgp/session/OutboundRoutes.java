package io.github.routeserver.bgp.session;

import io.github.routeserver.bgp.wire.AfiSafi;

/**
 * The routes a session advertises to its peer, implemented by the engine on top of its per-peer
 * Adj-RIB-Out. The session pulls: whenever its transport can take more and after {@link
 * BgpSession#routesChanged}, it asks for the next changes, a bounded number at a time, so that a
 * slow peer holds back only its own changes and never makes memory grow (changes to one prefix that
 * were not pulled yet are coalesced by the engine, not queued).
 *
 * <p>Called on the thread that drives the session.
 */
public interface OutboundRoutes {
  /**
   * Makes every route currently exported to this peer in {@code family} a change to hand over,
   * superseding what was pending for the family; the engine calls {@link OutboundSink#tableSent}
   * once the last of them has been pulled. The session calls this for each family when the session
   * is established, and when the peer asks for a route refresh.
   */
  void sendAll(AfiSafi family);

  /**
   * Hands at most {@code limit} pending changes to {@code sink}, each (prefix, path identifier) at
   * most once and in its current state.
   *
   * @return whether changes remain pending after these
   */
  boolean pull(int limit, OutboundSink sink);
}
