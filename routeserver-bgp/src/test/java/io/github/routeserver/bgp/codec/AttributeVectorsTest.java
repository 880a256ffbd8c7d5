package io.github.routeserver.bgp.codec;

import static io.github.routeserver.bgp.codec.Wire.hex;
import static io.github.routeserver.bgp.codec.Wire.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.Aggregator;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.ExtendedCommunity;
import io.github.routeserver.core.route.LargeCommunity;
import io.github.routeserver.core.route.OpaqueAttribute;
import io.github.routeserver.core.route.Origin;
import io.github.routeserver.core.route.PathAttributes;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Byte vectors of every path attribute, in an UPDATE announcing 10.0.0.0/8, decoded to the
 * attribute set and encoded back to the same octets.
 */
class AttributeVectorsTest {
  private static final CodecContext FOUR_OCTET = CodecContext.builder().fourOctetAs(true).build();
  private static final CodecContext TWO_OCTET = CodecContext.BASE;

  private static final String ORIGIN_IGP = "40 01 01 00  # ORIGIN, well-known, length 1: IGP\n";
  private static final String AS_PATH_65000 =
      "40 02 06 02 01 0000fde8  # AS_PATH: AS_SEQUENCE of one 4-octet AS: 65000\n";
  private static final String NEXT_HOP = "40 03 04 c0000201  # NEXT_HOP 192.0.2.1\n";
  private static final String BASE = ORIGIN_IGP + AS_PATH_65000 + NEXT_HOP;
  private static final String NLRI = "08 0a  # 10.0.0.0/8";

  private static PathAttributes.Builder base() {
    return PathAttributes.builder().asPath(AsPath.of(65000)).nextHop(IpAddress.parse("192.0.2.1"));
  }

