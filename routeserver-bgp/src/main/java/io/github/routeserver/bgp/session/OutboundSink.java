package io.github.routeserver.bgp.session;

import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PathAttributes;

/**
 * Where {@link OutboundRoutes#pull} puts the changes it hands to a session. The session packs them
 * into UPDATEs, withdrawals first. Only valid during the pull it was passed to.
 */
public interface OutboundSink {
  /**
   * Sends {@code prefix} with {@code attributes}, whose next hop is the one to advertise.
   *
   * @param pathId the ADD-PATH path identifier: 0 unless the session sends ADD-PATH for the
   *     prefix's family ({@link NegotiatedSession#codec()})
   */
  void announce(Prefix prefix, int pathId, PathAttributes attributes);

  /** Withdraws {@code prefix} with {@code pathId} (0 without ADD-PATH). */
  void withdraw(Prefix prefix, int pathId);

  /**
   * Every route of {@code family} that {@link OutboundRoutes#sendAll} asked for has been handed
   * over. The session then sends End-of-RIB after the initial table (RFC 4724 section 2), or EoRR
   * after a refresh when enhanced route refresh was negotiated (RFC 7313 section 4).
   */
  void tableSent(AfiSafi family);
}
