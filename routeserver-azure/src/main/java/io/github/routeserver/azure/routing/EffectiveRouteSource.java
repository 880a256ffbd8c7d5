package io.github.routeserver.azure.routing;

/**
 * Where an effective route comes from, with the REST names of {@code EffectiveRoute.source}
 * (SPEC-NIC). Route Server routes show as {@code VirtualNetworkGateway}, exactly like gateway
 * routes (LAB-ECMP, LAB-DEF, LAB-MDD; issue #84075).
 */
public enum EffectiveRouteSource {
  /** A system route: VNet ranges, peering, Internet, reserved ranges, service endpoints. */
  DEFAULT("Default"),
  /** A route of the subnet's route table (UDR). */
  USER("User"),
  /** A BGP route from a VPN or ExpressRoute gateway or from Route Server. */
  VIRTUAL_NETWORK_GATEWAY("VirtualNetworkGateway"),
  /** What the REST enum calls {@code Unknown}; never produced here. */
  UNKNOWN("Unknown");

  private final String armName;

  EffectiveRouteSource(String armName) {
    this.armName = armName;
  }

  /** The REST name. */
  public String armName() {
    return armName;
  }

  @Override
  public String toString() {
    return armName;
  }
}
