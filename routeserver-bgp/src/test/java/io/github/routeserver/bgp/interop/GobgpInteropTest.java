package io.github.routeserver.bgp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.routeserver.core.net.Prefix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GoBGP announces IPv4 and IPv6 routes, added through its CLI, to the test speaker. */
@Tag("interop")
class GobgpInteropTest {
  private static final long ASN = 65030;
  private static final String NETWORK = TestSpeaker.loopbackNetwork();
  private static final String GOBGP_ADDRESS = NETWORK + "1";
  private static final String SPEAKER_ADDRESS = NETWORK + "2";
  private static final int PORT = 17930;
  private static final Prefix IPV4 = Prefix.parse("198.51.100.0/24");
  private static final Prefix IPV6 = Prefix.parse("2001:db8:130::/48");

  @Test
  void decodesEveryMessageGobgpSends(@TempDir Path dir) throws Exception {
    Optional<Path> gobgpd = Daemon.find("gobgpd");
    Optional<Path> gobgp = Daemon.find("gobgp");
    Daemon.assumeInstalled(gobgpd.isPresent() && gobgp.isPresent(), "gobgpd or gobgp");
    Files.writeString(
        dir.resolve("gobgpd.toml"),
        """
        [global.config]
          as = %d
          router-id = "192.0.2.30"
          port = %d
          local-address-list = ["%s"]
        [[neighbors]]
          [neighbors.config]
            neighbor-address = "%s"
            peer-as = %d
          [neighbors.transport.config]
            local-address = "%s"
            passive-mode = true
          [neighbors.ebgp-multihop.config]
            enabled = true
            multihop-ttl = 2
          [[neighbors.afi-safis]]
            [neighbors.afi-safis.config]
              afi-safi-name = "ipv4-unicast"
          [[neighbors.afi-safis]]
            [neighbors.afi-safis.config]
              afi-safi-name = "ipv6-unicast"
        """
            .formatted(ASN, PORT, GOBGP_ADDRESS, SPEAKER_ADDRESS, 65020, GOBGP_ADDRESS));
    // The API on a unix socket in the test directory: never gRPC on :50051, never pprof.
    String api = "unix://" + dir.resolve("gobgp.sock");
    List<String> command =
        List.of(
            gobgpd.get().toString(),
            "-f",
            dir.resolve("gobgpd.toml").toString(),
            "--api-hosts",
            api,
            "--pprof-disable",
            "-p");

    Received received;
    try (Daemon daemon = Daemon.start("gobgpd", dir, command)) {
      String attributes = "med 50 community 65030:100 large-community 65030:1:2 rt 65030:7";
      addRoute(dir, gobgp.get(), api, "ipv4 " + IPV4 + " nexthop 192.0.2.30 " + attributes);
      addRoute(dir, gobgp.get(), api, "ipv6 " + IPV6 + " nexthop 2001:db8::30 " + attributes);
      received = TestSpeaker.exchange(daemon, SPEAKER_ADDRESS, GOBGP_ADDRESS, PORT, IPV4, IPV6);
    }

    assertEquals(List.of(), received.errors());
    received.assertOpen(ASN);
    received.assertRoute(IPV4, ASN, true);
    received.assertRoute(IPV6, ASN, true);
  }

  /** Adds a route with the CLI, retrying while gobgpd starts its API (at most ten seconds). */
  private static void addRoute(Path dir, Path gobgp, String api, String route)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(gobgp.toString(), "--target", api));
    command.addAll(List.of("global", "rib", "add", "-a"));
    command.addAll(List.of(route.split(" ")));
    IOException last = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        Daemon.run(dir, Duration.ofSeconds(10), command);
        return;
      } catch (IOException e) {
        last = e;
        Thread.sleep(200);
      }
    }
    throw last;
  }
}
