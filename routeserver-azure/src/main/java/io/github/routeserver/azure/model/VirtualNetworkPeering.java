package io.github.routeserver.azure.model;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.Prefix;

/**
 * One side of a VNet peering ({@code virtualNetworkPeerings[]} of a virtual network).
 *
 * @param id the peering's resource id
 * @param remoteVirtualNetwork the VNet on the other side
 * @param remoteAddressSpace the other side's address space as the peering holds it ({@code
 *     remoteAddressSpace.addressPrefixes})
 * @param allowGatewayTransit whether this VNet lets the remote one use its gateway or Route Server
 * @param useRemoteGateways whether this VNet uses the remote VNet's gateway or Route Server; "only
 *     one peering can have this flag set to true" (REST description; FAQ, INJ)
 * @param connected whether {@code peeringState} is {@code Connected} (or absent); an {@code
 *     Initiated} or {@code Disconnected} peering gives no routes
 */
public record VirtualNetworkPeering(
    ResourceId id,
    ResourceId remoteVirtualNetwork,
    ImmutableList<Prefix> remoteAddressSpace,
    boolean allowGatewayTransit,
    boolean useRemoteGateways,
    boolean connected) {}
