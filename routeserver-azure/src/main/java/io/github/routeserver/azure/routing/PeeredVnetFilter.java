package io.github.routeserver.azure.routing;

/**
 * Whether Route Server also refuses to inject NVA routes that fall in the address space of VNets
 * peered with its own. <b>UNCONFIRMED</b>: Route Server's documentation states the filter for its
 * own VNet only (INJ); the VPN gateway, with gateway transit, blocks exact prefixes of the VNet and
 * of peered VNets (VPNFAQ). Either way such routes lose to the {@code VNetPeering} system route
 * (UDR), so the choice shows only in whether they are listed as {@code Invalid}.
 */
public enum PeeredVnetFilter {
  /** Peered VNets' prefixes are not filtered: only the documented rule applies (default). */
  NONE,
  /** Prefixes equal to a peered VNet's range are filtered, as the VPN gateway does. */
  EXACT,
  /** Prefixes equal to or inside a peered VNet's range are filtered, as for the own VNet. */
  EXACT_OR_LONGER
}
