package io.github.routeserver.bgp.codec;

import static io.github.routeserver.bgp.codec.Wire.hex;
import static io.github.routeserver.bgp.codec.Wire.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.wire.AddPathCapability;
import io.github.routeserver.bgp.wire.Afi;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpRole;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.CapabilityCode;
import io.github.routeserver.bgp.wire.EnhancedRouteRefreshCapability;
import io.github.routeserver.bgp.wire.ExtendedMessageCapability;
import io.github.routeserver.bgp.wire.ExtendedNextHopCapability;
import io.github.routeserver.bgp.wire.FourOctetAsCapability;
import io.github.routeserver.bgp.wire.GracefulRestartCapability;
import io.github.routeserver.bgp.wire.HostnameCapability;
import io.github.routeserver.bgp.wire.LongLivedGracefulRestartCapability;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.RoleCapability;
import io.github.routeserver.bgp.wire.RouteRefreshCapability;
import io.github.routeserver.bgp.wire.UnknownCapability;
import io.github.routeserver.core.net.IpAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte vectors of OPEN messages: one per capability, each inside an OPEN from AS 65000, hold time
 * 180, identifier 192.0.2.1, decoded to the record and encoded back to the same octets; and the RFC
 * 9072 extended optional parameters length.
 */
class CapabilityVectorsTest {
  private static final IpAddress ID = IpAddress.parse("192.0.2.1");

  /** An OPEN whose only optional parameter holds {@code capability}. */
  private static String openWith(String capability) {
    int length = hex(capability).length;
    return message(
        1,
        """
        04                                # version 4
        fde8                              # My Autonomous System 65000
        00b4                              # hold time 180
        c0000201                          # BGP identifier 192.0.2.1
        """
            + String.format("%02x  # optional parameters length%n", length + 2)
            + String.format("02 %02x  # parameter type 2 (capabilities) and length%n", length)
            + capability);
  }

  static Stream<Arguments> capabilities() {
    return Stream.of(
        Arguments.of(
            "01 04 0002 00 01                 # multiprotocol: AFI IPv6, reserved, SAFI unicast",
            new MultiprotocolCapability(AfiSafi.IPV6_UNICAST)),
        Arguments.of(
            "02 00                            # route refresh, empty",
            new RouteRefreshCapability()),
        Arguments.of(
            """
            05 06                             # extended next hop, length 6
            0001 0001 0002                    # NLRI AFI IPv4, NLRI SAFI unicast, next hop AFI IPv6
            """,
            ExtendedNextHopCapability.of(
                new ExtendedNextHopCapability.Entry(AfiSafi.IPV4_UNICAST, Afi.IPV6))),
        Arguments.of(
            "06 00                            # extended message, empty",
            new ExtendedMessageCapability()),
        Arguments.of(
            "09 01 01                         # BGP role: route server",
            new RoleCapability(BgpRole.ROUTE_SERVER)),
        Arguments.of(
            """
            40 06                             # graceful restart, length 6
            c078                              # flags R and N, restart time 120
            0001 01 80                        # IPv4 unicast, forwarding state preserved
            """,
            new GracefulRestartCapability(
                true,
                true,
                120,
                ImmutableList.of(
                    new GracefulRestartCapability.Family(AfiSafi.IPV4_UNICAST, true)))),
        Arguments.of(
            "41 04 fa56ea00                   # 4-octet AS: 4200000000",
            new FourOctetAsCapability(4_200_000_000L)),
        Arguments.of(
            """
            45 08                             # ADD-PATH, length 8
            0001 01 03                        # IPv4 unicast: send and receive
            0002 01 01                        # IPv6 unicast: receive
            """,
            AddPathCapability.of(
                new AddPathCapability.Family(AfiSafi.IPV4_UNICAST, AddPathCapability.Mode.BOTH),
                new AddPathCapability.Family(
                    AfiSafi.IPV6_UNICAST, AddPathCapability.Mode.RECEIVE))),
        Arguments.of(
            "46 00                            # enhanced route refresh, empty",
            new EnhancedRouteRefreshCapability()),
        Arguments.of(
            """
            47 07                             # long-lived graceful restart, length 7
            0002 01 80 000e10                 # IPv6 unicast, F bit, stale time 3600
            """,
            new LongLivedGracefulRestartCapability(
                ImmutableList.of(
                    new LongLivedGracefulRestartCapability.Family(
                        AfiSafi.IPV6_UNICAST, true, 3600)))),
        Arguments.of(
            """
            49 0a                             # FQDN, length 10
            05 686f737431                     # host name length 5: "host1"
            03 6c6162                         # domain name length 3: "lab"
            """,
            new HostnameCapability("host1", "lab")),
        Arguments.of(
            "80 00                            # code 128 (pre-standard route refresh), kept opaque",
            new UnknownCapability(CapabilityCode.valueOf(128), Octets.EMPTY)),
        Arguments.of(
            "c8 02 abcd                       # code 200, unassigned, value kept",
            new UnknownCapability(CapabilityCode.valueOf(200), Octets.fromHex("abcd"))));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("capabilities")
  void decodesCapability(String capability, Capability expected) {
    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(openWith(capability)), CodecContext.BASE);

    assertEquals(
        Optional.of(new Open(4, 65000, 180, ID, ImmutableList.of(expected))),
        result.message(),
        result.errors().toString());
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("capabilities")
  void encodesCapability(String capability, Capability expected) {
    Open open = new Open(4, 65000, 180, ID, ImmutableList.of(expected));

    assertEquals(
        hex(hex(openWith(capability))), Wire.hex(MessageEncoder.encode(open, CodecContext.BASE)));
  }

  @Test
  void keepsFqdnCapabilityOpaqueWhenItsNamesAreNotUtf8() {
    // Each 0xff would become U+FFFD, three octets: 85 of them no longer fit in one capability.
    String capability =
        "49 57                             # FQDN, length 87\n"
            + "55                                # host name length 85\n"
            + "ff".repeat(85)
            + "  # host name: 85 octets that are not UTF-8\n"
            + "00                                # domain name length 0\n";

    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(openWith(capability)), CodecContext.BASE);

    assertEquals(
        Optional.of(
            new Open(
                4,
                65000,
                180,
                ID,
                ImmutableList.of(
                    new UnknownCapability(
                        CapabilityCode.HOSTNAME, Octets.fromHex("55" + "ff".repeat(85) + "00"))))),
        result.message(),
        result.errors().toString());
  }

