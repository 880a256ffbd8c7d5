package io.github.routeserver.netty.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.routeserver.core.net.AddressFamily;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * FRR's bgpd alone: no zebra ({@code -Z}, so every next hop counts as reachable and nothing reaches
 * the kernel), no vty TCP port ({@code -P 0}), {@code vtysh} on a socket in its directory. Each
 * route is a {@code network} statement with a route-map of its own that sets its attributes; the
 * session's outbound route-map sends only those (the AS_PATH is empty) and sets the next hop.
 */
final class FrrDaemon extends BgpDaemon {
  static final String BINARY = "/usr/lib/frr/bgpd";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> WELL_KNOWN =
      Map.of(
          "noAdvertise", ObservedRoute.NO_ADVERTISE,
          "noExport", "65535:65281",
          "localAs", "65535:65283",
          "noPeer", "65535:65284");

  private final Path bgpd;

  FrrDaemon(
      Path bgpd,
      String name,
      IpAddress address,
      int port,
      long asn,
      Peering peering,
      Path dir,
      Collection<TestRoute> routes) {
    super(name, address, port, asn, peering, dir, routes);
    this.bgpd = bgpd;
  }

  @Override
  void writeConfiguration() throws IOException {
    Peering p = peering;
    String server = p.server().toString();
    List<String> conf = new ArrayList<>();
    conf.add("frr defaults traditional");
    conf.add("hostname " + name);
    conf.add("log stdout informational");
    conf.add("!");
    conf.add("bgp as-path access-list originated permit ^$");
    for (TestRoute route : routes()) {
      conf.addAll(routeMap(route));
    }
    for (AddressFamily family : AddressFamily.values()) {
      conf.add("route-map " + toServer(family) + " permit 10");
      conf.add(" match as-path originated");
      conf.add(
          family == AddressFamily.IPV4
              ? " set ip next-hop " + nextHop(family)
              : " set ipv6 next-hop global " + nextHop(family));
    }
    conf.add("!");
    conf.add("router bgp " + asn);
    conf.add(" bgp router-id " + address);
    conf.add(" no bgp ebgp-requires-policy");
    conf.add(" no bgp network import-check");
    if (p.gracefulRestart().isPresent()) {
      conf.add(" bgp graceful-restart");
      conf.add(" bgp graceful-restart restart-time " + p.gracefulRestart().get().toSeconds());
      conf.add(" bgp graceful-restart preserve-fw-state");
    } else {
      conf.add(" bgp graceful-restart disable");
    }
    conf.add(" neighbor " + server + " remote-as " + p.serverAsn());
    conf.add(" neighbor " + server + " port " + p.serverPort());
    conf.add(" neighbor " + server + " update-source " + address);
    conf.add(" neighbor " + server + " ebgp-multihop 2");
    conf.add(
        " neighbor " + server + " timers " + Math.max(1, p.holdTime() / 3) + " " + p.holdTime());
    conf.add(" neighbor " + server + " timers connect 1");
    if (!p.daemonConnects()) {
      conf.add(" neighbor " + server + " passive");
    }
    for (AddressFamily family : AddressFamily.values()) {
      conf.add(" address-family " + afi(family) + " unicast");
      conf.add("  neighbor " + server + " activate");
      conf.add("  neighbor " + server + " route-map " + toServer(family) + " out");
      for (TestRoute route : routes()) {
        if (route.prefix().family() == family) {
          conf.add("  " + network(route));
        }
      }
      conf.add(" exit-address-family");
    }
    conf.add("!");
    Files.write(dir.resolve("bgpd.conf"), conf);
  }

  private static String afi(AddressFamily family) {
    return family == AddressFamily.IPV4 ? "ipv4" : "ipv6";
  }

  private static String toServer(AddressFamily family) {
    return "to_server_" + afi(family);
  }

  private static String network(TestRoute route) {
    return "network " + route.prefix() + " route-map " + routeMapName(route);
  }

  private static String routeMapName(TestRoute route) {
    return "route_" + route.prefix().toString().replaceAll("[^0-9a-f]", "_");
  }

  private static List<String> routeMap(TestRoute route) {
    return List.of(
        "route-map " + routeMapName(route) + " permit 10",
        " set metric " + route.med(),
        " set community " + route.community(),
        " set large-community " + route.largeCommunity(),
        " set extcommunity rt " + route.routeTarget().as() + ":" + route.routeTarget().value());
  }

  /** The next hop of the test routes of {@code family} (set per family by the outbound map). */
  private IpAddress nextHop(AddressFamily family) {
    IpAddress nextHop = null;
    for (TestRoute route : routes()) {
      if (route.prefix().family() == family) {
        if (nextHop != null && !nextHop.equals(route.nextHop())) {
          throw new IllegalArgumentException(name + ": one next hop per family: " + route);
        }
        nextHop = route.nextHop();
      }
    }
    int n = address.toIpv4Bits() & 0xFF;
    return nextHop != null
        ? nextHop
        : IpAddress.parse(
            family == AddressFamily.IPV4
                ? "198.51.100." + n
                : "2001:db8::" + Integer.toHexString(n));
  }

