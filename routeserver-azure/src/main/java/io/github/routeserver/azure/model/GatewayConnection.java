package io.github.routeserver.azure.model;

import java.util.Optional;

/**
 * A connection of a virtual network gateway ({@code Microsoft.Network/connections}): it ties a VPN
 * gateway to a local network gateway, whose prefixes then become gateway routes.
 *
 * @param id the resource id
 * @param gateway {@code virtualNetworkGateway1}
 * @param localNetworkGateway {@code localNetworkGateway2}, for site-to-site connections
 * @param enableBgp whether the connection runs BGP
 */
public record GatewayConnection(
    ResourceId id,
    ResourceId gateway,
    Optional<ResourceId> localNetworkGateway,
    boolean enableBgp) {}