  static Stream<Arguments> attributes() {
    return Stream.of(
        vector(
            "ORIGIN INCOMPLETE",
            FOUR_OCTET,
            "40 01 01 02  # ORIGIN: INCOMPLETE\n" + AS_PATH_65000 + NEXT_HOP,
            b -> b.origin(Origin.INCOMPLETE)),
        vector(
            "AS_PATH with a sequence and a set of 4-octet AS numbers",
            FOUR_OCTET,
            ORIGIN_IGP
                + """
                40 02 14                      # AS_PATH, length 20
                02 02 0000fde8 fa56ea00       # AS_SEQUENCE: 65000 4200000000
                01 02 0000fdea 0000fdeb       # AS_SET: {65002 65003}
                """
                + NEXT_HOP,
            b -> b.asPath(AsPath.parse("65000 4200000000 {65002 65003}"))),
        vector(
            "AS_PATH of 2-octet AS numbers on a 2-octet session",
            TWO_OCTET,
            ORIGIN_IGP
                + "40 02 06 02 02 fde8 fde9  # AS_PATH: AS_SEQUENCE 65000 65001\n"
                + NEXT_HOP,
            b -> b.asPath(AsPath.of(65000, 65001))),
        vector(
            "AS_PATH with AS_TRANS and AS4_PATH on a 2-octet session (RFC 6793)",
            TWO_OCTET,
            ORIGIN_IGP
                + "40 02 06 02 02 fde8 5ba0  # AS_PATH: 65000 AS_TRANS\n"
                + NEXT_HOP
                + "c0 11 0a 02 02 0000fde8 fa56ea00  # AS4_PATH: 65000 4200000000\n",
            b -> b.asPath(AsPath.of(65000, 4_200_000_000L))),
        vector(
            "AS_PATH with a confederation sequence from an internal peer",
            FOUR_OCTET,
            ORIGIN_IGP
                + """
                40 02 0c                      # AS_PATH, length 12
                03 01 0000fde9                # AS_CONFED_SEQUENCE: (65001)
                02 01 0000fde8                # AS_SEQUENCE: 65000
                """
                + NEXT_HOP,
            b -> b.asPath(AsPath.parse("(65001) 65000"))),
        vector(
            "MULTI_EXIT_DISC",
            FOUR_OCTET,
            BASE + "80 04 04 00000064  # MULTI_EXIT_DISC, optional, length 4: 100\n",
            b -> b.med(100)),
        vector(
            "LOCAL_PREF from an internal peer",
            FOUR_OCTET,
            BASE + "40 05 04 000000c8  # LOCAL_PREF, well-known, length 4: 200\n",
            b -> b.localPref(200)),
        vector(
            "ATOMIC_AGGREGATE",
            FOUR_OCTET,
            BASE + "40 06 00  # ATOMIC_AGGREGATE, well-known, length 0\n",
            b -> b.atomicAggregate(true)),
        vector(
            "AGGREGATOR with a 4-octet AS",
            FOUR_OCTET,
            BASE + "c0 07 08 fa56ea00 c0000202  # AGGREGATOR: AS 4200000000, 192.0.2.2\n",
            b -> b.aggregator(new Aggregator(4_200_000_000L, IpAddress.parse("192.0.2.2")))),
        vector(
            "AGGREGATOR with AS_TRANS and AS4_AGGREGATOR on a 2-octet session (RFC 6793)",
            TWO_OCTET,
            ORIGIN_IGP
                + "40 02 04 02 01 fde8  # AS_PATH: 65000\n"
                + NEXT_HOP
                + "c0 07 06 5ba0 c0000202  # AGGREGATOR: AS_TRANS, 192.0.2.2\n"
                + "c0 12 08 fa56ea00 c0000202  # AS4_AGGREGATOR: 4200000000, 192.0.2.2\n",
            b -> b.aggregator(new Aggregator(4_200_000_000L, IpAddress.parse("192.0.2.2")))),
        vector(
            "COMMUNITIES",
            FOUR_OCTET,
            BASE + "c0 08 08 fde80064 ffffff01  # COMMUNITIES: 65000:100 NO_EXPORT\n",
            b -> b.communities(ImmutableList.of(Community.of(65000, 100), Community.NO_EXPORT))),
        vector(
            "ORIGINATOR_ID",
            FOUR_OCTET,
            BASE + "80 09 04 c0000203  # ORIGINATOR_ID, optional, length 4: 192.0.2.3\n",
            b -> b.originatorId(IpAddress.parse("192.0.2.3"))),
        vector(
            "CLUSTER_LIST",
            FOUR_OCTET,
            BASE + "80 0a 08 c0000204 c0000205  # CLUSTER_LIST: 192.0.2.4 192.0.2.5\n",
            b ->
                b.clusterList(
                    ImmutableList.of(IpAddress.parse("192.0.2.4"), IpAddress.parse("192.0.2.5")))),
        vector(
            "EXTENDED_COMMUNITIES",
            FOUR_OCTET,
            BASE + "c0 10 08 0002fde800000064  # EXTENDED_COMMUNITIES: route target 65000:100\n",
            b ->
                b.extendedCommunities(ImmutableList.of(ExtendedCommunity.routeTarget(65000, 100)))),
        vector(
            "LARGE_COMMUNITY",
            FOUR_OCTET,
            BASE + "c0 20 0c 0000fde8 00000001 00000002  # LARGE_COMMUNITY: 65000:1:2\n",
            b -> b.largeCommunities(ImmutableList.of(LargeCommunity.of(65000, 1, 2)))),
        vector(
            "ONLY_TO_CUSTOMER",
            FOUR_OCTET,
            BASE + "c0 23 04 0000fde8  # OTC (RFC 9234): 65000\n",
            b -> b.onlyToCustomer(65000)),
        vector(
            "unknown optional transitive attribute that a speaker before us marked partial",
            FOUR_OCTET,
            BASE + "e0 63 02 abcd  # type 99, optional transitive partial, length 2\n",
            b -> b.opaque(OpaqueAttribute.of(0xE0, 99, hex("abcd")))),
        vector(
            "COMMUNITIES longer than 255 octets, with the Extended Length flag",
            FOUR_OCTET,
            BASE
                + "d0 08 0118  # COMMUNITIES, extended length 280: seventy times 65000:1\n"
                + "fde80001".repeat(70),
            b -> b.communities(Collections.nCopies(70, Community.of(65000, 1)))));
  }

