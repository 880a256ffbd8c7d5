package io.github.routeserver.azure.routing;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.azure.model.BgpConnection;
import io.github.routeserver.azure.model.GatewayType;
import io.github.routeserver.azure.model.NextHopType;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteServer;
import io.github.routeserver.azure.model.RouteTable;
import io.github.routeserver.azure.model.ServiceEndpoint;
import io.github.routeserver.azure.model.Subnet;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.model.UserRoute;
import io.github.routeserver.azure.model.VirtualNetwork;
import io.github.routeserver.azure.model.VirtualNetworkGateway;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.AzureRouteServerPolicies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a {@link Topology} against the rules Azure enforces or documents as unsupported, and lists
 * every violation (it never stops at the first). Immutable and thread-safe.
 *
 * <ul>
 *   <li>Route Server: in a subnet named exactly {@code RouteServerSubnet} (FAQ, QS-P; issue
 *       #102228) of /26 or larger ({@link AzureRoutingOptions#routeServerSubnetMaxLength()}),
 *       without a route table (FAQ); {@code virtualRouterAsn} 65515 (TUT-NVA); at most one per VNet
 *       (FAQ); at most 8 BGP peers (LIMITS).
 *   <li>BGP peers: eBGP only, so not 65515 (FAQ); 2-byte ASNs only (FAQ); not a reserved ASN: 8074,
 *       8075, 12076, 65515, 65517-65520, 23456, 64496-64511, 65535-65551 (FAQ, all versions).
 *   <li>Branch-to-branch with a VPN gateway: the gateway must be active-active with ASN 65515
 *       (ERVPN, FAQ).
 *   <li>Route tables: a next-hop IP only on {@code VirtualAppliance} routes, which need one
 *       (SPEC-RT); only the five user-settable next-hop types (SPEC-RT, UDR); {@code
 *       VirtualNetworkGateway} only where the VNet has a VPN gateway and no ExpressRoute gateway
 *       (UDR); no two routes with the same prefix, Azure's {@code RouteConflict} (MRT, LAB-ECMP);
 *       at most 400 routes (VNLIM) and 25 service-tag routes (UDR); service tags must be known.
 *   <li>At most 200 route tables per subscription and region (VNLIM).
 *   <li>Service endpoints need their service's prefixes in the service tags input.
 * </ul>
 */
public final class TopologyValidator {
  private static final String ROUTE_SERVER_SUBNET = "RouteServerSubnet";
  private static final int MAX_BGP_PEERS = 8;
  private static final int MAX_SERVICE_TAG_ROUTES = 25;
  private static final int MAX_ROUTE_TABLES_PER_REGION = 200;

  private final AzureRoutingOptions options;

  /** A validator with {@code options}. */
  public TopologyValidator(AzureRoutingOptions options) {
    this.options = options;
  }

  /** Every violation in {@code topology}, resource by resource; empty when it is valid. */
  public ImmutableList<ValidationError> validate(Topology topology) {
    List<ValidationError> errors = new ArrayList<>();
    Map<ResourceId, ResourceId> routeServerOfVnet = new HashMap<>();
    for (RouteServer routeServer : topology.routeServers().values()) {
      checkRouteServer(topology, routeServer, routeServerOfVnet, errors);
    }
    for (RouteTable table : topology.routeTables().values()) {
      checkRouteTable(topology, table, errors);
    }
    Map<String, Integer> tablesPerRegion = new HashMap<>();
    for (RouteTable table : topology.routeTables().values()) {
      String key = table.id().subscriptionId().orElse("") + "/" + table.location();
      if (tablesPerRegion.merge(key, 1, Integer::sum) == MAX_ROUTE_TABLES_PER_REGION + 1) {
        errors.add(
            new ValidationError(
                table.id(),
                "location",
                "more than 200 route tables in this subscription and region (expected: at most"
                    + " 200, VNLIM)"));
      }
    }
    for (VirtualNetwork vnet : topology.virtualNetworks().values()) {
      for (Subnet subnet : vnet.subnets()) {
        checkServiceEndpoints(topology, subnet, errors);
      }
    }
    return ImmutableList.copyOf(errors);
  }

  private void checkRouteServer(
      Topology topology,
      RouteServer routeServer,
      Map<ResourceId, ResourceId> routeServerOfVnet,
      List<ValidationError> errors) {
    ResourceId id = routeServer.id();
    Optional<Subnet> subnet = routeServer.subnet().map(topology.subnets()::get);
    if (subnet.isEmpty()) {
      errors.add(
          new ValidationError(
              id,
              "properties.ipConfigurations",
              "RouteServerSubnet missing: the Route Server's subnet is not in the input (expected:"
                  + " a subnet named RouteServerSubnet, FAQ)"));
    } else {
      Subnet s = subnet.get();
      if (!s.name().equals(ROUTE_SERVER_SUBNET)) {
        errors.add(
            new ValidationError(
                s.id(),
                "name",
                "'" + s.name() + "' (expected: exactly RouteServerSubnet, FAQ, QS-P)"));
      }
      for (Prefix prefix : s.addressPrefixes()) {
        if (prefix.length() > options.routeServerSubnetMaxLength()) {
          errors.add(
              new ValidationError(
                  s.id(),
                  "properties.addressPrefix",
                  "RouteServerSubnet "
                      + prefix
                      + " is too small (expected: /"
                      + options.routeServerSubnetMaxLength()
                      + " or larger, QS-P)"));
        }
      }
      if (s.routeTable().isPresent()) {
        errors.add(
            new ValidationError(
                s.id(),
                "properties.routeTable",
                "a route table on RouteServerSubnet is not supported (FAQ)"));
      }
      ResourceId other = routeServerOfVnet.putIfAbsent(s.virtualNetwork(), id);
      if (other != null) {
        errors.add(
            new ValidationError(
                id,
                "properties.ipConfigurations",
                "a second Route Server in "
                    + s.virtualNetwork()
                    + " (expected: one per VNet, FAQ)"));
      }
    }
    if (routeServer.asn() != RouteServerProfile.AZURE_ASN) {
      errors.add(
          new ValidationError(
              id,
              "properties.virtualRouterAsn",
              routeServer.asn() + " (expected: 65515, the ASN of every Route Server, TUT-NVA)"));
    }
    if (routeServer.bgpConnections().size() > MAX_BGP_PEERS) {
      errors.add(
          new ValidationError(
              id,
              "properties.bgpConnections",
              routeServer.bgpConnections().size() + " peers (expected: at most 8, LIMITS)"));
    }
    for (BgpConnection peer : routeServer.bgpConnections()) {
      peerAsnProblem(peer.peerAsn())
          .ifPresent(
              problem -> errors.add(new ValidationError(peer.id(), "properties.peerAsn", problem)));
    }
    if (routeServer.allowBranchToBranchTraffic()) {
      routeServer
          .virtualNetwork()
          .ifPresent(
              vnet -> {
                for (VirtualNetworkGateway gateway : topology.gatewaysIn(vnet)) {
                  checkTransitGateway(gateway, errors);
                }
              });
    }
  }

  /**
   * Why an NVA in {@code asn} cannot peer with Route Server, if it cannot (FAQ): 65515 is Route
   * Server's own AS (its sessions are eBGP only), an AS above 65535 (only 2-byte ASNs), or one of
   * {@link AzureRouteServerPolicies#RESERVED_PEER_ASNS}.
   */
  public static Optional<String> peerAsnProblem(long asn) {
    if (asn == RouteServerProfile.AZURE_ASN) {
      return Optional.of(
          "65515 is Route Server's own AS (expected: a different AS; sessions are eBGP only, FAQ)");
    }
    if (asn > 0xFFFF) {
      return Optional.of(asn + " is a 4-byte ASN (expected: a 2-byte ASN, FAQ)");
    }
    return AzureRouteServerPolicies.isReservedPeerAsn(asn)
        ? Optional.of(asn + " is reserved by Azure or IANA (expected: another ASN, FAQ)")
        : Optional.empty();
  }

  private static void checkTransitGateway(
      VirtualNetworkGateway gateway, List<ValidationError> errors) {
    if (gateway.type() != GatewayType.VPN) {
      return;
    }
    if (!gateway.activeActive()) {
      errors.add(
          new ValidationError(
              gateway.id(),
              "properties.activeActive",
              "false (expected: true for branch-to-branch through Route Server, ERVPN)"));
    }
    long asn = gateway.bgpSettings().map(b -> b.asn()).orElse(RouteServerProfile.AZURE_ASN);
    if (asn != RouteServerProfile.AZURE_ASN) {
      errors.add(
          new ValidationError(
              gateway.id(),
              "properties.bgpSettings.asn",
              asn + " (expected: 65515 for branch-to-branch through Route Server, ERVPN)"));
    }
  }

  private void checkRouteTable(Topology topology, RouteTable table, List<ValidationError> errors) {
    ResourceId id = table.id();
    List<UserRoute> routes = table.routes();
    if (routes.size() > options.maxRoutesPerTable()) {
      errors.add(
          new ValidationError(
              id,
              "properties.routes",
              routes.size()
                  + " routes (expected: at most "
                  + options.maxRoutesPerTable()
                  + ", VNLIM)"));
    }
    Map<String, String> firstWithPrefix = new HashMap<>();
    int tagRoutes = 0;
    boolean gatewayNextHopAllowed = gatewayNextHopAllowed(topology, table);
    for (int i = 0; i < routes.size(); i++) {
      UserRoute route = routes.get(i);
      String field = "properties.routes[" + i + "]";
      NextHopType type = route.nextHopType();
      if (!type.isUserSettable()) {
        errors.add(
            new ValidationError(
                id,
                field + ".properties.nextHopType",
                type
                    + " cannot be set in a route table (expected: VirtualNetworkGateway,"
                    + " VnetLocal, Internet, VirtualAppliance or None, SPEC-RT)"));
      }
      if (route.nextHopIpAddress().isPresent() && type != NextHopType.VIRTUAL_APPLIANCE) {
        errors.add(
            new ValidationError(
                id,
                field + ".properties.nextHopIpAddress",
                "set on a "
                    + type
                    + " route (expected: next-hop IPs only for VirtualAppliance, SPEC-RT)"));
      }
      if (route.nextHopIpAddress().isEmpty() && type == NextHopType.VIRTUAL_APPLIANCE) {
        errors.add(
            new ValidationError(
                id,
                field + ".properties.nextHopIpAddress",
                "missing (expected: the appliance's address for VirtualAppliance, UDR)"));
      }
      if (type == NextHopType.VIRTUAL_NETWORK_GATEWAY && !gatewayNextHopAllowed) {
        errors.add(
            new ValidationError(
                id,
                field + ".properties.nextHopType",
                "VirtualNetworkGateway needs a VPN gateway and no ExpressRoute gateway in the"
                    + " subnets' VNet (UDR)"));
      }
      String key = route.prefix().map(Prefix::toString).orElse(route.addressPrefix());
      String previous = firstWithPrefix.putIfAbsent(key, route.name());
      if (previous != null) {
        errors.add(
            new ValidationError(
                id,
                field + ".properties.addressPrefix",
                "RouteConflict: routes '"
                    + previous
                    + "' and '"
                    + route.name()
                    + "' have the same prefix "
                    + key
                    + " (expected: one route per prefix, MRT)"));
      }
      if (route.isServiceTag()) {
        tagRoutes++;
        if (topology.serviceTags().tag(route.addressPrefix()).isEmpty()) {
          errors.add(
              new ValidationError(
                  id,
                  field + ".properties.addressPrefix",
                  "'"
                      + route.addressPrefix()
                      + "' is neither a prefix nor a service tag in the service tags input"));
        }
      }
    }
    if (tagRoutes > MAX_SERVICE_TAG_ROUTES) {
      errors.add(
          new ValidationError(
              id,
              "properties.routes",
              tagRoutes + " service-tag routes (expected: at most 25, UDR)"));
    }
  }

  /** Whether every VNet using {@code table} has a VPN gateway and no ExpressRoute gateway. */
  private static boolean gatewayNextHopAllowed(Topology topology, RouteTable table) {
    for (Subnet subnet : topology.subnets().values()) {
      if (subnet.routeTable().filter(table.id()::equals).isEmpty()) {
        continue;
      }
      List<VirtualNetworkGateway> gateways = topology.gatewaysIn(subnet.virtualNetwork());
      boolean vpn = gateways.stream().anyMatch(g -> g.type() == GatewayType.VPN);
      boolean expressRoute = gateways.stream().anyMatch(g -> g.type() == GatewayType.EXPRESS_ROUTE);
      if (!vpn || expressRoute) {
        return false;
      }
    }
    return true;
  }

  private void checkServiceEndpoints(
      Topology topology, Subnet subnet, List<ValidationError> errors) {
    List<ServiceEndpoint> endpoints = subnet.serviceEndpoints();
    for (int i = 0; i < endpoints.size(); i++) {
      ServiceEndpoint endpoint = endpoints.get(i);
      boolean known =
          topology
              .serviceTags()
              .forEndpoint(endpoint, options.serviceTagFor(endpoint.service()))
              .stream()
              .anyMatch(t -> !t.addressPrefixes().isEmpty());
      if (!known) {
        errors.add(
            new ValidationError(
                subnet.id(),
                "properties.serviceEndpoints[" + i + "]",
                endpoint.service()
                    + " "
                    + endpoint.locations()
                    + " has no prefixes in the service tags input (expected: Azure's service tags"
                    + " file)"));
      }
    }
  }
}
