package io.github.routeserver.azure.routing;

import static io.github.routeserver.azure.Scenarios.assertRoutes;
import static io.github.routeserver.azure.Scenarios.id;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.azure.RibBuilder;
import io.github.routeserver.azure.Scenarios;
import io.github.routeserver.azure.model.Topology;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reference architecture: on-premises Internet breakout through a default route that an NVA
 * advertises (TRB, LAB-DEF). The NVA's own subnet keeps a UDR 0.0.0.0/0 to Internet; a DMZ subnet
 * turns gateway route propagation off.
 */
class DefaultRouteFromNvaTest {
  private static final Topology TOPOLOGY = Scenarios.topology("default-route-from-nva.json");

  private final EffectiveRoutes routes =
      EffectiveRoutes.compute(
          TOPOLOGY,
          Map.of(
              id("virtualHubs/ars"),
              new RibBuilder().announce("10.0.2.4", 65001, "0.0.0.0/0", 65001).build()));

  private static final String[] RESERVED = {
    "Default Active 10.0.0.0/8 None",
    "Default Active 172.16.0.0/12 None",
    "Default Active 192.168.0.0/16 None",
    "Default Active 100.64.0.0/10 None",
  };

  @Test
  void workloadSubnetsSendInternetTrafficToTheNva() {
    for (String subnet : new String[] {"RouteServerSubnet", "workload"}) {
      assertRoutes(
          routes,
          "hub",
          subnet,
          HubAndSpokeWithTwoNvasTest.concat(
              RESERVED,
              "Default Active 10.0.0.0/16 VnetLocal",
              "Default Active 10.1.0.0/16 VNetPeering",
              "Default Invalid 0.0.0.0/0 Internet",
              "VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.0.2.4"));
    }
    assertRoutes(
        routes,
        "spoke",
        "app",
        HubAndSpokeWithTwoNvasTest.concat(
            RESERVED,
            "Default Active 10.1.0.0/16 VnetLocal",
            "Default Active 10.0.0.0/16 VNetPeering",
            "Default Invalid 0.0.0.0/0 Internet",
            "VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.0.2.4"));
  }

  @Test
  void theNvaSubnetGetsTheDefaultRouteTooAndOnlyItsUdrAvoidsTheLoop() {
    assertRoutes(
        routes,
        "hub",
        "nva",
        "Default Active 10.0.0.0/16 VnetLocal",
        "Default Active 10.1.0.0/16 VNetPeering",
        "Default Invalid 0.0.0.0/0 Internet",
        "VirtualNetworkGateway Invalid 0.0.0.0/0 VirtualNetworkGateway 10.0.2.4",
        "User Active 0.0.0.0/0 Internet");
  }

  @Test
  void aSubnetWithPropagationDisabledKeepsDirectInternetAndEchoesTheFlag() {
    assertRoutes(
        routes,
        "hub",
        "dmz",
        HubAndSpokeWithTwoNvasTest.concat(
            RESERVED,
            "Default Active 10.0.0.0/16 VnetLocal",
            "Default Active 10.1.0.0/16 VNetPeering",
            "Default Active 0.0.0.0/0 Internet"));
    assertTrue(
        routes.subnet(Scenarios.subnet("hub", "dmz")).orElseThrow().routes().stream()
            .allMatch(EffectiveRoute::disableBgpRoutePropagation));
  }
}
