package io.github.routeserver.azure.routing;

import static io.github.routeserver.azure.Scenarios.NETWORK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.azure.Scenarios;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteTable;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.model.UserRoute;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopologyValidatorTest {
  private static final TopologyValidator VALIDATOR =
      new TopologyValidator(AzureRoutingOptions.DEFAULT);

  @Test
  void everyScenarioOfTheReferenceArchitectureIsValid() {
    for (String name :
        List.of(
            "hub-spoke-two-nvas.json",
            "vpn-expressroute.json",
            "vpn-expressroute-b2b.json",
            "dual-homed-spoke.json",
            "default-route-from-nva.json")) {
      assertEquals(List.of(), VALIDATOR.validate(Scenarios.topology(name)), name);
    }
    assertEquals(
        List.of(),
        VALIDATOR.validate(
            Scenarios.topology("service-endpoint.json", "service-tags-sample.json")));
  }

  @Test
  void reportsEachMistakeAsOneLineNamingResourceAndField() {
    String rt = NETWORK + "routeTables/rt-bad: ";
    String ars = NETWORK + "virtualHubs/ars/bgpConnections/";
    assertEquals(
        List.of(
            NETWORK
                + "virtualNetworks/hub/subnets/RouteServerSubnet: properties.addressPrefix:"
                + " RouteServerSubnet 10.0.1.0/27 is too small (expected: /26 or larger, QS-P)",
            NETWORK
                + "virtualNetworks/hub/subnets/RouteServerSubnet: properties.routeTable: a route"
                + " table on RouteServerSubnet is not supported (FAQ)",
            ars
                + "ibgp: properties.peerAsn: 65515 is Route Server's own AS (expected: a different"
                + " AS; sessions are eBGP only, FAQ)",
            ars
                + "msft: properties.peerAsn: 12076 is reserved by Azure or IANA (expected: another"
                + " ASN, FAQ)",
            ars
                + "wide: properties.peerAsn: 4200000000 is a 4-byte ASN (expected: a 2-byte ASN,"
                + " FAQ)",
            NETWORK
                + "virtualNetworkGateways/vpngw: properties.activeActive: false (expected: true for"
                + " branch-to-branch through Route Server, ERVPN)",
            NETWORK
                + "virtualNetworkGateways/vpngw: properties.bgpSettings.asn: 65010 (expected: 65515"
                + " for branch-to-branch through Route Server, ERVPN)",
            rt
                + "properties.routes[1].properties.addressPrefix: RouteConflict: routes 'a' and 'b'"
                + " have the same prefix 10.1.0.0/16 (expected: one route per prefix, MRT)",
            rt
                + "properties.routes[2].properties.nextHopIpAddress: set on a Internet route"
                + " (expected: next-hop IPs only for VirtualAppliance, SPEC-RT)",
            rt
                + "properties.routes[3].properties.nextHopIpAddress: missing (expected: the"
                + " appliance's address for VirtualAppliance, UDR)",
            rt
                + "properties.routes[4].properties.nextHopType: VirtualNetworkGateway needs a VPN"
                + " gateway and no ExpressRoute gateway in the subnets' VNet (UDR)",
            rt
                + "properties.routes[5].properties.addressPrefix: 'Storage' is neither a prefix nor"
                + " a service tag in the service tags input",
            rt
                + "properties.routes[6].properties.nextHopType: VNetPeering cannot be set in a route"
                + " table (expected: VirtualNetworkGateway, VnetLocal, Internet, VirtualAppliance or"
                + " None, SPEC-RT)",
            NETWORK
                + "virtualNetworks/hub/subnets/db: properties.serviceEndpoints[0]: Microsoft.Sql"
                + " [westeurope] has no prefixes in the service tags input (expected: Azure's"
                + " service tags file)"),
        VALIDATOR.validate(Scenarios.topology("invalid.json")).stream()
            .map(ValidationError::toString)
            .toList());
  }

  @Test
  void olderDocumentationAcceptsASlash27RouteServerSubnet() {
    TopologyValidator older =
        new TopologyValidator(AzureRoutingOptions.builder().routeServerSubnetMaxLength(27).build());
    assertEquals(
        0,
        older.validate(Scenarios.topology("invalid.json")).stream()
            .filter(e -> e.message().contains("too small"))
            .count());
  }

  @Test
  void moreThan400RoutesInATableIsReported() {
    ResourceId id = ResourceId.of(NETWORK + "routeTables/big");
    RouteTable big =
        new RouteTable(
            id,
            "westeurope",
            IntStream.range(0, 401)
                .mapToObj(
                    i ->
                        UserRoute.toAppliance(
                            "r" + i,
                            Prefix.ofIpv4(0x0A000000 | i << 8, 24),
                            IpAddress.parse("10.255.0.4")))
                .collect(ImmutableList.toImmutableList()),
            false);
    assertEquals(
        List.of(id + ": properties.routes: 401 routes (expected: at most 400, VNLIM)"),
        VALIDATOR.validate(Topology.builder().add(big).build()).stream()
            .map(ValidationError::toString)
            .toList());
  }
}
