package io.github.routeserver.azure.model;

import java.util.Optional;

/**
 * A VPN or ExpressRoute gateway ({@code Microsoft.Network/virtualNetworkGateways}). Its routes
 * reach every subnet of its VNet, and of spokes that use it as remote gateway, unless BGP
 * propagation is disabled on the subnet's route table (UDR, "Virtual network gateway" routes).
 *
 * @param id the gateway's resource id
 * @param type VPN or ExpressRoute
 * @param virtualNetwork the VNet whose {@code GatewaySubnet} holds it
 * @param activeActive whether both instances are active (required for Route Server transit, ERVPN)
 * @param enableBgp whether BGP is on (ExpressRoute always runs BGP)
 * @param bgpSettings its BGP settings, if ARM shows them
 */
public record VirtualNetworkGateway(
    ResourceId id,
    GatewayType type,
    ResourceId virtualNetwork,
    boolean activeActive,
    boolean enableBgp,
    Optional<BgpSettings> bgpSettings) {}
