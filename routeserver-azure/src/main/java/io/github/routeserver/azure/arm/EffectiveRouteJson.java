package io.github.routeserver.azure.arm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.routeserver.azure.routing.EffectiveRoute;
import io.github.routeserver.azure.routing.EffectiveRouteTable;
import java.util.List;

/**
 * Writes effective routes as the REST {@code EffectiveRouteListResult} (SPEC-NIC): {@code {"value":
 * [EffectiveRoute...]}}, each route with {@code addressPrefix} and {@code nextHopIpAddress} as
 * arrays (empty for system routes), {@code nextHopType}, {@code source}, {@code state}, {@code
 * disableBgpRoutePropagation}, and {@code name} for user routes only. Keys are sorted as {@code az
 * ... -o json} sorts them, so the output diffs cleanly against {@code az network nic
 * show-effective-route-table -o json}. Thread-safe.
 */
public final class EffectiveRouteJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private EffectiveRouteJson() {}

  /** The {@code EffectiveRouteListResult} of {@code table}, as indented JSON. */
  public static String toJson(EffectiveRouteTable table) {
    return toJson(table.routes());
  }

  /** The {@code EffectiveRouteListResult} of {@code routes}, as indented JSON. */
  public static String toJson(List<EffectiveRoute> routes) {
    ObjectNode result = MAPPER.createObjectNode();
    ArrayNode value = result.putArray("value");
    for (EffectiveRoute route : routes) {
      ObjectNode row = value.addObject();
      ArrayNode prefixes = row.putArray("addressPrefix");
      route.addressPrefixes().forEach(p -> prefixes.add(p.toString()));
      row.put("disableBgpRoutePropagation", route.disableBgpRoutePropagation());
      route.name().ifPresent(name -> row.put("name", name));
      ArrayNode hops = row.putArray("nextHopIpAddress");
      route.nextHopIpAddresses().forEach(a -> hops.add(a.toString()));
      row.put("nextHopType", route.nextHopType().armName());
      row.put("source", route.source().armName());
      row.put("state", route.state().armName());
    }
    try {
      return MAPPER.writeValueAsString(result) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }
}
