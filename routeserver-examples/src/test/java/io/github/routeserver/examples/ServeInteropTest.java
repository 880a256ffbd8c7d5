package io.github.routeserver.examples;

import static io.github.routeserver.examples.EffectiveRouteRows.forPrefix;
import static io.github.routeserver.examples.EffectiveRouteRows.nextHops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.routeserver.bgp.interop.Daemon;
import io.github.routeserver.bgp.interop.DaemonCommands;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routeserver serve} started through {@code main} in its own JVM, with the commented sample
 * {@code config/routeserver.yaml} (only its ports and paths changed) and BIRD as the NVA nva1: the
 * effective routes of the sample topology are written as BIRD's routes arrive and rewritten as they
 * change, and SIGTERM gives BIRD a CEASE administrative shutdown and exits 0.
 */
@Tag("interop")
@Timeout(120)
class ServeInteropTest {
  private static final String SERVER = "127.0.0.1";
  private static final String NVA1 = "127.0.0.2";
  private static final String NVA1_AZURE = "10.0.2.4";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void writesBirdsRoutesAsEffectiveRoutesAndShutsDownWithCease() throws Exception {
    Optional<Path> bird = Daemon.find("bird", "/usr/sbin/bird", "/usr/local/sbin/bird");
    Daemon.assumeInstalled(bird.isPresent(), "BIRD");
    int serverPort = freePort(SERVER);
    Path config = sampleConfig(serverPort);
    Path output = dir.resolve("effective-routes");
    Path birdDir = Files.createDirectories(dir.resolve("bird"));
    writeBirdConfig(
        birdDir, freePort(NVA1), serverPort, List.of("0.0.0.0/0", "10.100.0.0/16", "10.0.9.0/24"));

    Process serve = startServe(config);
    try (Daemon nva1 =
        Daemon.start("BIRD nva1", birdDir, DaemonCommands.bird(bird.get(), birdDir))) {
      Path app = output.resolve("spoke.app.json");
      // The files exist as soon as serve runs, with system routes only...
      await("serve writes the effective routes of spoke/app", serve, () -> Files.exists(app));
      // ...and are rewritten when BIRD's routes arrive: its default route and branches, with
      // the Azure next hop it set; not its prefix inside the hub (VNet-overlap filter).
      await(
          "BIRD's routes are in the effective routes of spoke/app",
          serve,
          () -> nextHops(active(app, "10.100.0.0/16")).equals(Set.of(NVA1_AZURE)));
      assertEquals(Set.of(NVA1_AZURE), nextHops(active(app, "0.0.0.0/0")));
      assertEquals(List.of(), forPrefix(rows(app), "10.0.9.0/24"));
      assertEquals(1, forPrefix(rows(app), "0.0.0.0/0", "Default", "Invalid").size());
      try (Stream<Path> files = Files.list(output)) {
        assertEquals(
            Set.of(
                "hub.GatewaySubnet.json",
                "hub.RouteServerSubnet.json",
                "hub.nva.json",
                "spoke.app.json",
                "spoke.data.json"),
            Set.copyOf(files.map(f -> f.getFileName().toString()).toList()),
            "one file per subnet, no temporary file left");
      }

      // BIRD withdraws the branches: the file is rewritten without them.
      writeBirdConfig(birdDir, -1, serverPort, List.of("0.0.0.0/0", "10.0.9.0/24"));
      String reconfigured = birdc(birdDir, "configure");
      assertTrue(reconfigured.contains("Reconfigured"), reconfigured);
      await(
          "the withdrawn branches leave spoke/app",
          serve,
          () -> forPrefix(rows(app), "10.100.0.0/16").isEmpty());
      assertEquals(Set.of(NVA1_AZURE), nextHops(active(app, "0.0.0.0/0")));

      // SIGTERM: a CEASE to BIRD, then exit 0.
      serve.destroy();
      assertTrue(serve.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "serve stops");
      assertEquals(0, serve.exitValue(), log());
      await(
          "BIRD logs the administrative shutdown it received",
          null,
          () -> nva1.log().contains("Received: Administrative shutdown"));
      String log = log();
      assertTrue(log.contains("BGP peer nva1: OPEN_CONFIRM -> ESTABLISHED"), log);
      assertTrue(log.contains("SIGTERM"), log);
    } finally {
      serve.destroyForcibly();
      serve.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * The sample configuration with free ports and the sample topology's absolute path, in the
   * temporary directory: its relative output directory is there too.
   */
  private Path sampleConfig(int serverPort) throws IOException {
    String yaml = Files.readString(Path.of("config/routeserver.yaml"));
    yaml = replace(yaml, "port: 1790 ", "port: " + serverPort + " ");
    yaml = replace(yaml, "port: 1791 ", "port: " + freePort("127.0.0.3") + " ");
    yaml =
        replace(
            yaml,
            "topology: hub-and-spoke.json",
            "topology: " + Path.of("config/hub-and-spoke.json").toAbsolutePath());
    Path config = dir.resolve("routeserver.yaml");
    Files.writeString(config, yaml);
    return config;
  }

  private static String replace(String text, String from, String to) {
    assertTrue(text.contains(from), "the sample has '" + from + "'");
    return text.replace(from, to);
  }

  private Process startServe(Path config) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    return new ProcessBuilder(
            java,
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
            "-cp",
            System.getProperty("java.class.path"),
            RouteServerCommand.class.getName(),
            "serve",
            "--config",
            config.toString())
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("serve.log").toFile())
        .start();
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("serve.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /**
   * BIRD as nva1: AS 65001 at 127.0.0.2, connecting to serve, advertising {@code prefixes} with
   * NVA1's Azure address as next hop. A negative {@code port} keeps the one of the last call.
   */
  private static void writeBirdConfig(Path birdDir, int port, int serverPort, List<String> prefixes)
      throws IOException {
    Path portFile = birdDir.resolve("port");
    if (port >= 0) {
      Files.writeString(portFile, Integer.toString(port));
    }
    StringBuilder conf = new StringBuilder();
    conf.append("log stderr all;\n");
    conf.append("router id ").append(NVA1_AZURE).append(";\n");
    conf.append("protocol static originated {\n  ipv4;\n");
    prefixes.forEach(p -> conf.append("  route ").append(p).append(" blackhole;\n"));
    conf.append("}\n");
    conf.append("protocol bgp server {\n");
    conf.append("  local ").append(NVA1).append(" port ").append(Files.readString(portFile));
    conf.append(" as 65001;\n");
    conf.append("  neighbor ").append(SERVER).append(" port ").append(serverPort);
    conf.append(" as 65515;\n");
    // BIRD refuses single-hop eBGP to a 127/8 neighbour; Azure Route Server needs multihop too.
    conf.append("  strict bind yes;\n  multihop;\n  passive off;\n");
    conf.append("  hold time 9;\n  keepalive time 3;\n");
    conf.append("  connect delay time 1;\n  connect retry time 1;\n  error wait time 1, 2;\n");
    conf.append("  ipv4 { import all; export where source = RTS_STATIC;");
    conf.append(" next hop address ").append(NVA1_AZURE).append("; };\n");
    conf.append("}\n");
    Files.writeString(birdDir.resolve("bird.conf"), conf);
  }

  private static String birdc(Path birdDir, String... command) throws Exception {
    Path birdc = Daemon.find("birdc", "/usr/sbin/birdc", "/usr/local/sbin/birdc").orElseThrow();
    List<String> line =
        new ArrayList<>(List.of(birdc.toString(), "-s", birdDir.resolve("bird.ctl").toString()));
    line.addAll(List.of(command));
    return Daemon.run(birdDir, Duration.ofSeconds(10), line);
  }

  private static List<EffectiveRouteRows> rows(Path file) throws IOException {
    JsonNode table = new ObjectMapper().readTree(file.toFile());
    Map<String, List<EffectiveRouteRows>> one =
        EffectiveRouteRows.bySubnet(
            new ObjectMapper().createObjectNode().set("x/virtualNetworks/v/subnets/s", table));
    return one.values().iterator().next();
  }

  private static List<EffectiveRouteRows> active(Path file, String prefix) throws IOException {
    return forPrefix(rows(file), prefix, "VirtualNetworkGateway", "Active");
  }

  /** A condition that may throw while the files or daemons are not ready yet. */
  private interface Condition {
    boolean holds() throws Exception;
  }

  /** Polls {@code condition} every 100 ms for {@link #TIMEOUT}; fails early if serve exits. */
  private void await(String what, Process serve, Condition condition) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      if (serve != null && !serve.isAlive()) {
        throw new AssertionError("serve exited with " + serve.exitValue() + ":\n" + log());
      }
      try {
        if (condition.holds()) {
          return;
        }
      } catch (Exception e) {
        last = e; // a file being replaced, a daemon still starting: try again
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting until " + what + ":\n" + log(), last);
  }

  private static int freePort(String address) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      return socket.getLocalPort();
    }
  }
}
