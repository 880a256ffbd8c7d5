package io.github.routeserver.azure.routing;

import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.Route;
import java.util.Optional;

/**
 * One path to a prefix that Route Server or a gateway could program into a VNet.
 *
 * @param origin NVA, VPN gateway or ExpressRoute gateway
 * @param gateway the gateway, for gateway paths
 * @param nextHop the address VMs send to: the BGP NEXT_HOP (NHIP), or a gateway instance (empty
 *     when ARM does not show the gateway's addresses)
 * @param asPathLength the AS_PATH length (0 for static gateway routes)
 * @param route the BGP route; empty for a static local-network-gateway prefix
 */
record InjectionCandidate(
    PathOrigin origin,
    Optional<ResourceId> gateway,
    Optional<IpAddress> nextHop,
    int asPathLength,
    Optional<Route> route) {

  /** Whether this is a local network gateway prefix rather than a BGP route. */
  boolean isStatic() {
    return route.isEmpty();
  }
}
