package io.github.routeserver.netty.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GoBGP ({@code gobgpd}, {@code gobgp}), its API on a unix socket in its directory (never gRPC on
 * :50051, never pprof). Its routes are added through the CLI while its neighbour is still
 * administratively down, then the neighbour is enabled, so that a restarted GoBGP never sends
 * End-of-RIB before its routes.
 *
 * <p>GoBGP 3.10 never sends ROUTE-REFRESH: {@code gobgp neighbor X softresetin} re-applies the
 * import policy to the Adj-RIB-In it always keeps.
 */
final class GobgpDaemon extends BgpDaemon {
  static final String BINARY = "gobgpd";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ESTABLISHED = 6;

  private final Path gobgpd;
  private final Path gobgp;

  GobgpDaemon(
      Path gobgpd,
      String name,
      IpAddress address,
      int port,
      long asn,
      Peering peering,
      Path dir,
      Collection<TestRoute> routes) {
    super(name, address, port, asn, peering, dir, routes);
    this.gobgpd = gobgpd;
    this.gobgp = gobgpd.resolveSibling("gobgp");
  }

  @Override
  void writeConfiguration() throws IOException {
    Peering p = peering;
    StringBuilder conf = new StringBuilder();
    conf.append("[global.config]\n");
    conf.append("  as = ").append(asn).append("\n");
    conf.append("  router-id = \"").append(address).append("\"\n");
    conf.append("  port = ").append(port).append("\n");
    conf.append("  local-address-list = [\"").append(address).append("\"]\n");
    conf.append("[[neighbors]]\n");
    conf.append("  [neighbors.config]\n");
    conf.append("    neighbor-address = \"").append(p.server()).append("\"\n");
    conf.append("    peer-as = ").append(p.serverAsn()).append("\n");
    conf.append("    admin-down = true\n");
    conf.append("  [neighbors.timers.config]\n");
    conf.append("    connect-retry = 1\n");
    conf.append("    hold-time = ").append(p.holdTime()).append("\n");
    conf.append("    keepalive-interval = ").append(Math.max(1, p.holdTime() / 3)).append("\n");
    conf.append("    idle-hold-time-after-reset = 1\n");
    conf.append("  [neighbors.transport.config]\n");
    conf.append("    local-address = \"").append(address).append("\"\n");
    conf.append("    remote-port = ").append(p.serverPort()).append("\n");
    conf.append("    passive-mode = ").append(!p.daemonConnects()).append("\n");
    conf.append("  [neighbors.ebgp-multihop.config]\n");
    conf.append("    enabled = true\n");
    conf.append("    multihop-ttl = 2\n");
    if (p.gracefulRestart().isPresent()) {
      conf.append("  [neighbors.graceful-restart.config]\n");
      conf.append("    enabled = true\n");
      conf.append("    restart-time = ").append(p.gracefulRestart().get().toSeconds()).append("\n");
    }
    for (String family : List.of("ipv4-unicast", "ipv6-unicast")) {
      conf.append("  [[neighbors.afi-safis]]\n");
      conf.append("    [neighbors.afi-safis.config]\n");
      conf.append("      afi-safi-name = \"").append(family).append("\"\n");
      if (p.gracefulRestart().isPresent()) {
        conf.append("    [neighbors.afi-safis.mp-graceful-restart.config]\n");
        conf.append("      enabled = true\n");
      }
    }
    Files.writeString(dir.resolve("gobgpd.toml"), conf);
  }

  /** A killed gobgpd leaves its API socket, and gobgpd does not listen where a file exists. */
  @Override
  void removeLeftovers() throws IOException {
    Files.deleteIfExists(dir.resolve("gobgp.sock"));
  }

  @Override
  List<String> command() {
    return List.of(
        gobgpd.toString(),
        "-f",
        dir.resolve("gobgpd.toml").toString(),
        "--api-hosts",
        api(),
        "--pprof-disable",
        "-p");
  }

  private String api() {
    return "unix://" + dir.resolve("gobgp.sock");
  }

  private String gobgp(String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>(List.of(gobgp.toString(), "--target", api()));
    line.addAll(List.of(command));
    return cli(line);
  }

  @Override
  boolean answers() throws Exception {
    return gobgp("global").contains("AS:");
  }

  @Override
  void started() throws IOException, InterruptedException {
    for (TestRoute route : routes()) {
      originate(route);
    }
    gobgp("neighbor", peering.server().toString(), "enable");
  }

