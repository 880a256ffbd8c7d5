package io.github.routeserver.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.routeserver.azure.arm.ArmTopologyReader;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.routing.EffectiveRoute;
import io.github.routeserver.azure.routing.EffectiveRouteTable;
import io.github.routeserver.azure.routing.EffectiveRoutes;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Loads the ARM fixtures under {@code src/test/resources/scenarios} and checks tables. */
public final class Scenarios {
  /** The prefix of every resource id in the fixtures. */
  public static final String NETWORK =
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/";

  private Scenarios() {}

  /** The path of fixture {@code name}. */
  public static Path fixture(String name) {
    try {
      return Path.of(
          Objects.requireNonNull(Scenarios.class.getResource("/scenarios/" + name)).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The topology read from the fixtures {@code names}. */
  public static Topology topology(String... names) {
    return ArmTopologyReader.create().read(Arrays.stream(names).map(Scenarios::fixture).toList());
  }

  /** The id {@code NETWORK + relative}, e.g. {@code id("virtualHubs/ars")}. */
  public static ResourceId id(String relative) {
    return ResourceId.of(NETWORK + relative);
  }

  /** The id of subnet {@code subnet} of VNet {@code vnet}. */
  public static ResourceId subnet(String vnet, String subnet) {
    return id("virtualNetworks/" + vnet + "/subnets/" + subnet);
  }

  /**
   * Asserts that {@code vnet/subnet} has exactly {@code rows} (in {@link EffectiveRoute#toString}
   * form, compared as a sorted list).
   */
  public static void assertRoutes(
      EffectiveRoutes routes, String vnet, String subnet, String... rows) {
    EffectiveRouteTable table = routes.subnet(subnet(vnet, subnet)).orElseThrow();
    assertRows(table.routes(), vnet + "/" + subnet, rows);
  }

  /** Asserts that {@code actual} are exactly {@code rows}, in any order. */
  public static void assertRows(List<EffectiveRoute> actual, String what, String... rows) {
    List<String> expected = Arrays.stream(rows).sorted().toList();
    List<String> shown = actual.stream().map(EffectiveRoute::toString).sorted().toList();
    assertEquals(String.join("\n", expected), String.join("\n", shown), what);
  }
}
