package io.github.routeserver.azure.routing;

import static io.github.routeserver.azure.Scenarios.assertRoutes;
import static io.github.routeserver.azure.Scenarios.id;

import io.github.routeserver.azure.RibBuilder;
import io.github.routeserver.azure.Scenarios;
import io.github.routeserver.azure.model.Topology;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reference architecture: a service endpoint for Storage (westeurope) on one hub subnet, with an
 * NVA that advertises 0.0.0.0/0 and a route inside a Storage range (UDR). The service tags are the
 * test sample file, whose prefixes are RFC 5737 documentation ranges, not Azure's.
 */
class ServiceEndpointForStorageTest {
  private static final Topology TOPOLOGY =
      Scenarios.topology("service-endpoint.json", "service-tags-sample.json");

  private final EffectiveRoutes routes =
      EffectiveRoutes.compute(
          TOPOLOGY,
          Map.of(
              id("virtualHubs/ars"),
              new RibBuilder()
                  .announce("10.0.2.4", 65001, "0.0.0.0/0", 65001)
                  .announce("10.0.2.4", 65001, "198.51.100.0/26", 65001)
                  .build()));

  private static final String[] RESERVED = {
    "Default Active 10.0.0.0/16 VnetLocal",
    "Default Active 10.0.0.0/8 None",
    "Default Active 172.16.0.0/12 None",
    "Default Active 192.168.0.0/16 None",
    "Default Active 100.64.0.0/10 None",
  };

  @Test
  void onlyTheEnabledSubnetGetsTheRegionalStoragePrefixesAndTheyBeatTheMoreSpecificBgpRoute() {
    assertRoutes(
        routes,
        "hub",
        "storage",
        HubAndSpokeWithTwoNvasTest.concat(
            RESERVED,
            "Default Invalid 0.0.0.0/0 Internet",
            "Default Active 198.51.100.0/25 203.0.113.0/25 VirtualNetworkServiceEndpoint",
            "VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.0.2.4",
            "VirtualNetworkGateway Invalid 198.51.100.0/26 VirtualNetworkGateway 10.0.2.4"));
  }

  @Test
  void otherSubnetsHaveNoServiceEndpointRoute() {
    for (String subnet : new String[] {"RouteServerSubnet", "workload"}) {
      assertRoutes(
          routes,
          "hub",
          subnet,
          HubAndSpokeWithTwoNvasTest.concat(
              RESERVED,
              "Default Invalid 0.0.0.0/0 Internet",
              "VirtualNetworkGateway Active 0.0.0.0/0 VirtualNetworkGateway 10.0.2.4",
              "VirtualNetworkGateway Active 198.51.100.0/26 VirtualNetworkGateway 10.0.2.4"));
    }
    assertRoutes(
        routes,
        "hub",
        "nva",
        "Default Active 10.0.0.0/16 VnetLocal",
        "Default Invalid 0.0.0.0/0 Internet",
        "VirtualNetworkGateway Invalid 0.0.0.0/0 VirtualNetworkGateway 10.0.2.4",
        "VirtualNetworkGateway Active 198.51.100.0/26 VirtualNetworkGateway 10.0.2.4",
        "User Active 0.0.0.0/0 Internet");
  }
}
