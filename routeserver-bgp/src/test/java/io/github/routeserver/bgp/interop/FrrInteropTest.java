package io.github.routeserver.bgp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.routeserver.bgp.wire.HostnameCapability;
import io.github.routeserver.core.net.Prefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FRR's bgpd, alone (no zebra), announces IPv4 and IPv6 networks to the test speaker. */
@Tag("interop")
class FrrInteropTest {
  private static final long ASN = 65040;
  private static final String NETWORK = TestSpeaker.loopbackNetwork();
  private static final String FRR_ADDRESS = NETWORK + "1";
  private static final String SPEAKER_ADDRESS = NETWORK + "2";
  private static final int PORT = 17940;
  private static final Prefix IPV4 = Prefix.parse("198.51.100.0/24");
  private static final Prefix IPV6 = Prefix.parse("2001:db8:140::/48");

  @Test
  void decodesEveryMessageFrrSends(@TempDir Path dir) throws Exception {
    Optional<Path> bgpd = Daemon.find("/usr/lib/frr/bgpd", "bgpd");
    assumeTrue(bgpd.isPresent(), "FRR bgpd is not installed");
    String attributes =
        """
         set metric 50
         set community 65040:100
         set large-community 65040:1:2
         set extcommunity rt 65040:7
        """;
    Files.writeString(
        dir.resolve("bgpd.conf"),
        """
        frr defaults traditional
        hostname frr-interop
        log stdout informational
        !
        router bgp %d
         bgp router-id 192.0.2.40
         no bgp ebgp-requires-policy
         no bgp network import-check
         neighbor %s remote-as %d
         neighbor %s update-source %s
         neighbor %s ebgp-multihop 2
         neighbor %s passive
         address-family ipv4 unicast
          network %s route-map interop4
         exit-address-family
         address-family ipv6 unicast
          network %s route-map interop6
          neighbor %s activate
         exit-address-family
        !
        route-map interop4 permit 10
        %s!
        route-map interop6 permit 10
        %s set ipv6 next-hop global 2001:db8::40
        !
        """
            .formatted(
                ASN,
                SPEAKER_ADDRESS,
                65020,
                SPEAKER_ADDRESS,
                FRR_ADDRESS,
                SPEAKER_ADDRESS,
                SPEAKER_ADDRESS,
                IPV4,
                IPV6,
                SPEAKER_ADDRESS,
                attributes,
                attributes));
    List<String> command = DaemonCommands.frrBgpd(bgpd.get(), dir, PORT, FRR_ADDRESS);

    Received received;
    try (Daemon daemon = Daemon.start("bgpd", dir, command)) {
      received = TestSpeaker.exchange(daemon, SPEAKER_ADDRESS, FRR_ADDRESS, PORT, IPV4, IPV6);
    }

    assertEquals(List.of(), received.errors());
    received.assertOpen(ASN);
    assertFalse(received.open().capabilities(HostnameCapability.class).isEmpty());
    received.assertRoute(IPV4, ASN, true);
    received.assertRoute(IPV6, ASN, true);
  }
}
