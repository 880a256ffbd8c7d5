package io.github.routeserver.azure.routing;

/**
 * Who a BGP route injected into a VNet came from: the three sources hub routing preference ranks.
 */
enum PathOrigin {
  /** A network virtual appliance peered with Route Server. */
  NVA,
  /** The VNet's VPN gateway (BGP, or the static prefixes of its local network gateways). */
  VPN_GATEWAY,
  /** The VNet's ExpressRoute gateway. */
  EXPRESS_ROUTE_GATEWAY
}