  private static Arguments vector(
      String name,
      CodecContext context,
      String attributes,
      UnaryOperator<PathAttributes.Builder> expected) {
    return Arguments.of(name, context, attributes, expected.apply(base()).build());
  }

  private static Update announcing(PathAttributes attributes) {
    return new Update(
        NlriList.EMPTY,
        Optional.of(attributes),
        NlriList.of(Prefix.parse("10.0.0.0/8")),
        Optional.empty(),
        Optional.empty(),
        ImmutableList.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attributes")
  void decodesAttribute(
      String name, CodecContext context, String attributes, PathAttributes expected) {
    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(update("", attributes, NLRI)), context);

    assertEquals(ImmutableList.of(), result.errors());
    assertEquals(Optional.of(announcing(expected)), result.message());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attributes")
  void encodesAttribute(
      String name, CodecContext context, String attributes, PathAttributes expected) {
    assertEquals(
        hex(hex(update("", attributes, NLRI))),
        Wire.hex(MessageEncoder.encode(announcing(expected), context)));
  }

  @Test
  void attributeSetsOfOneSessionShareTheNextHopTheyRepeat() {
    MessageDecoder decoder = new MessageDecoder();
    PathAttributes first = attributesOf(decoder, BASE + "80 04 04 00000001  # MED 1\n");
    PathAttributes second = attributesOf(decoder, BASE + "80 04 04 00000002  # MED 2\n");

    assertEquals(base().med(1).build(), first);
    assertEquals(base().med(2).build(), second);
    assertSame(first.nextHop().orElseThrow(), second.nextHop().orElseThrow());
  }

  private static PathAttributes attributesOf(MessageDecoder decoder, String attributes) {
    DecodeResult result = decoder.decode(Wire.buffer(update("", attributes, NLRI)), FOUR_OCTET);
    return ((Update) result.message().orElseThrow()).attributes().orElseThrow();
  }

  @Test
  void setsPartialBitOnUnknownOptionalTransitiveAttribute() {
    String attributes = BASE + "c0 63 02 abcd  # type 99, optional transitive, length 2\n";

    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(update("", attributes, NLRI)), FOUR_OCTET);

    assertEquals(
        Optional.of(announcing(base().opaque(OpaqueAttribute.of(0xE0, 99, hex("abcd"))).build())),
        result.message());
  }

  @Test
  void dropsUnknownOptionalNonTransitiveAttribute() {
    String attributes = BASE + "80 64 01 00  # type 100, optional non-transitive, length 1\n";

    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(update("", attributes, NLRI)), FOUR_OCTET);

    assertEquals(Optional.of(announcing(base().build())), result.message());
    assertEquals(ImmutableList.of(), result.errors());
  }

  @Test
  void mergesAs4PathWithTheLeadingPartOfALongerAsPath() {
    String attributes =
        ORIGIN_IGP
            + "40 02 08 02 03 fde9 fde8 5ba0  # AS_PATH: 65001 65000 AS_TRANS\n"
            + NEXT_HOP
            + "c0 11 0a 02 02 0000fde8 fa56ea00  # AS4_PATH: 65000 4200000000\n";

    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(update("", attributes, NLRI)), TWO_OCTET);

