package io.github.routeserver.bgp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.routeserver.bgp.wire.AddPathCapability;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.core.net.Prefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BIRD 2 announces IPv4 (with ADD-PATH) and IPv6 routes to the test speaker. */
@Tag("interop")
class BirdInteropTest {
  private static final long ASN = 65010;
  private static final String NETWORK = TestSpeaker.loopbackNetwork();
  private static final String BIRD_ADDRESS = NETWORK + "1";
  private static final String SPEAKER_ADDRESS = NETWORK + "2";
  private static final int PORT = 17910;
  private static final Prefix IPV4 = Prefix.parse("198.51.100.0/24");
  private static final Prefix IPV6 = Prefix.parse("2001:db8:110::/48");

  @Test
  void decodesEveryMessageBirdSends(@TempDir Path dir) throws Exception {
    Optional<Path> bird = Daemon.find("bird", "/usr/sbin/bird");
    assumeTrue(bird.isPresent(), "bird is not installed");
    Files.writeString(
        dir.resolve("bird.conf"),
        """
        log stderr all;
        router id 192.0.2.10;
        protocol device { }
        protocol static static4 { ipv4; route %s blackhole; }
        protocol static static6 { ipv6; route %s blackhole; }
        filter interop_attributes {
          bgp_med = 50;
          bgp_community.add((%d, 100));
          bgp_large_community.add((%d, 1, 2));
          bgp_ext_community.add((rt, %d, 7));
          accept;
        }
        protocol bgp tester {
          local %s port %d as %d;
          neighbor %s as %d;
          strict bind yes; multihop; passive on;
          ipv4 { import none; export filter interop_attributes; next hop address 192.0.2.10; add paths tx; };
          ipv6 { import none; export filter interop_attributes; next hop address 2001:db8::10; };
        }
        """
            .formatted(
                IPV4,
                IPV6,
                ASN,
                ASN,
                ASN,
                BIRD_ADDRESS,
                PORT,
                ASN,
                SPEAKER_ADDRESS,
                TestSpeaker.ASN));
    List<String> command = DaemonCommands.bird(bird.get(), dir);

    Received received;
    try (Daemon daemon = Daemon.start("bird", dir, command)) {
      received = TestSpeaker.exchange(daemon, SPEAKER_ADDRESS, BIRD_ADDRESS, PORT, IPV4, IPV6);
    }

    assertEquals(List.of(), received.errors());
    received.assertOpen(ASN);
    assertTrue(received.context().addPathReceive(AfiSafi.IPV4_UNICAST));
    assertTrue(
        received.open().capabilities(AddPathCapability.class).stream()
            .flatMap(c -> c.families().stream())
            .anyMatch(f -> f.afiSafi().equals(AfiSafi.IPV4_UNICAST) && f.mode().canSend()));
    received.assertRoute(IPV4, ASN, true);
    received.assertRoute(IPV6, ASN, true);
  }
}
