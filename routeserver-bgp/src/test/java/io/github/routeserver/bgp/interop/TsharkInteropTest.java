package io.github.routeserver.bgp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.MessageEncoder;
import io.github.routeserver.bgp.codec.UpdatePacker;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.BgpRole;
import io.github.routeserver.bgp.wire.HostnameCapability;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.RoleCapability;
import io.github.routeserver.bgp.wire.RouteRefresh;
import io.github.routeserver.bgp.wire.RouteRefreshSubtype;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.Aggregator;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.ExtendedCommunity;
import io.github.routeserver.core.route.LargeCommunity;
import io.github.routeserver.core.route.PathAttributes;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's BGP dissector, through tshark, reads a stream this codec wrote (every message type,
 * the capabilities, IPv4 and IPv6 UPDATEs packed by the {@link UpdatePacker} with every common
 * attribute) and finds nothing malformed.
 */
@Tag("interop")
class TsharkInteropTest {
  private static final CodecContext CONTEXT = CodecContext.builder().fourOctetAs(true).build();

  @Test
  void dissectsOurStreamWithoutError(@TempDir Path dir) throws Exception {
    Optional<Path> tshark = Daemon.find("tshark");
    Daemon.assumeInstalled(tshark.isPresent(), "tshark");
    Path capture = dir.resolve("stream.pcap");
    List<byte[]> messages = stream();
    try (PcapWriter pcap = new PcapWriter(capture)) {
      for (byte[] message : messages) {
        pcap.write(message);
      }
    }

    String dissected =
        Daemon.run(
            dir,
            Duration.ofSeconds(60),
            List.of(tshark.get().toString(), "-r", capture.toString(), "-V"));
    String types =
        Daemon.run(
            dir,
            Duration.ofSeconds(60),
            List.of(
                tshark.get().toString(),
                "-r",
                capture.toString(),
                "-T",
                "fields",
                "-e",
                "bgp.type"));

    assertFalse(dissected.contains("Malformed"), excerpt(dissected, "Malformed"));
    assertFalse(dissected.contains("Expert Info (Error"), excerpt(dissected, "Expert Info (Error"));
    assertFalse(
        dissected.contains("Expert Info (Warning"), excerpt(dissected, "Expert Info (Warning"));
    int bgpMessages =
        Arrays.stream(types.split("\\R"))
            .filter(line -> line.matches("[0-9,]+")) // tshark may also warn about running as root
            .mapToInt(line -> line.split(",").length)
            .sum();
    assertEquals(messages.size(), bgpMessages, types);
    for (String expected :
        List.of(
            "OPEN Message",
            "KEEPALIVE Message",
            "UPDATE Message",
            "ROUTE-REFRESH Message",
            "NOTIFICATION Message",
            "Support for 4-octet AS number capability",
            "198.51.100.0/24",
            "2001:db8:100::/48",
            "203.0.113.0/24",
            "MULTI_EXIT_DISC: 50",
            "65020:100",
            "65020:1:2",
            "MP_REACH_NLRI",
            "MP_UNREACH_NLRI",
            "fe80::1")) {
      assertTrue(dissected.contains(expected), expected + " not in tshark's output");
    }
  }

  private static String excerpt(String text, String marker) {
    int at = text.indexOf(marker);
    return at < 0 ? "" : text.substring(Math.max(0, at - 1500), Math.min(text.length(), at + 500));
  }

  /** The messages of a session from our side, encoded. */
  private static List<byte[]> stream() {
    List<byte[]> messages = new ArrayList<>();
    List<BgpMessage> session = new ArrayList<>();
    session.add(
        Open.of(
            65020,
            90,
            IpAddress.parse("192.0.2.20"),
            ImmutableList.<io.github.routeserver.bgp.wire.Capability>builder()
                .addAll(TestSpeaker.OPEN.capabilities())
                .add(new RoleCapability(BgpRole.ROUTE_SERVER))
                .add(new HostnameCapability("routeserver", "example.net"))
                .build()));
    session.add(Keepalive.INSTANCE);
    session.forEach(m -> messages.add(encode(m)));

    PathAttributes ipv4 =
        PathAttributes.builder()
            .asPath(AsPath.parse("65020 4200000000 {64512 64513}"))
            .nextHop(IpAddress.parse("192.0.2.20"))
            .med(50)
            .atomicAggregate(true)
            .aggregator(new Aggregator(65020, IpAddress.parse("192.0.2.20")))
            .communities(ImmutableList.of(Community.of(65020, 100), Community.NO_EXPORT))
            .extendedCommunities(ImmutableList.of(ExtendedCommunity.routeTarget(65020, 7)))
            .largeCommunities(ImmutableList.of(LargeCommunity.of(65020, 1, 2)))
            .build();
    PathAttributes ipv6 =
        ipv4.toBuilder()
            .nextHop(IpAddress.parse("2001:db8::20"))
            .linkLocalNextHop(IpAddress.parse("fe80::1"))
            .build();
    UpdatePacker packer = new UpdatePacker(CONTEXT);
    packer.withdraw(Prefix.parse("203.0.113.0/24"), 0);
    packer.withdraw(Prefix.parse("2001:db8:ffff::/48"), 0);
    packer.announce(Prefix.parse("198.51.100.0/24"), 0, ipv4);
    packer.announce(Prefix.parse("2001:db8:100::/48"), 0, ipv6);
    for (int i = 0; i < 3000; i++) {
      packer.announce(Prefix.ofIpv4(10 << 24 | i << 8, 24), 0, ipv4);
    }
    ByteBuffer out = ByteBuffer.allocate(1 << 20);
    while (packer.hasPending()) {
      packer.writeTo(out);
    }
    out.flip();
    while (out.hasRemaining()) {
      int length = out.getShort(out.position() + 16) & 0xFFFF;
      byte[] message = new byte[length];
      out.get(message);
      messages.add(message);
    }

    for (BgpMessage message :
        List.of(
            Update.endOfRib(AfiSafi.IPV4_UNICAST),
            Update.endOfRib(AfiSafi.IPV6_UNICAST),
            RouteRefresh.request(AfiSafi.IPV6_UNICAST),
            new RouteRefresh(AfiSafi.IPV4_UNICAST, RouteRefreshSubtype.BORR),
            new RouteRefresh(AfiSafi.IPV4_UNICAST, RouteRefreshSubtype.EORR),
            Notification.administrativeShutdown("maintenance"))) {
      messages.add(encode(message));
    }
    return messages;
  }

  private static byte[] encode(BgpMessage message) {
    ByteBuffer encoded = MessageEncoder.encode(message, CONTEXT);
    return Arrays.copyOf(encoded.array(), encoded.remaining());
  }
}