    assertEquals(
        Optional.of(announcing(base().asPath(AsPath.of(65001, 65000, 4_200_000_000L)).build())),
        result.message());
  }

  @Test
  void ignoresAs4PathLongerThanAsPath() {
    String attributes =
        ORIGIN_IGP
            + "40 02 04 02 01 fde8  # AS_PATH: 65000\n"
            + NEXT_HOP
            + "c0 11 0a 02 02 0000fde8 fa56ea00  # AS4_PATH: 65000 4200000000\n";

    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(update("", attributes, NLRI)), TWO_OCTET);

    assertEquals(Optional.of(announcing(base().build())), result.message());
  }

  @Test
  void ignoresAs4AttributesWhenAggregatorIsNotAsTrans() {
    String attributes =
        ORIGIN_IGP
            + "40 02 04 02 01 5ba0  # AS_PATH: AS_TRANS\n"
            + NEXT_HOP
            + "c0 07 06 fde9 c0000202  # AGGREGATOR: 65001, 192.0.2.2\n"
            + "c0 11 06 02 01 fa56ea00  # AS4_PATH: 4200000000\n"
            + "c0 12 08 fa56ea00 c0000202  # AS4_AGGREGATOR: 4200000000, 192.0.2.2\n";

    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(update("", attributes, NLRI)), TWO_OCTET);

    assertEquals(
        Optional.of(
            announcing(
                base()
                    .asPath(AsPath.of(23456))
                    .aggregator(new Aggregator(65001, IpAddress.parse("192.0.2.2")))
                    .build())),
        result.message());
  }

  @Test
  void removesDuplicateLargeCommunities() {
    String attributes =
        BASE
            + "c0 20 18 0000fde8 00000001 00000002 0000fde8 00000001 00000002"
            + "  # LARGE_COMMUNITY: 65000:1:2 twice\n";

    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(update("", attributes, NLRI)), FOUR_OCTET);

    assertEquals(
        Optional.of(
            announcing(
                base().largeCommunities(ImmutableList.of(LargeCommunity.of(65000, 1, 2))).build())),
        result.message());
  }

  @Test
  void ignoresNextHopWithoutIpv4Nlri() {
    String attributes = BASE + "80 04 04 00000064  # MULTI_EXIT_DISC 100\n";

    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(update("", attributes, "")), FOUR_OCTET);

    Update update = (Update) result.message().orElseThrow();
    assertEquals(Optional.empty(), update.attributes().orElseThrow().nextHop());
  }

  @Test
  void ignoresAnInvalidNextHopBesideMpReachNlriAlone() {
    String attributes =
        ORIGIN_IGP
            + AS_PATH_65000
            + "40 03 04 00000000  # NEXT_HOP 0.0.0.0, to be ignored (RFC 4760 section 3)\n"
            + "80 0e 1a 0002 01 10 20010db8000000000000000000000001 00"
            + " 20 20010db8  # MP_REACH_NLRI: 2001:db8::/32 via 2001:db8::1";

    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(update("", attributes, "")), FOUR_OCTET);

    assertTrue(result.isClean(), result.errors().toString());
    Update update = (Update) result.message().orElseThrow();
    assertEquals(
        List.of(Prefix.parse("2001:db8::/32")), update.mpReach().orElseThrow().nlri().prefixes());
  }

  @Test
  void takesTheLinkLocalNextHopWhenTheGlobalOneIsUnspecifiedAsBirdSendsIt() {
    String attributes =
        ORIGIN_IGP
            + AS_PATH_65000
            + "80 0e 2a 0002 01 20  # MP_REACH_NLRI, IPv6 unicast, next hop of 32 octets:\n"
            + "00000000000000000000000000000000  # global ::\n"
            + "fe800000000000000000000000000001  # link-local fe80::1\n"
            + "00 20 20010db8  # 2001:db8::/32";

    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(update("", attributes, "")), FOUR_OCTET);

    assertTrue(result.isClean(), result.errors().toString());
    PathAttributes reached =
        result.message().map(Update.class::cast).orElseThrow().mpReach().orElseThrow().attributes();
    assertEquals(Optional.of(IpAddress.parse("fe80::1")), reached.linkLocalNextHop());
  }

  @Test
  void internsAttributeSetsOfSeparateUpdates() {
    MessageDecoder decoder = new MessageDecoder();
    Update first =
        (Update)
            decoder.decode(Wire.buffer(update("", BASE, NLRI)), FOUR_OCTET).message().orElseThrow();
    Update second =
        (Update)
            new MessageDecoder()
                .decode(Wire.buffer(update("", BASE, "18 c00002  # 192.0.2.0/24")), FOUR_OCTET)
                .message()
                .orElseThrow();

    assertEquals(true, first.attributes().get() == second.attributes().get());
  }
}
