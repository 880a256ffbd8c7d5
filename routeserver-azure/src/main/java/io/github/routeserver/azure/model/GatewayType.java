package io.github.routeserver.azure.model;

/** The two kinds of virtual network gateway ({@code gatewayType}); a VNet may have one of each. */
public enum GatewayType {
  /** A VPN gateway ({@code Vpn}): site-to-site and point-to-site tunnels. */
  VPN("Vpn"),
  /** An ExpressRoute gateway ({@code ExpressRoute}): private peering to the MSEEs in AS 12076. */
  EXPRESS_ROUTE("ExpressRoute");

  private final String armName;

  GatewayType(String armName) {
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
