package io.github.routeserver.examples;

import static io.github.routeserver.examples.EffectiveRouteRows.forPrefix;
import static io.github.routeserver.examples.EffectiveRouteRows.nextHops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code routeserver demo}, run twice through the command line's entry point (as text and with
 * {@code --json}); the effective routes of each step are checked against the Azure rules of the
 * reference page (numbers of its summary table in the comments).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class DemoCommandTest {
  private static final String NVA1 = "10.0.2.4";
  private static final String NVA2 = "10.0.2.5";
  private static final Set<String> NVAS = Set.of(NVA1, NVA2);
  private static final Set<String> VPN = Set.of("10.0.0.4", "10.0.0.5");
  private static final Set<String> EXPRESS_ROUTE = Set.of("10.0.0.6", "10.0.0.7");
  private static final List<String> SUBNETS =
      List.of("hub/GatewaySubnet", "hub/RouteServerSubnet", "hub/nva", "spoke/app", "spoke/data");

  private Cli text;
  private long textMillis;
  private JsonNode steps;

  @BeforeAll
  void runTheDemoTwice() throws IOException {
    long start = System.nanoTime();
    text = Cli.run("demo");
    textMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(0, text.exitCode(), text.err());
    Cli json = Cli.run("demo", "--json");
    assertEquals(0, json.exitCode(), json.err());
    steps = new ObjectMapper().readTree(json.out()).path("steps");
  }

  private Map<String, List<EffectiveRouteRows>> routes(int step) {
    return EffectiveRouteRows.bySubnet(steps.get(step).path("effectiveRoutes"));
  }

  /** The active BGP next hops of {@code prefix} in {@code subnet} after {@code step}. */
  private Set<String> programmed(int step, String subnet, String prefix) {
    List<EffectiveRouteRows> rows =
        forPrefix(routes(step).get(subnet), prefix, "VirtualNetworkGateway", "Active");
    // 19: ECMP is one row per next hop, never two next hops in one NVA row.
    if (NVAS.containsAll(nextHops(rows))) {
      rows.forEach(r -> assertEquals(1, r.nextHops().size(), r.toString()));
    }
    return nextHops(rows);
  }

  private List<String> learned(int step, String speaker) {
    List<String> routes = new ArrayList<>();
    for (JsonNode learned : steps.get(step).path("learnedRoutes")) {
      if (learned.path("speaker").asText().equals(speaker)) {
        learned
            .path("routes")
            .forEach(r -> routes.add(r.path("prefix").asText() + " " + r.path("asPath").asText()));
      }
    }
    return routes;
  }

  @Test
  void printsOneHeadlinePerStepInOrder() {
    List<String> headlines = new ArrayList<>();
    steps.forEach(s -> headlines.add(s.path("headline").asText()));

    assertEquals(6, headlines.size(), headlines.toString());
    assertTrue(headlines.get(0).contains("12 BGP sessions established"), headlines.get(0));
    for (int i = 1; i < headlines.size(); i++) {
      assertTrue(headlines.get(i).startsWith("Step " + i + ". "), headlines.get(i));
    }
    List<String> lines = text.out().lines().toList();
    headlines.forEach(
        headline -> {
          String first = headline.substring(0, headline.indexOf(':'));
          assertEquals(
              1, lines.stream().filter(l -> l.startsWith(first)).count(), "one line for " + first);
        });
    System.out.printf("demo (text) ran in %d ms%n", textMillis);
  }

  @Test
  void printsEverySubnetAsAnAlignedTable() {
    List<String> lines = text.out().lines().toList();
    for (String subnet : SUBNETS) {
      int heading = lines.indexOf("Effective routes of " + subnet + ":");
      assertTrue(heading > 0, subnet + " in\n" + text.out());
      String header = lines.get(heading + 1);
      assertTrue(
          header.matches("  Source +State +Address Prefix +Next Hop Type +Next Hop IP"), header);
      int state = header.indexOf("State");
      int prefix = header.indexOf("Address Prefix");
      for (int i = heading + 2; !lines.get(i).isEmpty(); i++) {
        String row = lines.get(i);
        assertEquals(' ', row.charAt(state - 1), row);
        assertTrue(
            row.substring(state).startsWith("Active") || row.substring(state).startsWith("Invalid"),
            row);
        assertTrue(Character.isDigit(row.charAt(prefix)), row);
      }
    }
  }

  @Test
  void everySpeakerRunsOnLoopbackAndListensOnAnUnprivilegedPort() {
    JsonNode speakers = steps.get(0).path("speakers");

    assertEquals(8, speakers.size(), speakers.toString());
    for (JsonNode speaker : speakers) {
      String runsOn = speaker.path("runsOn").asText();
      assertTrue(runsOn.startsWith("127."), runsOn);
      if (runsOn.contains(":")) {
        assertTrue(Integer.parseInt(runsOn.substring(runsOn.indexOf(':') + 1)) > 1024, runsOn);
      }
    }
    List<Long> asns = new ArrayList<>();
    speakers.forEach(s -> asns.add(s.path("asn").asLong()));
    // 1: Route Server is 65515 (two instances); the NVAs 65001; the gateways 65515 too (32).
    assertEquals(List.of(65515L, 65515L, 65001L, 65001L, 65515L, 65515L, 65515L, 65515L), asns);
  }

  @Test
  void theConvergedArchitectureProgramsWhatAzureRulesRequire() {
    Map<String, List<EffectiveRouteRows>> subnets = routes(0);

    assertEquals(SUBNETS, List.copyOf(subnets.keySet()));
    for (String subnet : List.of("hub/GatewaySubnet", "spoke/app", "spoke/data")) {
      // 19: equal AS paths from both NVAs: ECMP.
      assertEquals(NVAS, programmed(0, subnet, "0.0.0.0/0"), subnet);
      assertEquals(NVAS, programmed(0, subnet, "10.100.0.0/16"), subnet);
      // 35: ExpressRoute beats the VPN's shorter AS path for the datacentre.
      Set<String> datacentre = programmed(0, subnet, "10.150.0.0/16");
      assertTrue(!datacentre.isEmpty() && EXPRESS_ROUTE.containsAll(datacentre), subnet);
      assertEquals(VPN, programmed(0, subnet, "192.168.10.0/24"), subnet);
      // 48, 49: the BGP default route wins over the system one, which stays Invalid.
      assertEquals(1, forPrefix(subnets.get(subnet), "0.0.0.0/0", "Default", "Invalid").size());
    }
    subnets.forEach(
        (subnet, rows) -> {
          // 13: the NVAs' prefix inside the hub is never injected.
          assertEquals(List.of(), forPrefix(rows, "10.0.9.0/24"), subnet);
          // 15: the spoke range from the NVAs loses to the VNet routes (VnetLocal/VNetPeering).
          assertEquals(
              List.of(), forPrefix(rows, "10.1.0.0/16", "VirtualNetworkGateway", "Active"), subnet);
          // 46: service endpoint routes only on spoke/data.
          assertEquals(
              subnet.equals("spoke/data"),
              rows.stream().anyMatch(r -> r.nextHopType().equals("VirtualNetworkServiceEndpoint")),
              subnet);
        });
    // 25, 45: the spoke uses the hub's gateways, so it gets the hub's peering route and BGP routes.
    assertEquals(
        "VNetPeering",
        forPrefix(subnets.get("spoke/app"), "10.0.0.0/16", "Default", "Active")
            .get(0)
            .nextHopType());
    // 48: the NVA subnet's own UDR 0/0 -> Internet keeps it out of the loop of its own 0/0.
    List<EffectiveRouteRows> nva = subnets.get("hub/nva");
    assertEquals("Internet", forPrefix(nva, "0.0.0.0/0", "User", "Active").get(0).nextHopType());
    assertEquals(Set.of(), programmed(0, "hub/nva", "0.0.0.0/0"));
  }

  @Test
  void branchToBranchOffExchangesNothingAndOnExchangesBothWays() {
    // 29: off by default.
    assertEquals(List.of(), learned(1, "NVA1"));
    assertEquals(List.of(), learned(1, "VPN gateway 10.0.0.4"));
    // 30: on: gateway routes reach the NVA with 65515 prepended, from both instances...
    assertEquals(
        new TreeSet<>(
            List.of(
                "10.150.0.0/16 65515 12076 65020",
                "192.168.10.0/24 65515 65050",
                "10.150.0.0/16 65515 12076 65020",
                "192.168.10.0/24 65515 65050")),
        new TreeSet<>(learned(2, "NVA1")));
    assertEquals(4, learned(2, "NVA1").size());
    // ...and the NVAs' routes reach the VPN gateway, but never the one inside the hub (13).
    List<String> vpn = learned(2, "VPN gateway 10.0.0.4");
    assertTrue(vpn.contains("0.0.0.0/0 65001"), vpn.toString()); // internal: AS_PATH unchanged
    assertTrue(vpn.contains("10.100.0.0/16 65001"), vpn.toString());
    assertTrue(vpn.stream().noneMatch(r -> r.startsWith("10.0.9.0/24")), vpn.toString());
  }

  @Test
  void aFailedNvaLeavesOnePathAndItsReturnRestoresEcmp() {
    for (String subnet : List.of("spoke/app", "spoke/data", "hub/GatewaySubnet")) {
      assertEquals(Set.of(NVA2), programmed(3, subnet, "0.0.0.0/0"), subnet);
      assertEquals(Set.of(NVA2), programmed(3, subnet, "10.100.0.0/16"), subnet);
      assertEquals(NVAS, programmed(4, subnet, "0.0.0.0/0"), subnet);
      assertEquals(NVAS, programmed(4, subnet, "10.100.0.0/16"), subnet);
    }
  }

  @Test
  void prependingMakesNva2AStandby() {
    for (String subnet : List.of("spoke/app", "spoke/data", "hub/GatewaySubnet")) {
      // 20, 21: only the shorter AS path is programmed.
      assertEquals(Set.of(NVA1), programmed(5, subnet, "0.0.0.0/0"), subnet);
      assertEquals(Set.of(NVA1), programmed(5, subnet, "10.100.0.0/16"), subnet);
      // The gateways' routes are not touched by the NVAs' AS paths.
      assertEquals(VPN, programmed(5, subnet, "192.168.10.0/24"), subnet);
    }
  }
}
