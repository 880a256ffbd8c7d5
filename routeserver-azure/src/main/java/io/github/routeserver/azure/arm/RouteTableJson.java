package io.github.routeserver.azure.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.routeserver.azure.model.RouteTable;
import io.github.routeserver.azure.model.UserRoute;
import java.util.List;

/**
 * Writes route tables as ARM JSON (SPEC-RT, api-version {@value #API_VERSION}): the REST body of a
 * table or a route, and a deployment template holding tables. Thread-safe.
 */
public final class RouteTableJson {
  /** The routeTables API version written and spoken. */
  public static final String API_VERSION = "2023-09-01";

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RouteTableJson() {}

  /** The REST body of a PUT of the whole table: location and properties with every route. */
  public static String tableBody(RouteTable table) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("location", table.location());
    writeProperties(body.putObject("properties"), table);
    return write(body);
  }

  /** The REST body of a PUT of one route. */
  public static String routeBody(UserRoute route) {
    ObjectNode body = MAPPER.createObjectNode();
    writeRouteProperties(body.putObject("properties"), route);
    return write(body);
  }

  /**
   * A deployment template whose resources are {@code tables}, named by their ids' last segment; the
   * ARM JSON to hand to {@code az deployment group create}.
   */
  public static String template(List<RouteTable> tables) {
    ObjectNode template = MAPPER.createObjectNode();
    template.put(
        "$schema",
        "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#");
    template.put("contentVersion", "1.0.0.0");
    ArrayNode resources = template.putArray("resources");
    for (RouteTable table : tables) {
      ObjectNode resource = resources.addObject();
      resource.put("type", "Microsoft.Network/routeTables");
      resource.put("apiVersion", API_VERSION);
      resource.put("name", table.id().name());
      resource.put("location", table.location());
      writeProperties(resource.putObject("properties"), table);
    }
    return write(template);
  }

  private static void writeProperties(ObjectNode properties, RouteTable table) {
    properties.put("disableBgpRoutePropagation", table.disableBgpRoutePropagation());
    ArrayNode routes = properties.putArray("routes");
    for (UserRoute route : table.routes()) {
      ObjectNode node = routes.addObject();
      node.put("name", route.name());
      writeRouteProperties(node.putObject("properties"), route);
    }
  }

  private static void writeRouteProperties(ObjectNode properties, UserRoute route) {
    properties.put("addressPrefix", route.addressPrefix());
    properties.put("nextHopType", route.nextHopType().armName());
    route.nextHopIpAddress().ifPresent(a -> properties.put("nextHopIpAddress", a.toString()));
  }

  private static String write(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }
}
