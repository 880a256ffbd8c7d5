package io.github.routeserver.azure.model;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.Prefix;

/**
 * A virtual network ({@code Microsoft.Network/virtualNetworks}): its address space, subnets and
 * peerings.
 *
 * @param id the VNet's resource id
 * @param location the Azure region (may be empty when unknown)
 * @param addressSpace its ranges ({@code addressSpace.addressPrefixes})
 * @param subnets its subnets
 * @param peerings its side of each peering
 */
public record VirtualNetwork(
    ResourceId id,
    String location,
    ImmutableList<Prefix> addressSpace,
    ImmutableList<Subnet> subnets,
    ImmutableList<VirtualNetworkPeering> peerings) {}
