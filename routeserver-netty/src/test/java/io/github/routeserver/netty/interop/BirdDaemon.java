package io.github.routeserver.netty.interop;

import io.github.routeserver.bgp.interop.DaemonCommands;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * BIRD 2 ({@code bird -f}, {@code birdc}). Its routes are static routes whose attributes the
 * session's export filter sets; runtime changes rewrite the configuration and {@code birdc
 * configure}, which re-exports what changed without resetting the session. BIRD refuses single-hop
 * eBGP to a 127/8 neighbour, hence {@code multihop}; the next hops it learns then stay unresolved
 * ("unreachable") but are kept and shown.
 */
final class BirdDaemon extends BgpDaemon {
  static final String BINARY = "bird";
  private static final String SESSION = "server";
  private static final Pattern ROUTE_LINE = Pattern.compile("^([0-9a-f.:]+/\\d+)\\s.*");
  private static final Pattern NUMBER = Pattern.compile("\\d+");
  private static final Pattern IMPORTED =
      Pattern.compile("^([0-9a-f.:]+/\\d+)\\s.*\\[" + SESSION + " ([^\\]]+)\\].*");

  private final Path bird;
  private final Path birdc;
  private List<Prefix> bulkTable = List.of();
  private boolean fourOctetAs = true;
  private List<Long> prepended = List.of();
  private @Nullable String md5Password;
  private boolean ttlSecurity;

  BirdDaemon(
      Path bird,
      String name,
      IpAddress address,
      int port,
      long asn,
      Peering peering,
      Path dir,
      Collection<TestRoute> routes) {
    super(name, address, port, asn, peering, dir, routes);
    this.bird = bird;
    this.birdc = bird.resolveSibling("birdc");
  }

  /**
   * Also originates {@code prefixes} (IPv4), with no attributes but the next hop of the test
   * routes: BIRD loads a static protocol of a million routes in about a second.
   */
  void originateBulk(List<Prefix> prefixes) {
    bulkTable = List.copyOf(prefixes);
  }

  /**
   * Makes BIRD an "OLD" speaker on its session with the server (RFC 6793): no 4-octet AS
   * capability, so 4-octet AS numbers cross that session as AS_TRANS with AS4_PATH alongside.
   */
  void speakTwoOctetAsOnly() {
    fourOctetAs = false;
  }

  /** Prepends {@code asns} to the AS_PATH of every route it originates (before its own AS). */
  void prependToOriginated(List<Long> asns) {
    prepended = List.copyOf(asns);
  }

  /** Signs its session with TCP MD5 (RFC 2385) under {@code password}. */
  void signWithMd5(String password) {
    md5Password = password;
  }

  /**
   * Turns GTSM (RFC 5082) on for its session: it sends with TTL 255 and has the kernel drop what
   * arrives with less than its multihop count allows.
   */
  void useTtlSecurity() {
    ttlSecurity = true;
  }

  @Override
  void writeConfiguration() throws IOException {
    StringBuilder conf = new StringBuilder();
    conf.append("log stderr { info, warning, error, fatal };\n");
    conf.append("timeformat protocol iso long ms;\n");
    conf.append("timeformat route iso long ms;\n");
    conf.append("router id ").append(address).append(";\n");
    appendStatic(conf, AddressFamily.IPV4, "ipv4");
    appendStatic(conf, AddressFamily.IPV6, "ipv6");
    appendExportFilter(conf);
    if (!bulkTable.isEmpty()) {
      conf.append("protocol static bulk {\n  ipv4;\n");
      for (Prefix prefix : bulkTable) {
        conf.append("  route ").append(prefix).append(" blackhole;\n");
      }
      conf.append("}\n");
    }
    Peering p = peering;
    conf.append("protocol bgp ").append(SESSION).append(" {\n");
    conf.append("  local ").append(address).append(" port ").append(port);
    conf.append(" as ").append(asn).append(";\n");
    conf.append("  neighbor ").append(p.server()).append(" port ").append(p.serverPort());
    conf.append(" as ").append(p.serverAsn()).append(";\n");
    conf.append("  strict bind yes;\n  multihop;\n");
    if (!fourOctetAs) {
      conf.append("  enable as4 off;\n");
    }
    if (md5Password != null) {
      conf.append("  password \"").append(md5Password).append("\";\n");
    }
    if (ttlSecurity) {
      conf.append("  ttl security on;\n");
    }
    conf.append("  passive ").append(p.daemonConnects() ? "off" : "on").append(";\n");
    conf.append("  hold time ").append(p.holdTime()).append(";\n");
    conf.append("  keepalive time ").append(Math.max(1, p.holdTime() / 3)).append(";\n");
    conf.append("  connect delay time 1;\n  connect retry time 1;\n  error wait time 1, 2;\n");
    if (p.gracefulRestart().isPresent()) {
      conf.append("  graceful restart on;\n  graceful restart time ");
      conf.append(p.gracefulRestart().get().toSeconds()).append(";\n");
    } else {
      conf.append("  graceful restart off;\n");
    }
    conf.append("  ipv4 { import all; export filter to_server;");
    conf.append(" next hop address ").append(nextHop(AddressFamily.IPV4)).append("; };\n");
    conf.append("  ipv6 { import all; export filter to_server;");
    conf.append(" next hop address ").append(nextHop(AddressFamily.IPV6)).append("; };\n");
    conf.append("}\n");
    Files.writeString(dir.resolve("bird.conf"), conf);
  }

