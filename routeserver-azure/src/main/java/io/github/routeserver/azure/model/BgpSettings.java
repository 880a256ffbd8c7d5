package io.github.routeserver.azure.model;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.IpAddress;

/**
 * The BGP settings of a gateway or local network gateway ({@code bgpSettings}).
 *
 * @param asn the AS (a VPN gateway must keep 65515 to transit through Route Server, ERVPN)
 * @param peeringAddresses the BGP addresses: one per instance for an active-active gateway ({@code
 *     bgpPeeringAddress}, comma separated, and {@code bgpPeeringAddresses[].defaultBgpIpAddresses})
 */
public record BgpSettings(long asn, ImmutableList<IpAddress> peeringAddresses) {}
