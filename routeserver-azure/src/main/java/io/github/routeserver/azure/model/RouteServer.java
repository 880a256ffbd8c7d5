package io.github.routeserver.azure.model;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.policy.AzureRouteServerPolicies.HubRoutingPreference;
import java.util.Optional;

/**
 * An Azure Route Server: a {@code Microsoft.Network/virtualHubs} resource of kind {@code
 * RouteServer} (SPEC-VWAN {@code VirtualHubProperties}; reference section 1.12).
 *
 * @param id the hub's resource id
 * @param subnet the subnet of its IP configuration ({@code RouteServerSubnet}), if known
 * @param asn {@code virtualRouterAsn}, always 65515 (TUT-NVA, QS-CLI)
 * @param routerIps {@code virtualRouterIps}: one BGP address per instance, two instances (TRB)
 * @param allowBranchToBranchTraffic whether routes pass between NVAs and the VNet gateways (FAQ,
 *     ERVPN); off by default
 * @param hubRoutingPreference ExpressRoute (the default), VpnGateway or ASPath (HRP)
 * @param bgpConnections its NVA peers
 */
public record RouteServer(
    ResourceId id,
    Optional<ResourceId> subnet,
    long asn,
    ImmutableList<IpAddress> routerIps,
    boolean allowBranchToBranchTraffic,
    HubRoutingPreference hubRoutingPreference,
    ImmutableList<BgpConnection> bgpConnections) {

  /** The VNet the Route Server sits in (the parent of its subnet), if its subnet is known. */
  public Optional<ResourceId> virtualNetwork() {
    return subnet.flatMap(ResourceId::parent);
  }

  /** This route server with {@code connections} as its peers. */
  public RouteServer withBgpConnections(ImmutableList<BgpConnection> connections) {
    return new RouteServer(
        id, subnet, asn, routerIps, allowBranchToBranchTraffic, hubRoutingPreference, connections);
  }

  /** This route server in {@code subnet}. */
  public RouteServer withSubnet(ResourceId subnet) {
    return new RouteServer(
        id,
        Optional.of(subnet),
        asn,
        routerIps,
        allowBranchToBranchTraffic,
        hubRoutingPreference,
        bgpConnections);
  }
}
