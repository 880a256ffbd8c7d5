package io.github.routeserver.azure.model;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.util.Optional;

/**
 * An on-premises VPN site ({@code Microsoft.Network/localNetworkGateways}). Its address prefixes
 * are the static routes a VPN gateway programs into the VNet when a connection uses it (UDR,
 * "prefixes from on-prem via BGP or from the local network gateway").
 *
 * @param id the resource id
 * @param addressPrefixes {@code localNetworkAddressSpace.addressPrefixes}
 * @param gatewayIpAddress the site's public address, if set
 * @param bgpSettings the site's BGP settings, if it runs BGP
 */
public record LocalNetworkGateway(
    ResourceId id,
    ImmutableList<Prefix> addressPrefixes,
    Optional<IpAddress> gatewayIpAddress,
    Optional<BgpSettings> bgpSettings) {}
