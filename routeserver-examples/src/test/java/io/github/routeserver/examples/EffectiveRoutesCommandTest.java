package io.github.routeserver.examples;

import static io.github.routeserver.examples.EffectiveRouteRows.forPrefix;
import static io.github.routeserver.examples.EffectiveRouteRows.nextHops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routeserver effective-routes} on the samples of {@code config/}, run through the command
 * line's entry point; the expected rows are the Azure rules of the reference page (numbers of its
 * summary table in the comments).
 */
class EffectiveRoutesCommandTest {
  private static final String TOPOLOGY = "config/hub-and-spoke.json";
  private static final String LEARNED = "config/learned-routes.json";
  private static final String TAGS = "config/service-tags.json";
  private static final Set<String> NVAS = Set.of("10.0.2.4", "10.0.2.5");
  private static final Set<String> VPN = Set.of("10.0.0.4", "10.0.0.5");
  private static final Set<String> EXPRESS_ROUTE = Set.of("10.0.0.6", "10.0.0.7");
  private static final List<String> SUBNETS =
      List.of("hub/GatewaySubnet", "hub/RouteServerSubnet", "hub/nva", "spoke/app", "spoke/data");

  @TempDir Path directory;

  private static Map<String, List<EffectiveRouteRows>> run(String... args) throws IOException {
    Cli run = Cli.run(args);
    assertEquals(0, run.exitCode(), run.err());
    return EffectiveRouteRows.bySubnet(new ObjectMapper().readTree(run.out()));
  }

  private static Map<String, List<EffectiveRouteRows>> sample() throws IOException {
    return run(
        "effective-routes", "--topology", TOPOLOGY, "--learned", LEARNED, "--service-tags", TAGS);
  }

  @Test
  void everySubnetHasItsVnetAndPeeringSystemRoutes() throws IOException {
    Map<String, List<EffectiveRouteRows>> subnets = sample();

    assertEquals(SUBNETS, List.copyOf(subnets.keySet()));
    subnets.forEach(
        (subnet, rows) -> {
          boolean hub = subnet.startsWith("hub/");
          // 42, 45: the VNet's range is VnetLocal, the peered VNet's range VNetPeering.
          assertEquals(
              "VnetLocal",
              forPrefix(rows, hub ? "10.0.0.0/16" : "10.1.0.0/16", "Default", "Active")
                  .get(0)
                  .nextHopType(),
              subnet);
          assertEquals(
              "VNetPeering",
              forPrefix(rows, hub ? "10.1.0.0/16" : "10.0.0.0/16", "Default", "Active")
                  .get(0)
                  .nextHopType(),
              subnet);
        });
  }

  @Test
  void theNvasDefaultRouteIsEcmpOverBothAndOverridesInternet() throws IOException {
    List<EffectiveRouteRows> app = sample().get("spoke/app");

    // 19, 48, 49: same prefix, equal AS paths: one Active row per NVA; the system route Invalid.
    List<EffectiveRouteRows> bgp = forPrefix(app, "0.0.0.0/0", "VirtualNetworkGateway", "Active");
    assertEquals(2, bgp.size(), bgp.toString());
    assertEquals(NVAS, nextHops(bgp));
    assertEquals(1, forPrefix(app, "0.0.0.0/0", "Default", "Invalid").size());
  }

  @Test
  void aUserRouteBeatsTheNvasDefaultRouteAndRemovesTheReservedPrefixes() throws IOException {
    List<EffectiveRouteRows> nva = sample().get("hub/nva");

    // 48, 49: User > BGP > System on the same prefix.
    assertEquals("Internet", forPrefix(nva, "0.0.0.0/0", "User", "Active").get(0).nextHopType());
    assertEquals(2, forPrefix(nva, "0.0.0.0/0", "VirtualNetworkGateway", "Invalid").size());
    assertEquals(1, forPrefix(nva, "0.0.0.0/0", "Default", "Invalid").size());
    // 44: a UDR for 0/0 removes the reserved-prefix None routes.
    assertTrue(nva.stream().noneMatch(r -> r.nextHopType().equals("None")), nva.toString());
  }

  @Test
  void routesInsideTheHubAreNotInjectedAndVnetRoutesBeatBgp() throws IOException {
    Map<String, List<EffectiveRouteRows>> subnets = sample();

    subnets.forEach(
        (subnet, rows) -> {
          // 13: the NVAs' 10.0.9.0/24 is inside the hub's 10.0.0.0/16.
          assertEquals(List.of(), forPrefix(rows, "10.0.9.0/24"), subnet);
          // 15: the spoke range from the NVAs loses to the VNet's own system route.
          assertEquals(
              List.of(), forPrefix(rows, "10.1.0.0/16", "VirtualNetworkGateway", "Active"), subnet);
        });
  }

