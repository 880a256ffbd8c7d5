package io.github.routeserver.azure.routing;

import static io.github.routeserver.azure.Scenarios.id;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.routeserver.azure.RibBuilder;
import io.github.routeserver.azure.Scenarios;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.core.engine.RibSnapshot;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.rib.RibDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectiveRoutesTrackerTest {
  private static final Topology TOPOLOGY = Scenarios.topology("hub-spoke-two-nvas.json");
  private static final ResourceId ARS = id("virtualHubs/ars");

  @Test
  void followsEveryChangeAndCatchesUpOnOneItMissed() {
    Rib empty = new RibBuilder().build();
    List<EffectiveRoutesUpdate> heard = new ArrayList<>();
    EffectiveRoutesTracker tracker =
        new EffectiveRoutesTracker(
            TOPOLOGY, ARS, AzureRoutingOptions.DEFAULT, new RibSnapshot(0, empty), heard::add);
    RibDelta first =
        empty.announce(RibBuilder.route("10.0.2.4", 65001, "0.0.0.0/0", "10.0.2.4", 65001));
    tracker.onChange(new RibSnapshot(1, first.after()), first);
    RibDelta missed =
        first.after().announce(RibBuilder.route("10.0.2.5", 65001, "0.0.0.0/0", "10.0.2.5", 65001));
    RibDelta third =
        missed
            .after()
            .announce(RibBuilder.route("10.0.2.4", 65001, "192.168.1.0/24", "10.0.2.4", 65001));
    tracker.onChange(new RibSnapshot(3, third.after()), third);

    EffectiveRoutes full = EffectiveRoutes.compute(TOPOLOGY, Map.of(ARS, third.after()));
    for (ResourceId subnet : full.tables().keySet()) {
      assertEquals(
          full.subnet(subnet).orElseThrow().routes(),
          tracker.current().subnet(subnet).orElseThrow().routes());
    }
    assertEquals(2, heard.size());
    assertEquals(4, heard.get(1).changedSubnets().size());
  }
}
