package io.github.routeserver.azure.model;

import java.util.Optional;

/**
 * Which source Route Server prefers for the same prefix learned from ExpressRoute, VPN and NVAs
 * ({@code hubRoutingPreference}, SPEC-VWAN enum; HRP). It is applied after longest-prefix match and
 * before AS-path length; VPN against NVA is always decided by AS-path length (HRP).
 */
public enum HubRoutingPreference {
  /** The default: ExpressRoute routes beat VPN and NVA routes (HRP, INJ). */
  EXPRESS_ROUTE("ExpressRoute"),
  /** VPN and NVA routes beat ExpressRoute routes (HRP). */
  VPN_GATEWAY("VpnGateway"),
  /** The shortest AS path wins whatever its source (HRP). */
  AS_PATH("ASPath");

  private final String armName;

  HubRoutingPreference(String armName) {
    this.armName = armName;
  }

  /** The REST name. */
  public String armName() {
    return armName;
  }

  /** The preference whose REST name is {@code name}, ignoring case. */
  public static Optional<HubRoutingPreference> ofArmName(String name) {
    for (HubRoutingPreference p : values()) {
      if (p.armName.equalsIgnoreCase(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return armName;
  }
}
