package io.github.routeserver.azure.routing;

import static io.github.routeserver.azure.Scenarios.id;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.routeserver.azure.Scenarios;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.route.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reference architecture: branch-to-branch off and on, with the VPN and ExpressRoute gateways and
 * the SD-WAN NVA of {@link VpnAndExpressRouteCoexistingTest} (FAQ, ERVPN, LAB-MDD). The switch
 * changes what Route Server exchanges with its peers, not what it programs into the VNet.
 */
class BranchToBranchTest {
  private static final Topology OFF = Scenarios.topology("vpn-expressroute.json");
  private static final Topology ON = Scenarios.topology("vpn-expressroute-b2b.json");
  private static final Rib RIB = VpnAndExpressRouteCoexistingTest.rib();
  private static final PeerId NVA = PeerId.of("10.0.2.4");
  private static final PeerId VPN_GATEWAY = PeerId.of("10.0.0.4");

  private static List<String> advertised(Topology topology, PeerId peer) {
    return new RouteServerAdvertisements(
            topology, id("virtualHubs/ars"), AzureRoutingOptions.DEFAULT)
        .advertisedTo(peer, RIB).stream().map(AdvertisedRoute::toString).sorted().toList();
  }

  private static List<String> bothInstances(String... routes) {
    List<String> all = new ArrayList<>();
    for (String instance : new String[] {"10.0.1.4", "10.0.1.5"}) {
      for (String route : routes) {
        all.add(route.replace("$", instance));
      }
    }
    return all.stream().sorted().toList();
  }

  @Test
  void everySubnetHasTheSameRoutesWithBranchToBranchOffAndOn() {
    for (Topology topology : List.of(OFF, ON)) {
      EffectiveRoutes routes =
          EffectiveRoutes.compute(topology, Map.of(id("virtualHubs/ars"), RIB));
      VpnAndExpressRouteCoexistingTest.assertEveryHubSubnet(routes);
      VpnAndExpressRouteCoexistingTest.assertSpokeSubnet(routes);
    }
  }

  @Test
  void offTheNvaLearnsOnlyTheVnetAndSpokeRangesFromEachInstance() {
    assertEquals(
        bothInstances("10.0.0.0/16 via $ [65515]", "10.1.0.0/16 via $ [65515]"),
        advertised(OFF, NVA));
  }

  @Test
  void offTheGatewaysLearnNothingFromRouteServer() {
    assertEquals(List.of(), advertised(OFF, VPN_GATEWAY));
  }

  @Test
  void onTheNvaLearnsGatewayRoutesWith65515Prepended() {
    assertEquals(
        bothInstances(
            "10.0.0.0/16 via $ [65515]",
            "10.1.0.0/16 via $ [65515]",
            "172.20.0.0/16 via $ [65515 12076 65100]",
            "172.30.0.0/16 via $ [65515 65050]",
            "192.168.50.0/24 via $ [65515]"),
        advertised(ON, NVA));
  }

  @Test
  void onTheVpnGatewayLearnsNvaAndExpressRouteRoutesButNotItsOwn() {
    assertEquals(
        bothInstances("10.50.0.0/16 via $ [65010]", "172.20.0.0/16 via $ [12076 65100]"),
        advertised(ON, VPN_GATEWAY));
  }
}
