package io.github.routeserver.azure.routing;

import static io.github.routeserver.azure.Scenarios.assertRoutes;
import static io.github.routeserver.azure.Scenarios.id;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.routeserver.azure.RibBuilder;
import io.github.routeserver.azure.Scenarios;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.rib.RibDelta;
import io.github.routeserver.core.route.PeerId;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reference architecture: a spoke dual-homed to two hubs (DUAL). Route Server sits in the spoke; an
 * NVA in each hub (AS 65001 and 65002) peers with it; each hub has its own ExpressRoute gateway, so
 * the spoke does not use remote gateways. NVA 2 prepends, so it is the backup (INJ, MR).
 */
class DualHomedSpokeTest {
  private static final Topology TOPOLOGY = Scenarios.topology("dual-homed-spoke.json");
  private static final ResourceId ARS = id("virtualHubs/ars-spoke");

  private final Rib rib =
      new RibBuilder()
          .announce("10.1.2.4", 65001, "10.100.0.0/16", 65001, 12076, 65100)
          .announce("10.2.2.4", 65002, "10.100.0.0/16", 65002, 65002, 12076, 65100)
          // Learned from hub 2's own Route Server without as-override: dropped (DUAL, MR).
          .announce("10.2.2.4", 65002, "10.200.0.0/16", 65002, 65515)
          // Hub 1's range, which the spoke reaches over the peering whatever BGP says (UDR).
          .announce("10.1.2.4", 65001, "10.1.0.0/16", 65001)
          .build();

  private final EffectiveRoutes routes = EffectiveRoutes.compute(TOPOLOGY, Map.of(ARS, rib));

  private static final String[] SPOKE_SYSTEM = {
    "Default Active 10.10.0.0/16 VnetLocal",
    "Default Active 10.1.0.0/16 VNetPeering",
    "Default Active 10.2.0.0/16 VNetPeering",
    "Default Active 0.0.0.0/0 Internet",
    "Default Active 10.0.0.0/8 None",
    "Default Active 172.16.0.0/12 None",
    "Default Active 192.168.0.0/16 None",
    "Default Active 100.64.0.0/10 None",
  };

  @Test
  void spokeSubnetsUseTheShorterPathAndNeverTheLoopedOne() {
    for (String subnet : new String[] {"RouteServerSubnet", "app"}) {
      assertRoutes(
          routes,
          "spoke",
          subnet,
          HubAndSpokeWithTwoNvasTest.concat(
              SPOKE_SYSTEM,
              "VirtualNetworkGateway Active 10.100.0.0/16 VirtualNetworkGateway 10.1.2.4",
              "VirtualNetworkGateway Invalid 10.1.0.0/16 VirtualNetworkGateway 10.1.2.4"));
    }
  }

  @Test
  void hubSubnetsGetNoRoutesFromTheSpokesRouteServer() {
    for (String hub : new String[] {"hub1", "hub2"}) {
      String own = hub.equals("hub1") ? "10.1.0.0/16" : "10.2.0.0/16";
      for (String subnet : new String[] {"GatewaySubnet", "nva"}) {
        assertRoutes(
            routes,
            hub,
            subnet,
            "Default Active " + own + " VnetLocal",
            "Default Active 10.10.0.0/16 VNetPeering",
            "Default Active 0.0.0.0/0 Internet",
            "Default Active 10.0.0.0/8 None",
            "Default Active 172.16.0.0/12 None",
            "Default Active 192.168.0.0/16 None",
            "Default Active 100.64.0.0/10 None");
      }
    }
  }

  @Test
  void whenThePrimaryWithdrawsThePrependedBackupIsProgrammedInTheSpokeOnly() {
    RibDelta withdraw = rib.withdraw(PeerId.of("10.1.2.4"), Prefix.parse("10.100.0.0/16"), 0);
    EffectiveRoutesUpdate update = routes.apply(ARS, withdraw);
    assertEquals(
        Set.of(Scenarios.subnet("spoke", "RouteServerSubnet"), Scenarios.subnet("spoke", "app")),
        update.changedSubnets());
    assertRoutes(
        update.routes(),
        "spoke",
        "app",
        HubAndSpokeWithTwoNvasTest.concat(
            SPOKE_SYSTEM,
            "VirtualNetworkGateway Active 10.100.0.0/16 VirtualNetworkGateway 10.2.2.4",
            "VirtualNetworkGateway Invalid 10.1.0.0/16 VirtualNetworkGateway 10.1.2.4"));
    assertEquals(
        EffectiveRoutes.compute(TOPOLOGY, Map.of(ARS, withdraw.after()))
            .subnet(Scenarios.subnet("spoke", "app"))
            .orElseThrow()
            .routes(),
        update.routes().subnet(Scenarios.subnet("spoke", "app")).orElseThrow().routes());
  }
}