  @Test
  void expressRouteIsPreferredOverTheVpnsShorterPath() throws IOException {
    List<EffectiveRouteRows> app = sample().get("spoke/app");

    // 35: hub routing preference ExpressRoute (the default) beats the VPN's shorter AS path.
    List<EffectiveRouteRows> datacentre =
        forPrefix(app, "10.150.0.0/16", "VirtualNetworkGateway", "Active");
    assertTrue(EXPRESS_ROUTE.containsAll(nextHops(datacentre)), datacentre.toString());
    assertTrue(!datacentre.isEmpty());
    // The branch site is only behind the VPN gateway: both of its instances.
    assertEquals(
        VPN, nextHops(forPrefix(app, "192.168.10.0/24", "VirtualNetworkGateway", "Active")));
  }

  @Test
  void serviceEndpointRoutesAreOnlyOnTheEnabledSubnet() throws IOException {
    Map<String, List<EffectiveRouteRows>> subnets = sample();

    // 46: the regional Storage tag's prefixes, on spoke/data only.
    List<EffectiveRouteRows> endpoint =
        subnets.get("spoke/data").stream()
            .filter(r -> r.nextHopType().equals("VirtualNetworkServiceEndpoint"))
            .toList();
    assertEquals(1, endpoint.size(), endpoint.toString());
    assertEquals(List.of("198.51.100.0/25", "203.0.113.0/25"), endpoint.get(0).prefixes());
    assertEquals("Active", endpoint.get(0).state());
    for (String subnet : List.of("hub/GatewaySubnet", "hub/nva", "spoke/app")) {
      assertTrue(
          subnets.get(subnet).stream()
              .noneMatch(r -> r.nextHopType().equals("VirtualNetworkServiceEndpoint")),
          subnet);
    }
  }

  @Test
  void withoutLearnedRoutesThereAreOnlySystemAndUserRoutes() throws IOException {
    Map<String, List<EffectiveRouteRows>> subnets = run("effective-routes", "--topology", TOPOLOGY);

    subnets.forEach(
        (subnet, rows) ->
            assertTrue(
                rows.stream().noneMatch(r -> r.source().equals("VirtualNetworkGateway")), subnet));
    // Without the service tags file the endpoint has no prefixes, which is only a warning.
    Cli run = Cli.run("effective-routes", "--topology", TOPOLOGY);
    assertTrue(run.err().startsWith("warning: "), run.err());
  }

  @Test
  void printsAlignedTablesWithTheAzureCliColumns() {
    Cli run =
        Cli.run(
            "effective-routes",
            "--topology",
            TOPOLOGY,
            "--learned",
            LEARNED,
            "--service-tags",
            TAGS,
            "--table");

    assertEquals(0, run.exitCode(), run.err());
    List<String> lines = run.out().lines().toList();
    String header = "  Source                 State    Address Prefix";
    assertTrue(lines.get(0).endsWith("/virtualNetworks/hub/subnets/GatewaySubnet"), lines.get(0));
    assertTrue(lines.get(1).startsWith(header), lines.get(1));
    assertTrue(lines.get(1).endsWith("Next Hop Type          Next Hop IP"), lines.get(1));
    int column = lines.get(1).indexOf("Next Hop IP");
    assertTrue(
        lines.contains(
            "  VirtualNetworkGateway  Active   0.0.0.0/0        VirtualNetworkGateway  10.0.2.4"),
        run.out());
    assertTrue(
        lines.stream()
            .filter(l -> l.contains("VirtualNetworkGateway  10.0.2."))
            .allMatch(l -> l.indexOf("10.0.2.") == column),
        run.out());
  }

  @Test
  void aBadPrefixInTheLearnedRoutesIsOneLine() throws IOException {
    Path learned = directory.resolve("learned.json");
    Files.writeString(learned, "[\n  {\"peer\": \"10.0.2.4\", \"prefix\": \"10.1.0.0/33\"}\n]\n");

    assertEquals(
        learned
            + ":2:34: [0].prefix: prefix: '10.1.0.0/33' (expected: address/length, e.g."
            + " 10.0.0.0/8)",
        Cli.run("effective-routes", "--topology", TOPOLOGY, "--learned", learned.toString())
            .oneLineError());
  }

