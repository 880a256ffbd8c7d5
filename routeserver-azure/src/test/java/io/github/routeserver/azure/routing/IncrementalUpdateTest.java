package io.github.routeserver.azure.routing;

import static io.github.routeserver.azure.Scenarios.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.routeserver.azure.RibBuilder;
import io.github.routeserver.azure.Scenarios;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.rib.RibDelta;
import io.github.routeserver.core.route.PeerId;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Applying deltas one by one gives what a full computation gives, and touches only served subnets.
 */
class IncrementalUpdateTest {
  private static final Topology TOPOLOGY = Scenarios.topology("default-route-from-nva.json");
  private static final ResourceId ARS = id("virtualHubs/ars");
  private static final List<String> PREFIXES =
      List.of(
          "0.0.0.0/0",
          "10.0.0.0/8",
          "10.0.0.0/16",
          "10.0.3.0/24",
          "10.1.0.0/16",
          "10.1.5.0/24",
          "100.64.0.0/10",
          "172.16.0.0/12",
          "192.168.0.0/16",
          "192.168.7.0/24");
  private static final List<String> NVAS = List.of("10.0.2.4", "10.0.2.5", "10.0.2.6");

  @Test
  void everyStepOfARandomSequenceEqualsAFullComputation() {
    Random random = new Random(7);
    Rib rib = new RibBuilder().build();
    EffectiveRoutes routes = EffectiveRoutes.compute(TOPOLOGY, Map.of(ARS, rib));
    for (int step = 0; step < 200; step++) {
      String prefix = PREFIXES.get(random.nextInt(PREFIXES.size()));
      String nva = NVAS.get(random.nextInt(NVAS.size()));
      RibDelta delta =
          random.nextInt(3) == 0
              ? rib.withdraw(PeerId.of(nva), Prefix.parse(prefix), 0)
              : rib.announce(
                  RibBuilder.route(
                      nva,
                      65001,
                      prefix,
                      nva,
                      random.nextBoolean() ? new long[] {65001} : new long[] {65001, 65001}));
      EffectiveRoutesUpdate update = routes.apply(ARS, delta);
      rib = delta.after();
      EffectiveRoutes full = EffectiveRoutes.compute(TOPOLOGY, Map.of(ARS, rib));
      for (ResourceId subnet : full.tables().keySet()) {
        assertEquals(
            full.subnet(subnet).orElseThrow().routes(),
            update.routes().subnet(subnet).orElseThrow().routes(),
            "step " + step + " " + subnet);
        if (!update.changedSubnets().contains(subnet)) {
          assertSame(
              routes.subnet(subnet).orElseThrow(), update.routes().subnet(subnet).orElseThrow());
        }
      }
      routes = update.routes();
    }
  }

  @Test
  void aSubnetWithPropagationDisabledIsNeverTouched() {
    Rib rib = new RibBuilder().build();
    EffectiveRoutes routes = EffectiveRoutes.compute(TOPOLOGY, Map.of(ARS, rib));
    EffectiveRoutesUpdate update =
        routes.apply(
            ARS, rib.announce(RibBuilder.route("10.0.2.4", 65001, "0.0.0.0/0", "10.0.2.4", 65001)));
    assertEquals(
        List.of("RouteServerSubnet", "nva", "workload", "app"),
        update.changedSubnets().stream().map(ResourceId::name).toList());
  }
}
