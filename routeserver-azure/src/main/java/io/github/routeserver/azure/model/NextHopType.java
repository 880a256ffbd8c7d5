package io.github.routeserver.azure.model;

import java.util.Optional;

/**
 * The next-hop types Azure shows in effective routes and accepts in route tables, with their REST
 * names ({@code RouteNextHopType}, SPEC-RT; the effective-route API also returns {@code
 * VNetPeering} and {@code VirtualNetworkServiceEndpoint}, SPEC-NIC). Portal names differ: "Virtual
 * network" is {@code VnetLocal}, "Virtual network gateway" is {@code VirtualNetworkGateway} (UDR,
 * "Next hop types across Azure tools").
 */
public enum NextHopType {
  /** The VNet's gateway or Route Server; settable in a UDR only for a VPN gateway (UDR). */
  VIRTUAL_NETWORK_GATEWAY("VirtualNetworkGateway", true),
  /** Inside the virtual network (UDR). */
  VNET_LOCAL("VnetLocal", true),
  /** To the Internet (UDR). */
  INTERNET("Internet", true),
  /** To a network virtual appliance or internal load balancer at {@code nextHopIpAddress}. */
  VIRTUAL_APPLIANCE("VirtualAppliance", true),
  /** Dropped (UDR). */
  NONE("None", true),
  /** To a peered virtual network; system routes only (UDR). */
  VNET_PEERING("VNetPeering", false),
  /** To a service reached through a service endpoint; system routes only (UDR). */
  VIRTUAL_NETWORK_SERVICE_ENDPOINT("VirtualNetworkServiceEndpoint", false);

  private final String armName;
  private final boolean userSettable;

  NextHopType(String armName, boolean userSettable) {
    this.armName = armName;
    this.userSettable = userSettable;
  }

  /** The REST name, for example {@code VirtualAppliance}. */
  public String armName() {
    return armName;
  }

  /**
   * Whether a route table may use this type: {@code VNetPeering} and {@code
   * VirtualNetworkServiceEndpoint} cannot be set in UDRs (SPEC-RT enum, UDR).
   */
  public boolean isUserSettable() {
    return userSettable;
  }

  /** The type whose REST name is {@code name}, ignoring case. */
  public static Optional<NextHopType> ofArmName(String name) {
    for (NextHopType type : values()) {
      if (type.armName.equalsIgnoreCase(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return armName;
  }
}