  /** The next hop of the test routes of {@code family} (BIRD sets it per session and family). */
  private IpAddress nextHop(AddressFamily family) {
    for (TestRoute route : routes()) {
      if (route.prefix().family() == family) {
        return route.nextHop();
      }
    }
    int n = address.toIpv4Bits() & 0xFF;
    return IpAddress.parse(
        family == AddressFamily.IPV4 ? "198.51.100." + n : "2001:db8::" + Integer.toHexString(n));
  }

  private void appendStatic(StringBuilder conf, AddressFamily family, String channel) {
    conf.append("protocol static routes_").append(channel).append(" {\n  ");
    conf.append(channel).append(";\n");
    for (TestRoute route : routes()) {
      if (route.prefix().family() == family) {
        if (!route.nextHop().equals(nextHop(family))) {
          throw new IllegalArgumentException(name + ": one next hop per family: " + route);
        }
        conf.append("  route ").append(route.prefix()).append(" blackhole;\n");
      }
    }
    conf.append("}\n");
  }

  /**
   * The export filter towards the server: static routes only, each with its attributes. They are
   * set here rather than on the static route because BIRD sends an eBGP peer only the MED that its
   * export filter set.
   */
  private void appendExportFilter(StringBuilder conf) {
    conf.append("filter to_server {\n  if source != RTS_STATIC then reject;\n");
    for (int i = prepended.size() - 1; i >= 0; i--) {
      conf.append("  bgp_path.prepend(").append(prepended.get(i)).append(");\n");
    }
    for (TestRoute route : routes()) {
      conf.append("  if net = ").append(route.prefix()).append(" then {");
      conf.append(" bgp_med = ").append(route.med()).append(";");
      conf.append(" bgp_community.add((").append(route.community().as()).append(", ");
      conf.append(route.community().value()).append("));");
      conf.append(" bgp_large_community.add((").append(route.largeCommunity().global());
      conf.append(", ").append(route.largeCommunity().local1()).append(", ");
      conf.append(route.largeCommunity().local2()).append("));");
      conf.append(" bgp_ext_community.add((rt, ").append(route.routeTarget().as()).append(", ");
      conf.append(route.routeTarget().value()).append("));");
      conf.append(" }\n");
    }
    conf.append("  accept;\n}\n");
  }

  @Override
  List<String> command() {
    return DaemonCommands.bird(bird, dir);
  }

  private String birdc(String... command) throws IOException, InterruptedException {
    List<String> line =
        new ArrayList<>(List.of(birdc.toString(), "-s", dir.resolve("bird.ctl").toString()));
    line.addAll(List.of(command));
    return cli(line);
  }

  @Override
  boolean answers() throws Exception {
    return birdc("show", "status").contains("Daemon is up");
  }

  @Override
  void originate(TestRoute route) throws IOException, InterruptedException {
    reconfigure();
  }

  @Override
  void stopOriginating(TestRoute route) throws IOException, InterruptedException {
    reconfigure();
  }

  private void reconfigure() throws IOException, InterruptedException {
    writeConfiguration();
    String out = birdc("configure");
    if (!out.contains("Reconfigured")) {
      throw new IOException(name + ": birdc configure said: " + out);
    }
  }

  /** Wakes BIRD's main loop: BIRD 2.0 holds the last chunk of a table dump until it wakes. */
  void poke() throws IOException, InterruptedException {
    birdc("show", "status");
  }

  @Override
  boolean isEstablished() throws Exception {
    return birdc("show", "protocols", SESSION).contains("Established");
  }

