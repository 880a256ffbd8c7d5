package io.github.routeserver.examples.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.routeserver.azure.arm.EffectiveRouteJson;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.routing.EffectiveRoute;
import io.github.routeserver.azure.routing.EffectiveRouteTable;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Effective routes as the sample apps print them: an aligned table per subnet with the columns of
 * {@code az network nic show-effective-route-table -o table}, or one JSON object whose keys are
 * subnet resource ids and whose values are the REST API's {@code EffectiveRouteListResult}.
 */
public final class EffectiveRouteReport {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EffectiveRouteReport() {}

  /** Prints {@code heading}, then {@code routes} as a table, then an empty line. */
  public static void printTable(PrintWriter out, String heading, List<EffectiveRoute> routes) {
    out.println(heading);
    TextTable table =
        new TextTable("Source", "State", "Address Prefix", "Next Hop Type", "Next Hop IP");
    for (EffectiveRoute route : routes) {
      table.row(
          route.source().armName(),
          route.state().armName(),
          String.join(", ", route.addressPrefixes().stream().map(Prefix::toString).toList()),
          route.nextHopType().armName(),
          String.join(", ", route.nextHopIpAddresses().stream().map(IpAddress::toString).toList()));
    }
    table.print(out, "  ");
    out.println();
  }

  /** A subnet's short name for headings: {@code vnet/subnet}. */
  public static String subnetName(ResourceId subnet) {
    return subnet.parent().map(vnet -> vnet.name() + "/").orElse("") + subnet.name();
  }

  /** The JSON object of {@code tables}: subnet resource id to {@code EffectiveRouteListResult}. */
  public static ObjectNode json(Map<ResourceId, EffectiveRouteTable> tables) {
    ObjectNode result = MAPPER.createObjectNode();
    tables.forEach((subnet, table) -> result.set(subnet.toString(), listResult(table)));
    return result;
  }

  private static JsonNode listResult(EffectiveRouteTable table) {
    try {
      return MAPPER.readTree(EffectiveRouteJson.toJson(table));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("EffectiveRouteJson always writes valid JSON", e);
    }
  }
}