  @Override
  List<String> command() {
    // -S: no kernel routes; -u/-g root: no user frr, whose files these are not.
    return List.of(
        bgpd.toString(),
        "-f",
        dir.resolve("bgpd.conf").toString(),
        "-i",
        dir.resolve("bgpd.pid").toString(),
        "--vty_socket",
        dir.toString(),
        "-z",
        dir.resolve("zserv.api").toString(),
        "-A",
        "127.0.0.1",
        "-P",
        "0",
        "-p",
        Integer.toString(port),
        "-l",
        address.toString(),
        "-Z",
        "-S",
        "-u",
        "root",
        "-g",
        "root");
  }

  private String vtysh(String... commands) throws IOException, InterruptedException {
    List<String> line =
        new ArrayList<>(List.of("vtysh", "--vty_socket", dir.toString(), "-d", "bgpd"));
    for (String command : commands) {
      line.add("-c");
      line.add(command);
    }
    return cli(line);
  }

  private JsonNode json(String command) throws IOException, InterruptedException {
    return JSON.readTree(vtysh(command));
  }

  @Override
  boolean answers() throws Exception {
    return json("show bgp summary json").isObject();
  }

  @Override
  void originate(TestRoute route) throws IOException, InterruptedException {
    List<String> commands = new ArrayList<>(List.of("configure terminal"));
    commands.addAll(routeMap(route));
    commands.add("exit");
    commands.add("router bgp " + asn);
    commands.add("address-family " + afi(route.prefix().family()) + " unicast");
    commands.add(network(route));
    vtysh(commands.toArray(String[]::new));
  }

  @Override
  void stopOriginating(TestRoute route) throws IOException, InterruptedException {
    vtysh(
        "configure terminal",
        "router bgp " + asn,
        "address-family " + afi(route.prefix().family()) + " unicast",
        "no " + network(route));
  }

  private JsonNode neighbor() throws IOException, InterruptedException {
    return json("show bgp neighbors " + peering.server() + " json")
        .path(peering.server().toString());
  }

  @Override
  boolean isEstablished() throws Exception {
    return neighbor().path("bgpState").asText().equals("Established");
  }

  @Override
  String sessionStamp() throws Exception {
    return neighbor().path("connectionsEstablished").asText();
  }

  @Override
  Map<Prefix, ObservedRoute> routesFromServer() throws Exception {
    Map<Prefix, ObservedRoute> routes = new LinkedHashMap<>();
    for (AddressFamily family : AddressFamily.values()) {
      JsonNode table = json("show bgp " + afi(family) + " unicast json detail").path("routes");
      for (Map.Entry<String, JsonNode> destination : table.properties()) {
        for (JsonNode path : destination.getValue()) {
          if (path.has("aspath")
              && path.path("peer").path("peerId").asText().equals(peering.server().toString())) {
            Prefix prefix = Prefix.parse(destination.getKey());
            routes.put(prefix, observed(prefix, path));
          }
        }
      }
    }
    return routes;
  }

  private static ObservedRoute observed(Prefix prefix, JsonNode path) {
    List<Long> asPath = new ArrayList<>();
    for (JsonNode segment : path.path("aspath").path("segments")) {
      segment.path("list").forEach(asn -> asPath.add(asn.asLong()));
    }
    IpAddress nextHop = null;
    for (JsonNode hop : path.path("nexthops")) {
      if (nextHop == null || hop.path("scope").asText().equals("global")) {
        nextHop = IpAddress.parse(hop.path("ip").asText());
      }
    }
    if (nextHop == null) {
      throw new IllegalStateException("no next hop for " + prefix + ": " + path);
    }
    long med = path.has("metric") ? path.path("metric").asLong() : ObservedRoute.NO_MED;
    Set<String> communities = new HashSet<>();
    path.path("community")
        .path("list")
        .forEach(c -> communities.add(WELL_KNOWN.getOrDefault(c.asText(), c.asText())));
    Set<String> large = new HashSet<>();
    path.path("largeCommunity").path("list").forEach(c -> large.add(c.asText()));
    Set<String> extended = new HashSet<>();
    String text = path.path("extendedCommunity").path("string").asText("");
    for (String community : text.split(" ")) {
      if (!community.isEmpty()) {
        extended.add(community.toLowerCase(Locale.ROOT));
      }
    }
    return new ObservedRoute(prefix, asPath, nextHop, med, communities, large, extended);
  }

  @Override
  long prefixesFromServer() throws Exception {
    JsonNode summary = json("show bgp summary json");
    long total = 0;
    for (String family : List.of("ipv4Unicast", "ipv6Unicast")) {
      total +=
          summary
              .path(family)
              .path("peers")
              .path(peering.server().toString())
              .path("pfxRcd")
              .asLong();
    }
    return total;
  }

  @Override
  boolean requestRouteRefresh() throws Exception {
    for (AddressFamily family : AddressFamily.values()) {
      vtysh("clear bgp " + afi(family) + " unicast " + peering.server() + " soft in");
    }
    return true;
  }

  @Override
  long announcementsReceived() throws Exception {
    return neighbor().path("messageStats").path("updatesRecv").asLong();
  }
}
