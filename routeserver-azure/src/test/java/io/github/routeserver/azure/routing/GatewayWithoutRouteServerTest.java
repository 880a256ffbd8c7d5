package io.github.routeserver.azure.routing;

import static io.github.routeserver.azure.Scenarios.assertRoutes;
import static io.github.routeserver.azure.Scenarios.id;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.routeserver.azure.RibBuilder;
import io.github.routeserver.azure.Scenarios;
import io.github.routeserver.azure.model.Topology;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A VNet with an active-active VPN gateway and no Route Server: the gateway's own RIB (what it
 * learned over BGP from on-premises) and its site's static prefix reach the hub and the spoke that
 * uses it, with the gateway's instances as next hops (UDR "Virtual network gateway" routes).
 */
class GatewayWithoutRouteServerTest {
  private static final Topology TOPOLOGY = Scenarios.topology("vpn-gateway-only.json");

  private final EffectiveRoutes routes =
      EffectiveRoutes.compute(
          TOPOLOGY,
          Map.of(
              id("virtualNetworkGateways/vpngw"),
              new RibBuilder().announce("192.168.50.1", 65050, "172.30.0.0/16", 65050).build()));

  private static final String[] RESERVED = {
    "Default Active 0.0.0.0/0 Internet",
    "Default Active 10.0.0.0/8 None",
    "Default Active 172.16.0.0/12 None",
    "Default Active 192.168.0.0/16 None",
    "Default Active 100.64.0.0/10 None",
    "VirtualNetworkGateway Active 172.30.0.0/16 VirtualNetworkGateway 10.0.0.4 10.0.0.5",
    "VirtualNetworkGateway Active 192.168.50.0/24 VirtualNetworkGateway 10.0.0.4 10.0.0.5",
  };

  @Test
  void hubAndSpokeGetTheGatewaysRoutesThroughItsTwoInstances() {
    for (String subnet : new String[] {"GatewaySubnet", "workload"}) {
      assertRoutes(
          routes,
          "hub",
          subnet,
          HubAndSpokeWithTwoNvasTest.concat(
              RESERVED,
              "Default Active 10.0.0.0/16 VnetLocal",
              "Default Active 10.1.0.0/16 VNetPeering"));
    }
    assertRoutes(
        routes,
        "spoke",
        "app",
        HubAndSpokeWithTwoNvasTest.concat(
            RESERVED,
            "Default Active 10.1.0.0/16 VnetLocal",
            "Default Active 10.0.0.0/16 VNetPeering"));
  }

  @Test
  void aRibForAGatewayInAVnetWithRouteServerIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            EffectiveRoutes.compute(
                Scenarios.topology("vpn-expressroute.json"),
                Map.of(id("virtualNetworkGateways/vpngw"), new RibBuilder().build())));
  }
}
