package io.github.routeserver.netty.interop;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.util.List;
import java.util.Set;

/**
 * A route as a daemon's own RIB shows it, in one text form for every daemon: communities {@code
 * 65001:100}, large communities {@code 4200000001:1:2}, route targets {@code rt:65001:7}, other
 * extended communities as the daemon names them.
 *
 * @param prefix the prefix
 * @param asPath the AS numbers of the AS_PATH, in order (AS_SET members included)
 * @param nextHop the next hop (the global one for IPv6)
 * @param med the MULTI_EXIT_DISC, or -1 when absent
 * @param communities the communities
 * @param largeCommunities the large communities
 * @param extendedCommunities the extended communities
 */
record ObservedRoute(
    Prefix prefix,
    List<Long> asPath,
    IpAddress nextHop,
    long med,
    Set<String> communities,
    Set<String> largeCommunities,
    Set<String> extendedCommunities) {

  /** The value of {@link #med} when the route has none. */
  static final long NO_MED = -1;

  ObservedRoute {
    asPath = List.copyOf(asPath);
    communities = Set.copyOf(communities);
    largeCommunities = Set.copyOf(largeCommunities);
    extendedCommunities = Set.copyOf(extendedCommunities);
  }

  /** {@code 65535:65282}, NO_ADVERTISE (RFC 1997). */
  static final String NO_ADVERTISE = "65535:65282";

  /** The text form of a community given as its 32 bits. */
  static String community(long bits) {
    return (bits >>> 16) + ":" + (bits & 0xFFFF);
  }
}
