package io.github.routeserver.azure.routing;

import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.Route;
import java.util.Optional;

/**
 * One path to a prefix that Route Server or a gateway could program into a VNet, after import
 * policy.
 *
 * @param origin NVA, VPN gateway or ExpressRoute gateway
 * @param gateway the gateway, for gateway paths
 * @param nextHop the address VMs send to: the BGP NEXT_HOP (NHIP), or a gateway instance (empty
 *     when ARM does not show the gateway's addresses)
 * @param route the route as import policy left it; for a static local-network-gateway prefix, a
 *     route from the gateway with an empty AS_PATH
 * @param isStatic whether the path is a local network gateway prefix rather than BGP
 */
record InjectionCandidate(
    PathOrigin origin,
    Optional<ResourceId> gateway,
    Optional<IpAddress> nextHop,
    Route route,
    boolean isStatic) {}
