package io.github.routeserver.azure.model;

import io.github.routeserver.core.net.IpAddress;

/**
 * A BGP peer of a Route Server ({@code virtualHubs/bgpConnections}, SPEC-VWAN): one NVA address
 * with sessions to both Route Server instances (FAQ).
 *
 * @param id the connection's resource id
 * @param peerIp the NVA's address
 * @param peerAsn the NVA's AS
 */
public record BgpConnection(ResourceId id, IpAddress peerIp, long peerAsn) {}