  @Override
  String sessionStamp() throws Exception {
    for (String line : birdc("show", "protocols", SESSION).split("\n")) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length >= 5 && fields[0].equals(SESSION)) {
        return fields[4] + " " + (fields.length > 5 ? fields[5] : "");
      }
    }
    throw new IOException(name + ": no protocol " + SESSION);
  }

  /**
   * BIRD prints the time of the session's last change through the current offset of its real-time
   * clock from its monotonic one, so the same instant can read a millisecond apart; a new session
   * takes far longer than that (BIRD waits seconds before it connects again).
   */
  @Override
  boolean isSameSession(String before, String after) {
    DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    try {
      Duration apart =
          Duration.between(
              LocalDateTime.parse(before.trim(), format),
              LocalDateTime.parse(after.trim(), format));
      return apart.abs().toMillis() <= 10;
    } catch (DateTimeParseException e) {
      return before.equals(after);
    }
  }

  @Override
  Map<Prefix, ObservedRoute> routesFromServer() throws Exception {
    Map<Prefix, ObservedRoute> routes = new LinkedHashMap<>();
    RouteText route = null;
    for (String line : birdc("show", "route", "all", "protocol", SESSION).split("\n")) {
      Matcher start = ROUTE_LINE.matcher(line);
      if (start.matches()) {
        if (route != null) {
          routes.put(route.prefix, route.build());
        }
        route = new RouteText(Prefix.parse(start.group(1)));
      } else if (route != null) {
        route.attribute(line.trim());
      }
    }
    if (route != null) {
      routes.put(route.prefix, route.build());
    }
    return routes;
  }

  /**
   * Whether BIRD keeps the server's routes as a receiving speaker of graceful restart (RFC 4724
   * section 4.2): from when the connection drops until the server's End-of-RIB of each family.
   */
  boolean keepsServerRoutesStale() throws Exception {
    String protocol = birdc("show", "protocols", "all", SESSION);
    // "Neighbor graceful restart active" while the session is down, and "Neighbor GR: ..." on
    // each channel until that channel's End-of-RIB.
    return protocol.contains("Neighbor graceful restart active")
        || protocol.contains("Neighbor GR:");
  }

  /**
   * When BIRD imported each route it holds from the server, to the millisecond: a route the server
   * sends again unchanged keeps its time, one that BIRD removed and learned again gets a new one.
   */
  Map<Prefix, String> importTimesFromServer() throws Exception {
    Map<Prefix, String> times = new LinkedHashMap<>();
    for (String line : birdc("show", "route", "protocol", SESSION).split("\n")) {
      Matcher route = IMPORTED.matcher(line);
      if (route.matches()) {
        times.put(Prefix.parse(route.group(1)), route.group(2));
      }
    }
    return times;
  }

  /** One route of {@code show route all}, attribute line by attribute line. */
  private static final class RouteText {
    final Prefix prefix;
    final List<Long> asPath = new ArrayList<>();
    IpAddress nextHop;
    long med = ObservedRoute.NO_MED;
    final Set<String> communities = new HashSet<>();
    final Set<String> large = new HashSet<>();
    final Set<String> extended = new HashSet<>();

    RouteText(Prefix prefix) {
      this.prefix = prefix;
    }

    void attribute(String line) {
      int colon = line.indexOf(": ");
      if (colon < 0) {
        return;
      }
      String key = line.substring(0, colon);
      String value = line.substring(colon + 2).trim();
      switch (key) {
        case "BGP.as_path" -> numbers(value).forEach(asPath::add);
        case "BGP.next_hop" -> nextHop = IpAddress.parse(value.split("\\s+")[0]);
        case "BGP.med" -> med = Long.parseLong(value);
        case "BGP.community" -> tuples(value, communities, ":");
        case "BGP.large_community" -> tuples(value, large, ":");
        case "BGP.ext_community" -> tuples(value, extended, ":");
        default -> {}
      }
    }

    /** {@code (65001,100) (65535,65282)} or {@code (rt, 65001, 7)}: each tuple joined by ":". */
    private static void tuples(String value, Set<String> into, String separator) {
      Matcher tuple = Pattern.compile("\\(([^)]*)\\)").matcher(value);
      while (tuple.find()) {
        into.add(String.join(separator, tuple.group(1).trim().split("\\s*,\\s*")));
      }
    }

    private static List<Long> numbers(String value) {
      List<Long> out = new ArrayList<>();
      Matcher number = NUMBER.matcher(value);
      while (number.find()) {
        out.add(Long.parseLong(number.group()));
      }
      return out;
    }

    ObservedRoute build() {
      if (nextHop == null) {
        throw new IllegalStateException("no BGP.next_hop for " + prefix);
      }
      return new ObservedRoute(prefix, asPath, nextHop, med, communities, large, extended);
    }
  }

  @Override
  long prefixesFromServer() throws Exception {
    long total = 0;
    for (String line : birdc("show", "protocols", "all", SESSION).split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("Routes:")) {
        total += Long.parseLong(trimmed.split("\\s+")[1]);
      }
    }
    return total;
  }

  @Override
  boolean requestRouteRefresh() throws Exception {
    String out = birdc("reload", "in", SESSION);
    if (!out.contains("reloading")) {
      throw new IOException(name + ": birdc reload in said: " + out);
    }
    return true;
  }

  @Override
  long announcementsReceived() throws Exception {
    long total = 0;
    for (String line : birdc("show", "protocols", "all", SESSION).split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("Import updates:")) {
        total += Long.parseLong(trimmed.split("\\s+")[2]);
      }
    }
    return total;
  }
}