  @Test
  void aPeerThatIsNotInTheTopologyIsOneLine() throws IOException {
    Path learned = directory.resolve("learned.json");
    Files.writeString(learned, "[{\"peer\": \"10.9.9.9\", \"prefix\": \"10.100.0.0/16\"}]");

    String error =
        Cli.run("effective-routes", "--topology", TOPOLOGY, "--learned", learned.toString())
            .oneLineError();

    assertTrue(error.startsWith(learned + ":1:11: [0].peer: 10.9.9.9 is not a BGP peer"), error);
  }

  @Test
  void aPeerOfARouteServerWhoseSubnetIsUnknownIsOneLine() throws IOException {
    Path arm = directory.resolve("ars.json");
    Files.writeString(
        arm,
        "{\"id\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualHubs/ars\","
            + " \"type\": \"Microsoft.Network/virtualHubs\", \"kind\": \"RouteServer\","
            + " \"properties\": {\"bgpConnections\": [{\"name\": \"nva1\", \"properties\":"
            + " {\"peerIp\": \"10.0.2.4\", \"peerAsn\": 65001}}]}}");
    Path learned = directory.resolve("learned.json");
    Files.writeString(learned, "[{\"peer\": \"10.0.2.4\", \"prefix\": \"10.100.0.0/16\"}]");

    String error =
        Cli.run("effective-routes", "--topology", arm.toString(), "--learned", learned.toString())
            .oneLineError();

    assertEquals(
        learned
            + ":1:11: [0].peer: 10.0.2.4 is a BGP peer of Route Server ars, whose VNet is not in"
            + " the topology (expected: its ipConfigurations subnet and that VNet)",
        error);
  }

  @Test
  void aPeerOfASecondRouteServerInAVnetIsOneLine() throws IOException {
    Path arm = directory.resolve("ars2.json");
    Files.writeString(
        arm,
        "{\"id\": \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/template"
            + "/providers/Microsoft.Network/virtualHubs/ars2\", \"type\":"
            + " \"Microsoft.Network/virtualHubs\", \"kind\": \"RouteServer\", \"properties\":"
            + " {\"ipConfigurations\": [{\"name\": \"ipconfig1\", \"properties\": {\"subnet\":"
            + " {\"id\": \"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups"
            + "/template/providers/Microsoft.Network/virtualNetworks/hub/subnets/RouteServerSubnet\"}}}],"
            + " \"bgpConnections\": [{\"name\": \"nva9\", \"properties\": {\"peerIp\":"
            + " \"10.0.2.9\", \"peerAsn\": 65009}}]}}");
    Path learned = directory.resolve("learned.json");
    Files.writeString(learned, "[{\"peer\": \"10.0.2.9\", \"prefix\": \"10.100.0.0/16\"}]");

    String error =
        Cli.run(
                "effective-routes",
                "--topology",
                TOPOLOGY,
                "--topology",
                arm.toString(),
                "--learned",
                learned.toString())
            .oneLineError();

    assertEquals(
        learned
            + ":1:11: [0].peer: 10.0.2.9 is a BGP peer of Route Server ars2, in the VNet of Route"
            + " Server ars (expected: one per VNet, FAQ)",
        error);
  }

  @Test
  void anUnknownKeyInTheLearnedRoutesIsOneLine() throws IOException {
    Path learned = directory.resolve("learned.json");
    Files.writeString(
        learned, "[{\"peer\": \"10.0.2.4\", \"prefix\": \"10.100.0.0/16\", \"med\": 5}]");

    String error =
        Cli.run("effective-routes", "--topology", TOPOLOGY, "--learned", learned.toString())
            .oneLineError();

    assertTrue(error.startsWith(learned + ":1:"), error);
    assertTrue(error.contains("med"), error);
  }

  @Test
  void malformedArmJsonIsOneLine() throws IOException {
    Path arm = directory.resolve("arm.json");
    Files.writeString(arm, "{\n  \"resources\": [ {\"type\": 3,}\n");

    String error = Cli.run("effective-routes", "--topology", arm.toString()).oneLineError();

    assertTrue(error.startsWith(arm + ":2:"), error);
    assertTrue(error.contains("malformed JSON"), error);
  }

  @Test
  void aMissingTopologyIsBadUsageInOneLine() {
    String error = Cli.run("effective-routes", "--table").oneLineError();

    assertTrue(error.startsWith("routeserver effective-routes: Missing required option"), error);
  }
}
