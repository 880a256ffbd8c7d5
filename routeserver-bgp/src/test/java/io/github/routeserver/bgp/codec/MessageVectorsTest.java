package io.github.routeserver.bgp.codec;

import static io.github.routeserver.bgp.codec.Wire.hex;
import static io.github.routeserver.bgp.codec.Wire.message;
import static io.github.routeserver.bgp.codec.Wire.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.MpReach;
import io.github.routeserver.bgp.wire.MpUnreach;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.RouteRefresh;
import io.github.routeserver.bgp.wire.RouteRefreshSubtype;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.OpaqueAttribute;
import io.github.routeserver.core.route.PathAttributes;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte vectors of whole messages, each decoded to the record and the record encoded to the same
 * octets. Capabilities and path attributes have their own vector tests.
 */
class MessageVectorsTest {
  static final CodecContext FOUR_OCTET = CodecContext.builder().fourOctetAs(true).build();

  static Stream<Arguments> vectors() {
    PathAttributes base =
        PathAttributes.builder()
            .asPath(AsPath.of(65000))
            .nextHop(IpAddress.parse("192.0.2.1"))
            .build();
    PathAttributes ipv6 =
        base.toBuilder()
            .nextHop(IpAddress.parse("2001:db8::1"))
            .linkLocalNextHop(IpAddress.parse("fe80::1"))
            .build();
    PathAttributes noNextHop = base.toBuilder().nextHop(null).build();
    return Stream.of(
        Arguments.of(
            "KEEPALIVE",
            FOUR_OCTET,
            """
            ffffffffffffffffffffffffffffffff  # marker
            0013                              # length 19
            04                                # type KEEPALIVE
            """,
            Keepalive.INSTANCE),
        Arguments.of(
            "NOTIFICATION hold timer expired",
            FOUR_OCTET,
            """
            ffffffffffffffffffffffffffffffff  # marker
            0015                              # length 21
            03                                # type NOTIFICATION
            04                                # error code: Hold Timer Expired
            00                                # subcode: unspecific
            """,
            Notification.of(BgpError.HOLD_TIMER_EXPIRED)),
        Arguments.of(
            "NOTIFICATION administrative shutdown with an RFC 9003 communication",
            FOUR_OCTET,
            """
            ffffffffffffffffffffffffffffffff  # marker
            0019                              # length 25
            03                                # type NOTIFICATION
            06                                # error code: Cease
            02                                # subcode: Administrative Shutdown
            03                                # shutdown communication length 3
            627965                            # "bye" in UTF-8
            """,
            Notification.administrativeShutdown("bye")),
        Arguments.of(
            "NOTIFICATION with an unknown code keeps both numbers and the data",
            FOUR_OCTET,
            """
            ffffffffffffffffffffffffffffffff  # marker
            0017                              # length 23
            03                                # type NOTIFICATION
            63                                # error code 99 (unassigned)
            07                                # subcode 7
            abcd                              # data
            """,
            new Notification(BgpError.valueOf(99, 7), Octets.fromHex("abcd"))),
        Arguments.of(
            "ROUTE-REFRESH of IPv6 unicast",
            FOUR_OCTET,
            """
            ffffffffffffffffffffffffffffffff  # marker
            0017                              # length 23
            05                                # type ROUTE-REFRESH
            0002                              # AFI IPv6
            00                                # subtype: normal request
            01                                # SAFI unicast
            """,
            RouteRefresh.request(AfiSafi.IPV6_UNICAST)),
        Arguments.of(
            "ROUTE-REFRESH BoRR of IPv4 unicast",
            FOUR_OCTET,
            message(5, "0001 01 01  # AFI IPv4, subtype BoRR (RFC 7313), SAFI unicast"),
            new RouteRefresh(AfiSafi.IPV4_UNICAST, RouteRefreshSubtype.BORR)),
        Arguments.of(
            "ROUTE-REFRESH EoRR of IPv4 unicast",
            FOUR_OCTET,
            message(5, "0001 02 01  # AFI IPv4, subtype EoRR (RFC 7313), SAFI unicast"),
            new RouteRefresh(AfiSafi.IPV4_UNICAST, RouteRefreshSubtype.EORR)),
        Arguments.of(
            "UPDATE End-of-RIB of IPv4 unicast",
            FOUR_OCTET,
            """
            ffffffffffffffffffffffffffffffff  # marker
            0017                              # length 23
            02                                # type UPDATE
            0000                              # withdrawn routes length 0
            0000                              # total path attribute length 0
            """,
            Update.endOfRib(AfiSafi.IPV4_UNICAST)),
        Arguments.of(
            "UPDATE End-of-RIB of IPv6 unicast",
            FOUR_OCTET,
            """
            ffffffffffffffffffffffffffffffff  # marker
            001e                              # length 30
            02                                # type UPDATE
            0000                              # withdrawn routes length 0
            0007                              # total path attribute length 7
            90 0f 0003                        # MP_UNREACH_NLRI, optional, extended length 3
            0002 01                           # AFI IPv6, SAFI unicast, no withdrawn routes
            """,
            Update.endOfRib(AfiSafi.IPV6_UNICAST)),
        Arguments.of(
            "UPDATE announcing two IPv4 prefixes and withdrawing one",
            FOUR_OCTET,
            """
            ffffffffffffffffffffffffffffffff  # marker
            0035                              # length 53
            02                                # type UPDATE
            0004                              # withdrawn routes length 4
            18 c63364                         # 198.51.100.0/24
            0014                              # total path attribute length 20
            40 01 01 00                       # ORIGIN, well-known, length 1: IGP
            40 02 06 02 01 0000fde8           # AS_PATH: AS_SEQUENCE of 1: 65000
            40 03 04 c0000201                 # NEXT_HOP 192.0.2.1
            08 0a                             # NLRI 10.0.0.0/8
            18 c00002                         # NLRI 192.0.2.0/24
            """,
            new Update(
                NlriList.of(Prefix.parse("198.51.100.0/24")),
                Optional.of(base),
                NlriList.of(Prefix.parse("10.0.0.0/8"), Prefix.parse("192.0.2.0/24")),
                Optional.empty(),
                Optional.empty(),
                ImmutableList.of())),
        Arguments.of(
            "UPDATE with IPv6 routes, a global and a link-local next hop (RFC 2545)",
            FOUR_OCTET,
            update(
                "",
                """
                90 0e 0031                        # MP_REACH_NLRI, optional, extended length 49
                0002 01                           # AFI IPv6, SAFI unicast
                20                                # next hop length 32
                20010db8000000000000000000000001  # global 2001:db8::1
                fe800000000000000000000000000001  # link-local fe80::1
                00                                # reserved
                20 20010db8                       # 2001:db8::/32
                30 20010db80001                   # 2001:db8:1::/48
                40 01 01 00                       # ORIGIN IGP
                40 02 06 02 01 0000fde8           # AS_PATH 65000
                """,
                ""),
            new Update(
                NlriList.EMPTY,
                Optional.of(noNextHop),
                NlriList.EMPTY,
                Optional.of(
                    new MpReach(
                        AfiSafi.IPV6_UNICAST,
                        ipv6,
                        NlriList.of(
                            Prefix.parse("2001:db8::/32"), Prefix.parse("2001:db8:1::/48")))),
                Optional.empty(),
                ImmutableList.of())),
        Arguments.of(
            "UPDATE withdrawing IPv6 routes",
            FOUR_OCTET,
            update(
                "",
                """
                90 0f 000a                        # MP_UNREACH_NLRI, optional, extended length 10
                0002 01                           # AFI IPv6, SAFI unicast
                30 20010db80001                   # 2001:db8:1::/48
                """,
                ""),
            new Update(
                NlriList.EMPTY,
                Optional.empty(),
                NlriList.EMPTY,
                Optional.empty(),
                Optional.of(
                    new MpUnreach(
                        AfiSafi.IPV6_UNICAST, NlriList.of(Prefix.parse("2001:db8:1::/48")))),
                ImmutableList.of())),
        Arguments.of(
            "UPDATE with IPv4 routes over an IPv6 next hop (RFC 8950)",
            CodecContext.builder().fourOctetAs(true).extendedNextHop(AfiSafi.IPV4_UNICAST).build(),
            update(
                "",
                """
                90 0e 0019                        # MP_REACH_NLRI, optional, extended length 25
                0001 01                           # AFI IPv4, SAFI unicast
                10                                # next hop length 16
                20010db8000000000000000000000001  # 2001:db8::1
                00                                # reserved
                18 c00002                         # 192.0.2.0/24
                40 01 01 00                       # ORIGIN IGP
                40 02 06 02 01 0000fde8           # AS_PATH 65000
                """,
                ""),
            new Update(
                NlriList.EMPTY,
                Optional.of(noNextHop),
                NlriList.EMPTY,
                Optional.of(
                    new MpReach(
                        AfiSafi.IPV4_UNICAST,
                        base.toBuilder().nextHop(IpAddress.parse("2001:db8::1")).build(),
                        NlriList.of(Prefix.parse("192.0.2.0/24")))),
                Optional.empty(),
                ImmutableList.of())),
        Arguments.of(
            "UPDATE with ADD-PATH path identifiers in both IPv4 fields (RFC 7911)",
            CodecContext.builder()
                .fourOctetAs(true)
                .addPath(AfiSafi.IPV4_UNICAST, true, true)
                .build(),
            update(
                "00000002 18 c63364               # path 2: 198.51.100.0/24",
                """
                40 01 01 00                       # ORIGIN IGP
                40 02 06 02 01 0000fde8           # AS_PATH 65000
                40 03 04 c0000201                 # NEXT_HOP 192.0.2.1
                """,
                """
                00000001 08 0a                    # path 1: 10.0.0.0/8
                00000000 08 0a                    # path 0: 10.0.0.0/8
                """),
            new Update(
                NlriList.of(new Prefix[] {Prefix.parse("198.51.100.0/24")}, new int[] {2}),
                Optional.of(base),
                NlriList.of(
                    new Prefix[] {Prefix.parse("10.0.0.0/8"), Prefix.parse("10.0.0.0/8")},
                    new int[] {1, 0}),
                Optional.empty(),
                Optional.empty(),
                ImmutableList.of())),
        Arguments.of(
            "UPDATE with IPv6 ADD-PATH routes",
            CodecContext.builder()
                .fourOctetAs(true)
                .addPath(AfiSafi.IPV6_UNICAST, true, true)
                .build(),
            update(
                "",
                """
                90 0e 0022                        # MP_REACH_NLRI, optional, extended length 34
                0002 01                           # AFI IPv6, SAFI unicast
                10                                # next hop length 16
                20010db8000000000000000000000001  # 2001:db8::1
                00                                # reserved
                00000007 40 20010db800000000      # path 7: 2001:db8::/64
                40 01 01 00                       # ORIGIN IGP
                40 02 06 02 01 0000fde8           # AS_PATH 65000
                """,
                ""),
            new Update(
                NlriList.EMPTY,
                Optional.of(noNextHop),
                NlriList.EMPTY,
                Optional.of(
                    new MpReach(
                        AfiSafi.IPV6_UNICAST,
                        base.toBuilder().nextHop(IpAddress.parse("2001:db8::1")).build(),
                        NlriList.of(new Prefix[] {Prefix.parse("2001:db8::/64")}, new int[] {7}))),
                Optional.empty(),
                ImmutableList.of())),
        Arguments.of(
            "UPDATE with MP_REACH_NLRI of EVPN kept opaque",
            FOUR_OCTET,
            update(
                "",
                """
                80 0e 0c                          # MP_REACH_NLRI, optional, length 12
                0019 46                           # AFI L2VPN, SAFI EVPN
                04 c0000201                       # next hop length 4: 192.0.2.1
                00                                # reserved
                02 01 ab                          # EVPN NLRI, not interpreted
                40 01 01 00                       # ORIGIN IGP
                40 02 06 02 01 0000fde8           # AS_PATH 65000
                """,
                ""),
            new Update(
                NlriList.EMPTY,
                Optional.of(noNextHop),
                NlriList.EMPTY,
                Optional.empty(),
                Optional.empty(),
                ImmutableList.of(
                    OpaqueAttribute.of(0x80, 14, hex("0019 46 04 c0000201 00 0201ab"))))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decodesVector(String name, CodecContext context, String vector, BgpMessage expected) {
    DecodeResult result = new MessageDecoder().decode(Wire.buffer(vector), context);

    assertEquals(Optional.of(expected), result.message(), result.errors().toString());
    assertEquals(ImmutableList.of(), result.errors());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodesVector(String name, CodecContext context, String vector, BgpMessage message) {
    assertEquals(hex(hex(vector)), Wire.hex(MessageEncoder.encode(message, context)));
  }
}
