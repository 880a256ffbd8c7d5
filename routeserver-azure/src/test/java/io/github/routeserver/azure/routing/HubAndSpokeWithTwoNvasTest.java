package io.github.routeserver.azure.routing;

import static io.github.routeserver.azure.Scenarios.assertRoutes;
import static io.github.routeserver.azure.Scenarios.id;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.routeserver.azure.RibBuilder;
import io.github.routeserver.azure.Scenarios;
import io.github.routeserver.azure.model.Topology;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reference architecture: a hub with Route Server and two NVAs (AS 65001, 10.0.2.4 and 10.0.2.5),
 * spoke1 peered with "use remote gateway", spoke2 peered without (TUT-NVA, INJ, FAQ). The NVA
 * subnet carries a UDR 0.0.0.0/0 to Internet, as TRB advises.
 */
class HubAndSpokeWithTwoNvasTest {
  private static final Topology TOPOLOGY = Scenarios.topology("hub-spoke-two-nvas.json");

  private static final String[] SYSTEM_HUB = {
    "Default Active 10.0.0.0/16 VnetLocal",
    "Default Active 10.1.0.0/16 VNetPeering",
    "Default Active 10.2.0.0/16 VNetPeering",
    "Default Active 10.0.0.0/8 None",
    "Default Active 172.16.0.0/12 None",
    "Default Active 192.168.0.0/16 None",
    "Default Active 100.64.0.0/10 None",
  };

  private final EffectiveRoutes routes =
      EffectiveRoutes.compute(
          TOPOLOGY,
          Map.of(
              id("virtualHubs/ars"),
              new RibBuilder()
                  .announce("10.0.2.4", 65001, "0.0.0.0/0", 65001)
                  .announce("10.0.2.5", 65001, "0.0.0.0/0", 65001)
                  .announce("10.0.2.4", 65001, "192.168.10.0/24", 65001, 65100)
                  .announce("10.0.2.5", 65001, "192.168.10.0/24", 65001, 65100)
                  .announce("10.0.2.4", 65001, "10.0.5.0/24", 65001)
                  .announce("10.0.2.5", 65001, "172.20.0.0/16", 65001, 65515)
                  .build()));

  @Test
  void hubSubnetsGetBothNvasAsEcmpNextHopsAndNothingFilteredOrLooped() {
    for (String subnet : new String[] {"RouteServerSubnet", "workload"}) {
      assertRoutes(
          routes,
          "hub",
          subnet,
          concat(
              SYSTEM_HUB,
              "Default Invalid 0.0.0.0/0 Internet",
              "VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.0.2.4",
              "VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.0.2.5",
              "VirtualNetworkGateway Active 192.168.10.0/24 VirtualNetworkGateway 10.0.2.4",
              "VirtualNetworkGateway Active 192.168.10.0/24 VirtualNetworkGateway 10.0.2.5"));
    }
  }

  @Test
  void nvaSubnetKeepsInternetThroughItsUdrAndLosesTheReservedNoneRoutes() {
    assertRoutes(
        routes,
        "hub",
        "nva",
        "Default Active 10.0.0.0/16 VnetLocal",
        "Default Active 10.1.0.0/16 VNetPeering",
        "Default Active 10.2.0.0/16 VNetPeering",
        "Default Invalid 0.0.0.0/0 Internet",
        "VirtualNetworkGateway Invalid 0.0.0.0/0 VirtualNetworkGateway 10.0.2.4",
        "VirtualNetworkGateway Invalid 0.0.0.0/0 VirtualNetworkGateway 10.0.2.5",
        "VirtualNetworkGateway Active 192.168.10.0/24 VirtualNetworkGateway 10.0.2.4",
        "VirtualNetworkGateway Active 192.168.10.0/24 VirtualNetworkGateway 10.0.2.5",
        "User Active 0.0.0.0/0 Internet");
  }

  @Test
  void spokeThatUsesRemoteGatewayGetsTheNvaRoutes() {
    assertRoutes(
        routes,
        "spoke1",
        "app",
        "Default Active 10.1.0.0/16 VnetLocal",
        "Default Active 10.0.0.0/16 VNetPeering",
        "Default Invalid 0.0.0.0/0 Internet",
        "Default Active 10.0.0.0/8 None",
        "Default Active 172.16.0.0/12 None",
        "Default Active 192.168.0.0/16 None",
        "Default Active 100.64.0.0/10 None",
        "VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.0.2.4",
        "VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.0.2.5",
        "VirtualNetworkGateway Active 192.168.10.0/24 VirtualNetworkGateway 10.0.2.4",
        "VirtualNetworkGateway Active 192.168.10.0/24 VirtualNetworkGateway 10.0.2.5");
  }

  @Test
  void spokeWithoutUseRemoteGatewayGetsOnlySystemRoutes() {
    assertRoutes(
        routes,
        "spoke2",
        "app",
        "Default Active 10.2.0.0/16 VnetLocal",
        "Default Active 10.0.0.0/16 VNetPeering",
        "Default Active 0.0.0.0/0 Internet",
        "Default Active 10.0.0.0/8 None",
        "Default Active 172.16.0.0/12 None",
        "Default Active 192.168.0.0/16 None",
        "Default Active 100.64.0.0/10 None");
  }

  @Test
  void aNicShowsItsSubnetsTable() {
    assertEquals(
        routes.subnet(Scenarios.subnet("spoke1", "app")).orElseThrow().routes(),
        routes.networkInterface(id("networkInterfaces/vm-spoke1")).orElseThrow().routes());
  }

  static String[] concat(String[] first, String... rest) {
    String[] all = Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