  @Test
  void keepsFqdnCapabilityOpaqueWhenOneOctetIsNotUtf8() {
    String capability =
        """
        49 07                             # FQDN, length 7
        04 68ff7374                       # host name length 4: "h", 0xff (not UTF-8), "st"
        01 78                             # domain name length 1: "x"
        """;

    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(openWith(capability)), CodecContext.BASE);

    assertEquals(
        ImmutableList.of(
            new UnknownCapability(CapabilityCode.HOSTNAME, Octets.fromHex("0468ff73740178"))),
        ((Open) result.message().orElseThrow()).capabilities());
  }

  @Test
  void decodesExtendedOptionalParametersLength() {
    String vector =
        message(
            1,
            """
            04 fde8 00b4 c0000201             # version, AS 65000, hold time 180, identifier
            ff                                # non-extended optional parameters length: 255
            ff                                # non-extended parameter type: 255 (RFC 9072)
            0009                              # extended optional parameters length 9
            02 0006                           # capabilities, 2-octet length 6
            41 04 0000fde8                    # 4-octet AS: 65000
            """);

    DecodeResult result = new MessageDecoder().decode(Wire.buffer(vector), CodecContext.BASE);

    assertEquals(
        Optional.of(
            new Open(4, 65000, 180, ID, ImmutableList.of(new FourOctetAsCapability(65000)))),
        result.message());
  }

  @Test
  void decodesExtendedOptionalParametersWhenFirstTypeIs255ButNonExtendedLengthIsNot() {
    String vector =
        message(
            1,
            """
            04 fde8 00b4 c0000201             # version, AS 65000, hold time 180, identifier
            0c                                # non-extended optional parameters length: 12
            ff                                # non-extended parameter type: 255 (RFC 9072)
            0009                              # extended optional parameters length 9
            02 0006                           # capabilities, 2-octet length 6
            41 04 0000fde8                    # 4-octet AS: 65000
            """);

    DecodeResult result = new MessageDecoder().decode(Wire.buffer(vector), CodecContext.BASE);

    assertEquals(
        Optional.of(
            new Open(4, 65000, 180, ID, ImmutableList.of(new FourOctetAsCapability(65000)))),
        result.message(),
        result.errors().toString());
  }

  @Test
  void encodesCapabilitiesLongerThan255OctetsWithExtendedOptionalParametersLength() {
    List<Capability> capabilities = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      capabilities.add(new MultiprotocolCapability(AfiSafi.of(1, i))); // 6 octets each
    }
    Open open = new Open(4, 65000, 180, ID, ImmutableList.copyOf(capabilities));

    ByteBuffer encoded = MessageEncoder.encode(open, CodecContext.BASE);

    assertEquals("ffff01a7", Wire.hex(encoded).substring(2 * 28, 2 * 32)); // 255, 255, 3 + 420
    assertEquals("0201a4", Wire.hex(encoded).substring(2 * 32, 2 * 35)); // type 2, length 420
    assertEquals(
        Optional.of(open), new MessageDecoder().decode(encoded, CodecContext.BASE).message());
  }

  @Test
  void decodesCapabilitiesSpreadOverSeveralParameters() {
    String vector =
        message(
            1,
            """
            04 fde8 00b4 c0000201             # version, AS 65000, hold time 180, identifier
            0c                                # optional parameters length 12
            02 02 02 00                       # capabilities: route refresh
            02 06 41 04 0000fde8              # capabilities: 4-octet AS 65000
            """);

    DecodeResult result = new MessageDecoder().decode(Wire.buffer(vector), CodecContext.BASE);

    assertTrue(result.isClean());
    assertEquals(
        ImmutableList.of(new RouteRefreshCapability(), new FourOctetAsCapability(65000)),
        ((Open) result.message().orElseThrow()).capabilities());
  }
}
