package io.github.routeserver.bgp.session;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpRole;
import io.github.routeserver.bgp.wire.GracefulRestartCapability;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.RouteSource;
import java.util.Optional;

/**
 * What an established session agreed on: the result of capability negotiation (RFC 5492) between
 * the OPEN we sent and the one we received.
 *
 * @param source where the routes of this session come from, with its session number
 * @param sent our OPEN
 * @param received the peer's OPEN
 * @param holdTime the negotiated hold time in seconds (0: no keepalives)
 * @param families the families both offered (RFC 4760; IPv4 unicast for a side that offers none),
 *     the ones routes are exchanged in
 * @param codec the options that shape the octets: 4-octet AS (with AS_TRANS for 2-octet peers, RFC
 *     6793), ADD-PATH per family and direction (RFC 7911), extended messages (RFC 8654), extended
 *     next hop (RFC 8950), and whether the peer is external
 * @param routeRefresh whether the peer accepts ROUTE-REFRESH (RFC 2918)
 * @param enhancedRouteRefresh whether both sides offered enhanced route refresh (RFC 7313)
 * @param gracefulRestart the peer's graceful restart capability, when both sides offered one (RFC
 *     4724): its routes are then kept stale when the session ends without a NOTIFICATION
 * @param longLivedStaleTimes per family, the long-lived stale time in seconds the peer asked for,
 *     when both sides offered long-lived graceful restart and the peer's time is not 0 (RFC 9494)
 * @param peerRole the role the peer announced (RFC 9234), if any
 * @param localAddress our address on the connection the session runs on
 */
public record NegotiatedSession(
    RouteSource source,
    Open sent,
    Open received,
    int holdTime,
    ImmutableSet<AfiSafi> families,
    CodecContext codec,
    boolean routeRefresh,
    boolean enhancedRouteRefresh,
    Optional<GracefulRestartCapability> gracefulRestart,
    ImmutableMap<AfiSafi, Integer> longLivedStaleTimes,
    Optional<BgpRole> peerRole,
    IpAddress localAddress) {

  /**
   * This session with its routes named by session number {@code number}: after an enhanced route
   * refresh begins (RFC 7313), the routes the peer announces again are told from the stale ones by
   * a higher number.
   */
  public NegotiatedSession withSessionNumber(long number) {
    return new NegotiatedSession(
        source.withSession(number),
        sent,
        received,
        holdTime,
        families,
        codec,
        routeRefresh,
        enhancedRouteRefresh,
        gracefulRestart,
        longLivedStaleTimes,
        peerRole,
        localAddress);
  }

  /** Whether the peer's routes of {@code family} are kept across a restart (RFC 4724). */
  public boolean keepsStale(AfiSafi family) {
    return gracefulRestart.isPresent()
        && gracefulRestart.get().families().stream().anyMatch(f -> f.afiSafi().equals(family));
  }

  /** {@code 192.0.2.1 AS65001 hold 90 s [IPV4/UNICAST] GR LLGR}. */
  @Override
  public String toString() {
    return source
        + " hold "
        + holdTime
        + " s "
        + families
        + (codec.fourOctetAs() ? "" : " 2-octet-AS")
        + (codec.extendedMessagesReceive() ? " extended-messages-in" : "")
        + (codec.extendedMessagesSend() ? " extended-messages-out" : "")
        + (enhancedRouteRefresh ? " enhanced-refresh" : routeRefresh ? " refresh" : "")
        + (gracefulRestart.isPresent() ? " GR" : "")
        + (longLivedStaleTimes.isEmpty() ? "" : " LLGR")
        + peerRole.map(r -> " role " + r).orElse("");
  }
}
