package io.github.routeserver.azure.arm;

import static io.github.routeserver.azure.Scenarios.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.azure.Scenarios;
import io.github.routeserver.azure.model.NextHopType;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteServer;
import io.github.routeserver.azure.model.Subnet;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.model.UserRoute;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.AzureRouteServerPolicies.HubRoutingPreference;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArmTopologyReaderTest {
  private static final String TEMPLATE =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/template/providers/Microsoft.Network/";

  private static Path arm(String name) {
    try {
      return Path.of(ArmTopologyReaderTest.class.getResource("/arm/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsAnExportedTemplateResolvingParametersConcatAndResourceId() {
    Topology topology = ArmTopologyReader.create().read(List.of(arm("exported-template.json")));
    ResourceId hub = ResourceId.of(TEMPLATE + "virtualNetworks/hub");
    assertEquals(
        List.of("RouteServerSubnet", "nva", "workload"),
        topology.virtualNetwork(hub).orElseThrow().subnets().stream().map(Subnet::name).toList());
    Subnet nva = topology.subnets().get(hub.child("subnets", "nva"));
    assertEquals(ResourceId.of(TEMPLATE + "routeTables/rt-nva"), nva.routeTable().orElseThrow());
    assertEquals(
        NextHopType.INTERNET,
        topology.routeTables().get(nva.routeTable().get()).routes().get(0).nextHopType());
    RouteServer ars = topology.routeServers().get(ResourceId.of(TEMPLATE + "virtualHubs/ars"));
    assertEquals(hub, ars.virtualNetwork().orElseThrow());
    assertEquals(65515, ars.asn());
    assertTrue(ars.allowBranchToBranchTraffic());
    assertEquals(HubRoutingPreference.AS_PATH, ars.hubRoutingPreference());
    assertEquals(IpAddress.parse("10.0.2.4"), ars.bgpConnections().get(0).peerIp());
  }

  @Test
  void namesTopLevelRouteResourcesOfATemplateByTheirLastSegment() {
    Topology topology = ArmTopologyReader.create().read(List.of(arm("exported-template.json")));
    // The template gives default-to-internet both inline and as rt-nva/default-to-internet.
    assertEquals(
        List.of("default-to-internet", "to-nva"),
        topology.routeTables().get(ResourceId.of(TEMPLATE + "routeTables/rt-nva")).routes().stream()
            .map(UserRoute::name)
            .toList());
  }

  @Test
  void readsServiceTagNamesAsRouteDestinations() {
    String table =
        "{\"id\": \"/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/routeTables/t\","
            + " \"type\": \"Microsoft.Network/routeTables\", \"properties\": {\"routes\": ["
            + tagRoute("storage", "Storage")
            + ", "
            + tagRoute("cloud", "AzureCloud.WestEurope")
            + ", "
            + tagRoute("sql", "Sql.EastUS2")
            + "]}}";
    Topology topology = ArmTopologyReader.create().read("t.json", new StringReader(table));
    List<UserRoute> routes = topology.routeTables().values().iterator().next().routes();
    assertEquals(
        List.of("Storage", "AzureCloud.WestEurope", "Sql.EastUS2"),
        routes.stream().map(UserRoute::addressPrefix).toList());
    assertTrue(routes.stream().allMatch(UserRoute::isServiceTag));
  }

  private static String tagRoute(String name, String tag) {
    return "{\"name\": \""
        + name
        + "\", \"properties\": {\"addressPrefix\": \""
        + tag
        + "\", \"nextHopType\": \"Internet\"}}";
  }

  @Test
  void templateIdsUseTheScopeTheCallerGives() {
    Topology topology =
        ArmTopologyReader.create()
            .withTemplateScope("sub-1", "rg-net")
            .read(List.of(arm("exported-template.json")));
    assertTrue(
        topology
            .virtualNetwork(
                ResourceId.of(
                    "/subscriptions/sub-1/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/hub"))
            .isPresent());
  }

  @Test
  void readsAzShowOutputWithPeeringsGatewaysAndLocalNetworkGateways() {
    Topology topology = Scenarios.topology("vpn-expressroute.json");
    assertEquals(2, topology.gateways().size());
    assertEquals(
        List.of(IpAddress.parse("10.0.0.4"), IpAddress.parse("10.0.0.5")),
        topology
            .gateways()
            .get(Scenarios.id("virtualNetworkGateways/vpngw"))
            .bgpSettings()
            .orElseThrow()
            .peeringAddresses());
    assertEquals(
        List.of(Prefix.parse("192.168.50.0/24")),
        topology
            .localNetworkGateways()
            .get(Scenarios.id("localNetworkGateways/branch"))
            .addressPrefixes());
    assertTrue(
        topology
            .virtualNetwork(Scenarios.id("virtualNetworks/spoke"))
            .orElseThrow()
            .peerings()
            .get(0)
            .useRemoteGateways());
  }

  @Test
  void readsTemplateVariablesChainedThroughAllTheVariablesArmAllows() {
    Topology topology =
        ArmTopologyReader.create().read("chain.json", new StringReader(variableChain(256)));
    assertEquals(
        List.of(ResourceId.of(TEMPLATE + "routeTables/rt-deep")),
        List.copyOf(topology.routeTables().keySet()));
  }

  /**
   * A template with {@code count} variables, each but the last naming the next ({@code v0} is
   * {@code [variables('v1')]} and so on; the last is {@code rt-deep}), and a route table named
   * {@code [variables('v0')]}.
   */
  static String variableChain(int count) {
    StringBuilder variables = new StringBuilder();
    for (int i = 0; i < count - 1; i++) {
      variables
          .append("\"v")
          .append(i)
          .append("\": \"[variables('v")
          .append(i + 1)
          .append("')]\", ");
    }
    variables.append("\"v").append(count - 1).append("\": \"rt-deep\"");
    return "{\"variables\": {"
        + variables
        + "}, \"resources\": [{\"type\": \"Microsoft.Network/routeTables\","
        + " \"name\": \"[variables('v0')]\"}]}";
  }

  @Test
  void evaluatesEachVariableOnceSoThatVariablesUsingTheNextTwiceTakeNoTimeToRead() {
    // Evaluated afresh at each use, v0 would cost 2^127 evaluations of v127.
    Topology topology =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () ->
                ArmTopologyReader.create()
                    .read(
                        "doubling.json",
                        new StringReader(
                            doublingChain(128, "", "[concat('rt-deep', variables('v0'))]"))));
    assertEquals(
        List.of(ResourceId.of(TEMPLATE + "routeTables/rt-deep")),
        List.copyOf(topology.routeTables().keySet()));
  }

  /**
   * A template with {@code count} variables, each but the last the concatenation of the next with
   * itself ({@code v0} is {@code [concat(variables('v1'), variables('v1'))]} and so on; the last is
   * {@code last}), and a route table named {@code name}.
   */
  static String doublingChain(int count, String last, String name) {
    StringBuilder variables = new StringBuilder();
    for (int i = 0; i < count - 1; i++) {
      String next = "variables('v" + (i + 1) + "')";
      variables
          .append("\"v")
          .append(i)
          .append("\": \"[concat(")
          .append(next)
          .append(", ")
          .append(next)
          .append(")]\", ");
    }
    variables.append("\"v").append(count - 1).append("\": \"").append(last).append('"');
    return "{\"variables\": {"
        + variables
        + "}, \"resources\": [{\"type\": \"Microsoft.Network/routeTables\","
        + " \"name\": \""
        + name
        + "\"}]}";
  }

  @Test
  void idsCompareWithoutCase() {
    assertEquals(
        ResourceId.of(
            "/subscriptions/S/resourceGroups/RG/providers/Microsoft.Network/routeTables/a"),
        ResourceId.of(
            "/subscriptions/s/resourcegroups/rg/providers/microsoft.network/routetables/a"));
  }

  @Test
  void aBadPrefixIsOneLineNamingFileLineColumnAndField() {
    ArmReadException e =
        assertThrows(
            ArmReadException.class,
            () -> ArmTopologyReader.create().read(List.of(arm("bad-prefix.json"))));
    assertTrue(
        e.getMessage()
            .endsWith(
                "bad-prefix.json:5:43: properties.addressSpace.addressPrefixes[0]:"
                    + " '10.0.0/16' is not a prefix (expected: e.g. 10.0.0.0/16)"),
        e.getMessage());
    assertEquals(0, e.getStackTrace().length);
    assertTrue(!e.getMessage().contains("\n"));
  }

  @Test
  void malformedJsonIsOneLineNamingFileLineColumnAndField() {
    ArmReadException e =
        assertThrows(
            ArmReadException.class,
            () -> ArmTopologyReader.create().read(List.of(arm("malformed.json"))));
    assertEquals(5, e.line());
    assertEquals("properties.routes[0].name", e.field());
    assertTrue(e.getMessage().contains("malformed.json:5:"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aMissingRequiredFieldIsNamed() {
    ArmReadException e =
        assertThrows(
            ArmReadException.class,
            () ->
                ArmTopologyReader.create()
                    .read(
                        "gw.json",
                        new StringReader(
                            "{\"id\": \"/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworkGateways/g\","
                                + " \"type\": \"Microsoft.Network/virtualNetworkGateways\", \"properties\": {}}")));
    assertEquals(
        "gw.json:1:1: properties.gatewayType: missing (expected: properties gatewayType)",
        e.getMessage());
  }

  @Test
  void anUnsupportedTemplateFunctionIsReportedWithItsField() {
    String template =
        "{\"resources\": [{\"type\": \"Microsoft.Network/routeTables\", \"name\":"
            + " \"[uniqueString('x')]\"}]}";
    ArmReadException e =
        assertThrows(
            ArmReadException.class,
            () -> ArmTopologyReader.create().read("t.json", new StringReader(template)));
    assertEquals("resources[0].name", e.field());
    assertTrue(e.getMessage().contains("'uniquestring' is not supported"), e.getMessage());
  }

  @Test
  void aSubnetWhoseVirtualNetworkIsMissingIsReportedWhereItWasRead() {
    String subnet =
        "{\"id\": \"/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/subnets/a\","
            + "\n \"type\": \"Microsoft.Network/virtualNetworks/subnets\","
            + " \"properties\": {\"addressPrefix\": \"10.0.0.0/24\"}}";
    ArmReadException e =
        assertThrows(
            ArmReadException.class,
            () -> ArmTopologyReader.create().read("subnet.json", new StringReader(subnet)));
    assertEquals(
        "subnet.json:1:1: subnet a of virtual network"
            + " /subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v,"
            + " which is not in the input",
        e.getMessage());
  }

  @Test
  void serviceTagsFileIsRecognisedAndKeepsIpv4Prefixes() {
    Topology topology =
        ArmTopologyReader.create().read(List.of(fixture("service-tags-sample.json")));
    assertEquals(
        List.of(Prefix.parse("198.51.100.0/25"), Prefix.parse("203.0.113.0/25")),
        topology.serviceTags().tag("Storage.WestEurope").orElseThrow().addressPrefixes());
  }
}
