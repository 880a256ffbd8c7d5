package io.github.routeserver.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Effective routes read back from the JSON the commands print (subnet resource id to {@code
 * EffectiveRouteListResult}), as rows of {@code az network nic show-effective-route-table}.
 *
 * @param source {@code Default}, {@code User} or {@code VirtualNetworkGateway}
 * @param state {@code Active} or {@code Invalid}
 * @param prefixes the address prefixes
 * @param nextHopType for example {@code VnetLocal}
 * @param nextHops the next-hop IP addresses, sorted
 */
record EffectiveRouteRows(
    String source, String state, List<String> prefixes, String nextHopType, Set<String> nextHops) {

  /** The rows of every subnet, keyed by {@code vnet/subnet}, from one JSON object. */
  static Map<String, List<EffectiveRouteRows>> bySubnet(JsonNode tables) {
    Map<String, List<EffectiveRouteRows>> subnets = new LinkedHashMap<>();
    tables
        .properties()
        .forEach(
            entry -> {
              String[] id = entry.getKey().split("/");
              List<EffectiveRouteRows> rows = new ArrayList<>();
              for (JsonNode route : entry.getValue().path("value")) {
                List<String> prefixes = new ArrayList<>();
                route.path("addressPrefix").forEach(p -> prefixes.add(p.asText()));
                Set<String> nextHops = new TreeSet<>();
                route.path("nextHopIpAddress").forEach(ip -> nextHops.add(ip.asText()));
                rows.add(
                    new EffectiveRouteRows(
                        route.path("source").asText(),
                        route.path("state").asText(),
                        prefixes,
                        route.path("nextHopType").asText(),
                        nextHops));
              }
              subnets.put(id[id.length - 3] + "/" + id[id.length - 1], rows);
            });
    return subnets;
  }

  /** The rows of {@code rows} for {@code prefix}. */
  static List<EffectiveRouteRows> forPrefix(List<EffectiveRouteRows> rows, String prefix) {
    return rows.stream().filter(r -> r.prefixes().contains(prefix)).toList();
  }

  /** The rows of {@code rows} for {@code prefix} in {@code state} from {@code source}. */
  static List<EffectiveRouteRows> forPrefix(
      List<EffectiveRouteRows> rows, String prefix, String source, String state) {
    return forPrefix(rows, prefix).stream()
        .filter(r -> r.source().equals(source) && r.state().equals(state))
        .toList();
  }

  /** The next hops of all {@code rows} together. */
  static Set<String> nextHops(List<EffectiveRouteRows> rows) {
    Set<String> all = new TreeSet<>();
    rows.forEach(r -> all.addAll(r.nextHops()));
    return all;
  }
}
