package io.github.routeserver.azure.routing;

import static io.github.routeserver.azure.Scenarios.assertRoutes;
import static io.github.routeserver.azure.Scenarios.id;

import io.github.routeserver.azure.RibBuilder;
import io.github.routeserver.azure.Scenarios;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.core.rib.Rib;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reference architecture: a hub with an active-active VPN gateway (AS 65515, 10.0.0.4/5), an
 * ExpressRoute gateway (10.0.0.12/13), Route Server and an SD-WAN NVA (ERVPN); one spoke uses the
 * hub's gateways. The VPN gateway also has a static site, 192.168.50.0/24, without BGP.
 */
class VpnAndExpressRouteCoexistingTest {
  private static final Topology TOPOLOGY = Scenarios.topology("vpn-expressroute.json");

  /** What the Route Server learned: from both gateways and from the SD-WAN NVA. */
  static Rib rib() {
    return new RibBuilder()
        // The same on-premises range over ExpressRoute (longer path) and VPN.
        .announce("10.0.0.12", 65515, "172.20.0.0/16", 12076, 65100)
        .announce("10.0.0.13", 65515, "172.20.0.0/16", 12076, 65100)
        .announce("10.0.0.4", 65515, "172.20.0.0/16", 65050)
        .announce("10.0.0.5", 65515, "172.20.0.0/16", 65050)
        // A branch over VPN and, with a longer path, over SD-WAN.
        .announce("10.0.0.4", 65515, "172.30.0.0/16", 65050)
        .announce("10.0.0.5", 65515, "172.30.0.0/16", 65050)
        .announce("10.0.2.4", 65010, "172.30.0.0/16", 65010, 65060, 65070)
        .announce("10.0.2.4", 65010, "10.50.0.0/16", 65010)
        .build();
  }

  private final EffectiveRoutes routes =
      EffectiveRoutes.compute(TOPOLOGY, Map.of(id("virtualHubs/ars"), rib()));

  private static final String[] BGP = {
    // Hub routing preference ExpressRoute: ER wins whatever the AS-path length (HRP), and with
    // Route Server in the VNet ER keeps one next hop (TRB).
    "VirtualNetworkGateway Active 172.20.0.0/16 VirtualNetworkGateway 10.0.0.12",
    // VPN against NVA: the shorter AS path wins; the active-active gateway is one row, two hops.
    "VirtualNetworkGateway Active 172.30.0.0/16 VirtualNetworkGateway 10.0.0.4 10.0.0.5",
    "VirtualNetworkGateway Active 192.168.50.0/24 VirtualNetworkGateway 10.0.0.4 10.0.0.5",
    "VirtualNetworkGateway Active 10.50.0.0/16 VirtualNetworkGateway 10.0.2.4",
  };

  private static final String[] RESERVED = {
    "Default Active 0.0.0.0/0 Internet",
    "Default Active 10.0.0.0/8 None",
    "Default Active 172.16.0.0/12 None",
    "Default Active 192.168.0.0/16 None",
    "Default Active 100.64.0.0/10 None",
  };

  @Test
  void everyHubSubnetGetsExpressRouteVpnStaticAndNvaRoutesRankedByHubRoutingPreference() {
    assertEveryHubSubnet(routes);
  }

  /** Asserts the rows of every hub subnet. */
  static void assertEveryHubSubnet(EffectiveRoutes routes) {
    for (String subnet : new String[] {"GatewaySubnet", "RouteServerSubnet", "nva", "workload"}) {
      assertRoutes(
          routes,
          "hub",
          subnet,
          HubAndSpokeWithTwoNvasTest.concat(
              HubAndSpokeWithTwoNvasTest.concat(
                  RESERVED,
                  "Default Active 10.0.0.0/16 VnetLocal",
                  "Default Active 10.1.0.0/16 VNetPeering"),
              BGP));
    }
  }

  @Test
  void spokeUsingTheHubsGatewaysGetsTheSameBgpRoutes() {
    assertSpokeSubnet(routes);
  }

  /** Asserts the rows of the spoke's subnet. */
  static void assertSpokeSubnet(EffectiveRoutes routes) {
    assertRoutes(
        routes,
        "spoke",
        "app",
        HubAndSpokeWithTwoNvasTest.concat(
            HubAndSpokeWithTwoNvasTest.concat(
                RESERVED,
                "Default Active 10.1.0.0/16 VnetLocal",
                "Default Active 10.0.0.0/16 VNetPeering"),
            BGP));
  }
}