  @Override
  void originate(TestRoute route) throws IOException, InterruptedException {
    gobgp(
        "global",
        "rib",
        "add",
        "-a",
        family(route.prefix()),
        route.prefix().toString(),
        "nexthop",
        route.nextHop().toString(),
        "origin",
        "igp",
        "med",
        Long.toString(route.med()),
        "community",
        route.community().toString(),
        "large-community",
        route.largeCommunity().toString(),
        "rt",
        route.routeTarget().as() + ":" + route.routeTarget().value());
  }

  @Override
  void stopOriginating(TestRoute route) throws IOException, InterruptedException {
    gobgp("global", "rib", "del", "-a", family(route.prefix()), route.prefix().toString());
  }

  private static String family(Prefix prefix) {
    return prefix.isIpv4() ? "ipv4" : "ipv6";
  }

  private JsonNode neighbor() throws IOException, InterruptedException {
    for (JsonNode neighbor : JSON.readTree(gobgp("neighbor", "-j"))) {
      if (neighbor
          .path("conf")
          .path("neighbor_address")
          .asText()
          .equals(peering.server().toString())) {
        return neighbor;
      }
    }
    throw new IOException(name + ": no neighbour " + peering.server());
  }

  @Override
  boolean isEstablished() throws Exception {
    return neighbor().path("state").path("session_state").asInt() == ESTABLISHED;
  }

  @Override
  String sessionStamp() throws Exception {
    return neighbor().path("timers").path("state").path("uptime").toString();
  }

  @Override
  Map<Prefix, ObservedRoute> routesFromServer() throws Exception {
    Map<Prefix, ObservedRoute> routes = new LinkedHashMap<>();
    for (String family : List.of("ipv4", "ipv6")) {
      JsonNode rib = JSON.readTree(gobgp("global", "rib", "-a", family, "-j"));
      for (Map.Entry<String, JsonNode> destination : rib.properties()) {
        for (JsonNode path : destination.getValue()) {
          if (path.path("neighbor-ip").asText().equals(peering.server().toString())) {
            Prefix prefix = Prefix.parse(destination.getKey());
            routes.put(prefix, observed(prefix, path.path("attrs")));
          }
        }
      }
    }
    return routes;
  }

  /** A path's attributes as {@code gobgp -j} prints them: type codes and GoBGP's own fields. */
  private static ObservedRoute observed(Prefix prefix, JsonNode attributes) {
    List<Long> asPath = new ArrayList<>();
    IpAddress nextHop = null;
    long med = ObservedRoute.NO_MED;
    Set<String> communities = new HashSet<>();
    Set<String> large = new HashSet<>();
    Set<String> extended = new HashSet<>();
    for (JsonNode attribute : attributes) {
      switch (attribute.path("type").asInt()) {
        case 2 -> {
          for (JsonNode segment : attribute.path("as_paths")) {
            segment.path("asns").forEach(asn -> asPath.add(asn.asLong()));
          }
        }
        case 3, 14 -> nextHop = IpAddress.parse(attribute.path("nexthop").asText());
        case 4 -> med = attribute.path("metric").asLong();
        case 8 ->
            attribute
                .path("communities")
                .forEach(c -> communities.add(ObservedRoute.community(c.asLong())));
        case 16 -> {
          for (JsonNode community : attribute.path("value")) {
            // Subtype 2 is a route target, whatever the type (2-octet AS, IPv4, 4-octet AS).
            String kind = community.path("subtype").asInt() == 2 ? "rt" : "ext";
            extended.add(kind + ":" + community.path("value").asText());
          }
        }
        case 32 -> {
          for (JsonNode community : attribute.path("value")) {
            large.add(
                community.path("ASN").asLong()
                    + ":"
                    + community.path("LocalData1").asLong()
                    + ":"
                    + community.path("LocalData2").asLong());
          }
        }
        default -> {}
      }
    }
    if (nextHop == null) {
      throw new IllegalStateException("no next hop for " + prefix + ": " + attributes);
    }
    return new ObservedRoute(prefix, asPath, nextHop, med, communities, large, extended);
  }

  @Override
  long prefixesFromServer() throws Exception {
    long total = 0;
    for (JsonNode family : neighbor().path("afi_safis")) {
      total += family.path("state").path("accepted").asLong();
    }
    return total;
  }

  @Override
  boolean requestRouteRefresh() {
    return false;
  }

  @Override
  long announcementsReceived() throws Exception {
    return neighbor().path("state").path("messages").path("received").path("update").asLong();
  }
}
