package io.github.routeserver.azure.routing;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Community;

/**
 * A route one Route Server instance advertises to a peer, as {@code az network routeserver peering
 * list-advertised-routes} shows it (reference 1.7: {@code localAddress}, {@code network}, {@code
 * nextHop}, {@code asPath}).
 *
 * @param localAddress the instance that advertises it ({@code virtualRouterIps})
 * @param prefix the network
 * @param nextHop the next hop the peer sees: the instance itself (next-hop-self; TUT-Q, LAB-DEF)
 * @param asPath the AS_PATH the peer sees
 * @param communities the communities, passed on intact (FAQ)
 */
public record AdvertisedRoute(
    IpAddress localAddress,
    Prefix prefix,
    IpAddress nextHop,
    AsPath asPath,
    ImmutableList<Community> communities) {

  /** "10.0.0.0/16 via 10.0.1.4 [65515]", for tests and logs. */
  @Override
  public String toString() {
    return prefix
        + " via "
        + nextHop
        + " ["
        + asPath
        + "]"
        + (communities.isEmpty() ? "" : " " + communities);
  }
}
