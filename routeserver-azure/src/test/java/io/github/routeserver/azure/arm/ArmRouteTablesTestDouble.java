package io.github.routeserver.azure.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TEST DOUBLE OF ARM, not ARM: a small HTTP server on 127.0.0.1 that keeps {@code
 * Microsoft.Network/routeTables} and their routes in memory the way ARM does, for the client's
 * tests. It checks the bearer token, gives every table and route an ETag that changes on each write
 * (a route write changes its table's ETag too), answers a stale {@code If-Match} or an {@code
 * If-None-Match: *} on something that exists with 412, and can be told to answer the next requests
 * with scripted failures such as 429 with {@code Retry-After}. It implements only GET and PUT of a
 * table and PUT and DELETE of a route.
 */
final class ArmRouteTablesTestDouble implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final String token;
  private final Map<String, Table> tables = new LinkedHashMap<>();
  private final Deque<int[]> scripted = new ArrayDeque<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private int etags;
  private boolean echoAuthorization;

  private static final class Table {
    String id;
    String location;
    boolean disableBgpRoutePropagation;
    String etag;
    final Map<String, ObjectNode> routes = new LinkedHashMap<>();
    final Map<String, String> routeEtags = new LinkedHashMap<>();
  }

  ArmRouteTablesTestDouble(String token) throws IOException {
    this.token = token;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** Answers the next request with {@code status} and, if not negative, that Retry-After. */
  synchronized void failNext(int status, int retryAfterSeconds) {
    scripted.add(new int[] {status, retryAfterSeconds});
  }

  /**
   * Answers the next request with a 400 whose ARM error message quotes the request's Authorization
   * header, as a gateway that echoes what it refused might.
   */
  synchronized void echoAuthorizationInNextError() {
    echoAuthorization = true;
  }

  /** "METHOD path If-Match" of each request that reached the state, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** Changes a route's next hop behind the client's back, as another writer would. */
  synchronized void changeRouteBehindTheClientsBack(String tableId, String route, String nextHop) {
    Table table = tables.get(tableId.toLowerCase(Locale.ROOT));
    table.routes.get(route).put("nextHopIpAddress", nextHop);
    table.routeEtags.put(route, nextEtag());
    table.etag = nextEtag();
  }

  private String nextEtag() {
    return "W/\"" + (++etags) + "\"";
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        reply(exchange, 401, error("AuthenticationFailed", "the access token is invalid"));
        return;
      }
      if (echoAuthorization) {
        echoAuthorization = false;
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        reply(exchange, 400, error("InvalidHeader", "refused header Authorization: " + header));
        return;
      }
      int[] failure = scripted.poll();
      if (failure != null) {
        if (failure[1] >= 0) {
          exchange.getResponseHeaders().add("Retry-After", Integer.toString(failure[1]));
        }
        reply(exchange, failure[0], error("Throttled", "scripted failure"));
        return;
      }
      String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
      String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
      requests.add(method + " " + path + (ifMatch == null ? "" : " If-Match " + ifMatch));
      int routes = path.toLowerCase(Locale.ROOT).indexOf("/routes/");
      if (routes < 0) {
        handleTable(exchange, method, path, ifMatch, ifNoneMatch);
      } else {
        handleRoute(
            exchange,
            method,
            path.substring(0, routes),
            path.substring(routes + "/routes/".length()),
            ifMatch,
            ifNoneMatch);
      }
    }
  }

  private void handleTable(
      HttpExchange exchange, String method, String path, String ifMatch, String ifNoneMatch)
      throws IOException {
    String key = path.toLowerCase(Locale.ROOT);
    Table table = tables.get(key);
    if (method.equals("GET")) {
      reply(
          exchange,
          table == null ? 404 : 200,
          table == null ? error("ResourceNotFound", path) : render(table));
      return;
    }
    if (!method.equals("PUT")) {
      reply(exchange, 405, error("MethodNotAllowed", method));
      return;
    }
    if (!preconditionHolds(table == null ? null : table.etag, ifMatch, ifNoneMatch)) {
      reply(exchange, 412, error("PreconditionFailed", "the ETag does not match"));
      return;
    }
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    Table next = new Table();
    next.id = path;
    next.location = body.path("location").asText();
    next.disableBgpRoutePropagation =
        body.path("properties").path("disableBgpRoutePropagation").asBoolean();
    for (JsonNode route : body.path("properties").path("routes")) {
      next.routes.put(
          route.path("name").asText(), (ObjectNode) route.path("properties").deepCopy());
      next.routeEtags.put(route.path("name").asText(), nextEtag());
    }
    next.etag = nextEtag();
    tables.put(key, next);
    reply(exchange, table == null ? 201 : 200, render(next));
  }

  private void handleRoute(
      HttpExchange exchange,
      String method,
      String tablePath,
      String name,
      String ifMatch,
      String ifNoneMatch)
      throws IOException {
    Table table = tables.get(tablePath.toLowerCase(Locale.ROOT));
    if (table == null) {
      reply(exchange, 404, error("ResourceNotFound", tablePath));
      return;
    }
    if (!preconditionHolds(table.routeEtags.get(name), ifMatch, ifNoneMatch)) {
      reply(exchange, 412, error("PreconditionFailed", "the ETag does not match"));
      return;
    }
    if (method.equals("DELETE")) {
      boolean existed = table.routes.remove(name) != null;
      table.routeEtags.remove(name);
      table.etag = nextEtag();
      reply(exchange, existed ? 200 : 204, JSON.createObjectNode());
      return;
    }
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    for (Map.Entry<String, ObjectNode> other : table.routes.entrySet()) {
      if (!other.getKey().equals(name)
          && other
              .getValue()
              .path("addressPrefix")
              .equals(body.path("properties").path("addressPrefix"))) {
        reply(exchange, 400, error("RouteConflict", "Routes cannot have the same AddressPrefix"));
        return;
      }
    }
    boolean existed = table.routes.containsKey(name);
    table.routes.put(name, (ObjectNode) body.path("properties").deepCopy());
    table.routeEtags.put(name, nextEtag());
    table.etag = nextEtag();
    reply(exchange, existed ? 200 : 201, JSON.createObjectNode());
  }

  private static boolean preconditionHolds(String current, String ifMatch, String ifNoneMatch) {
    if ("*".equals(ifNoneMatch) && current != null) {
      return false;
    }
    return ifMatch == null || ifMatch.equals(current);
  }

  private ObjectNode render(Table table) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", table.id);
    node.put("name", table.id.substring(table.id.lastIndexOf('/') + 1));
    node.put("type", "Microsoft.Network/routeTables");
    node.put("location", table.location);
    node.put("etag", table.etag);
    ObjectNode properties = node.putObject("properties");
    properties.put("provisioningState", "Succeeded");
    properties.put("disableBgpRoutePropagation", table.disableBgpRoutePropagation);
    ArrayNode routes = properties.putArray("routes");
    table.routes.forEach(
        (name, props) -> {
          ObjectNode route = routes.addObject();
          route.put("id", table.id + "/routes/" + name);
          route.put("name", name);
          route.put("etag", table.routeEtags.get(name));
          route.put("type", "Microsoft.Network/routeTables/routes");
          route.set("properties", props.deepCopy().put("provisioningState", "Succeeded"));
        });
    return node;
  }

  private static ObjectNode error(String code, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.putObject("error").put("code", code).put("message", message);
    return node;
  }

  private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
