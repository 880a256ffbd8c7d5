package io.github.routeserver.azure.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.routeserver.azure.RibBuilder;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteTable;
import io.github.routeserver.azure.model.UserRoute;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.rib.Rib;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableGeneratorTest {
  private static final ResourceId ID =
      ResourceId.of(
          "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/routeTables/rt");
  private static final AzureRoutingOptions LIMIT_4 =
      AzureRoutingOptions.builder().maxRoutesPerTable(4).build();

  private static List<String> routes(RouteTable table) {
    return table.routes().stream()
        .map(r -> r.name() + " " + r.addressPrefix() + " " + r.nextHopIpAddress().orElseThrow())
        .toList();
  }

  @Test
  void oneRoutePerPrefixToTheLowestNextHopOfTheEcmpSetWhateverTheArrivalOrder() {
    Rib oneWay =
        new RibBuilder()
            .announce("10.0.2.5", 65001, "192.168.1.0/24", 65001)
            .announce("10.0.2.4", 65001, "192.168.1.0/24", 65001)
            .build();
    Rib otherWay =
        new RibBuilder()
            .announce("10.0.2.4", 65001, "192.168.1.0/24", 65001)
            .announce("10.0.2.5", 65001, "192.168.1.0/24", 65001)
            .build();
    RouteTableGenerator generator =
        new RouteTableGenerator(List.of(), RouteLimitStrategy.FAIL, AzureRoutingOptions.DEFAULT);
    RouteTable table = generator.generate(ID, "westeurope", oneWay, false);
    assertEquals(List.of("rs-192.168.1.0-24 192.168.1.0/24 10.0.2.4"), routes(table));
    assertEquals(table, generator.generate(ID, "westeurope", otherWay, false));
  }

  @Test
  void prefixesInsideAnExcludedRangeAreLeftOut() {
    RouteTableGenerator generator =
        new RouteTableGenerator(
            List.of(Prefix.parse("10.0.0.0/16")),
            RouteLimitStrategy.FAIL,
            AzureRoutingOptions.DEFAULT);
    Rib rib =
        new RibBuilder()
            .announce("10.0.2.4", 65001, "10.0.5.0/24", 65001)
            .announce("10.0.2.4", 65001, "10.0.0.0/8", 65001)
            .build();
    assertEquals(
        List.of("rs-10.0.0.0-8 10.0.0.0/8 10.0.2.4"),
        routes(generator.generate(ID, "westeurope", rib, false)));
  }

  private static Rib fiveRoutes() {
    return new RibBuilder()
        .announce("10.0.2.4", 65001, "192.168.0.0/24", 65001)
        .announce("10.0.2.4", 65001, "192.168.1.0/24", 65001)
        .announce("10.0.2.4", 65001, "192.168.2.0/25", 65001)
        .announce("10.0.2.4", 65001, "192.168.2.128/25", 65001)
        .announce("10.0.2.5", 65001, "192.168.3.0/24", 65001)
        .build();
  }

  @Test
  void failStrategyRefusesATableOverTheLimit() {
    RouteTableGenerator generator =
        new RouteTableGenerator(List.of(), RouteLimitStrategy.FAIL, LIMIT_4);
    RouteLimitExceededException e =
        assertThrows(
            RouteLimitExceededException.class,
            () -> generator.generate(ID, "westeurope", fiveRoutes(), false));
    assertEquals(ID + ": 5 routes (expected: at most 4, VNLIM)", e.getMessage());
  }

  @Test
  void losslessAggregationMergesSiblingsWithTheSameNextHopOnly() {
    RouteTableGenerator generator =
        new RouteTableGenerator(List.of(), RouteLimitStrategy.AGGREGATE_LOSSLESS, LIMIT_4);
    assertEquals(
        List.of(
            "rs-192.168.0.0-23 192.168.0.0/23 10.0.2.4",
            "rs-192.168.2.0-24 192.168.2.0/24 10.0.2.4",
            "rs-192.168.3.0-24 192.168.3.0/24 10.0.2.5"),
        routes(generator.generate(ID, "westeurope", fiveRoutes(), false)));
  }

  @Test
  void aggregationThatCannotGetUnderTheLimitStillFails() {
    RouteTableGenerator generator =
        new RouteTableGenerator(
            List.of(),
            RouteLimitStrategy.AGGREGATE_LOSSLESS,
            AzureRoutingOptions.builder().maxRoutesPerTable(1).build());
    assertThrows(
        RouteLimitExceededException.class,
        () -> generator.generate(ID, "westeurope", fiveRoutes(), false));
  }

  @Test
  void routeNamesAreDerivedFromThePrefix() {
    assertEquals("rs-2001.db8..-32", RouteTableGenerator.routeName(Prefix.parse("2001:db8::/32")));
    assertEquals(
        new UserRoute(
            "rs-10.1.0.0-16",
            "10.1.0.0/16",
            io.github.routeserver.azure.model.NextHopType.VIRTUAL_APPLIANCE,
            Optional.of(IpAddress.parse("10.0.2.4"))),
        UserRoute.toAppliance(
            RouteTableGenerator.routeName(Prefix.parse("10.1.0.0/16")),
            Prefix.parse("10.1.0.0/16"),
            IpAddress.parse("10.0.2.4")));
  }
}
