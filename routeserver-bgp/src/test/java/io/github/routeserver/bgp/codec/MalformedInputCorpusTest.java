package io.github.routeserver.bgp.codec;

import static io.github.routeserver.bgp.codec.Wire.MARKER;
import static io.github.routeserver.bgp.codec.Wire.hex;
import static io.github.routeserver.bgp.codec.Wire.message;
import static io.github.routeserver.bgp.codec.Wire.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.CapabilityCode;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.RouteRefresh;
import io.github.routeserver.bgp.wire.RouteRefreshSubtype;
import io.github.routeserver.bgp.wire.UnknownCapability;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed messages, each with the action, error code and subcode it must produce: every rule of
 * RFC 4271 section 6 (header, OPEN, UPDATE) and of RFC 7606 sections 3, 4, 5 and 7, plus the RFC
 * 6793, RFC 7313 and RFC 7607 cases. The UPDATEs announce 10.0.0.0/8 so that treat-as-withdraw is
 * visible. The tests after the corpus pin inputs that the RFCs have the receiver ignore.
 */
class MalformedInputCorpusTest {
  private static final CodecContext FOUR_OCTET = CodecContext.builder().fourOctetAs(true).build();
  private static final CodecContext TWO_OCTET = CodecContext.BASE;
  private static final CodecContext EXTERNAL = FOUR_OCTET.toBuilder().externalPeer(true).build();

  private static final String ORIGIN = "40 01 01 00  # ORIGIN IGP\n";
  private static final String AS_PATH = "40 02 06 02 01 0000fde8  # AS_PATH 65000\n";
  private static final String NEXT_HOP = "40 03 04 c0000201  # NEXT_HOP 192.0.2.1\n";
  private static final String BASE = ORIGIN + AS_PATH + NEXT_HOP;
  private static final String NLRI = "08 0a  # 10.0.0.0/8";
  private static final String IPV6_NEXT_HOP = "20010db8000000000000000000000001";

  /** One malformed input and what decoding it must give. */
  record Case(
      String name,
      CodecContext context,
      String message,
      ErrorAction action,
      BgpError error,
      @Nullable String data,
      @Nullable AfiSafi family) {
    Case in(CodecContext other) {
      return new Case(name, other, message, action, error, data, family);
    }

    Case withData(String hex) {
      return new Case(name, context, message, action, error, hex, family);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static Case reset(String name, String message, BgpError error) {
    return new Case(name, FOUR_OCTET, message, ErrorAction.SESSION_RESET, error, null, null);
  }

  private static Case withdraw(String name, String attributes, BgpError error) {
    return new Case(
        name,
        FOUR_OCTET,
        update("", attributes, NLRI),
        ErrorAction.TREAT_AS_WITHDRAW,
        error,
        null,
        null);
  }

  private static Case discard(String name, String attributes, BgpError error) {
    return new Case(
        name,
        FOUR_OCTET,
        update("", attributes, NLRI),
        ErrorAction.ATTRIBUTE_DISCARD,
        error,
        null,
        null);
  }

  private static Case disable(String name, String attributes, AfiSafi family) {
    return new Case(
        name,
        FOUR_OCTET,
        update("", attributes, ""),
        ErrorAction.AFI_SAFI_DISABLE,
        BgpError.OPTIONAL_ATTRIBUTE_ERROR,
        null,
        family);
  }

  /** An OPEN from AS 65000 with {@code rest} after the version field. */
  private static String open(int version, String rest) {
    return message(1, String.format("%02x", version) + rest);
  }

  /**
   * An OPEN with version 4, AS 65000, hold time 180 and identifier 192.0.2.1, then {@code params}.
   */
  private static String open(String parameters) {
    return open(4, "fde8 00b4 c0000201  # AS 65000, hold time 180, 192.0.2.1\n" + parameters);
  }

  /** An OPEN whose optional parameters are one capabilities parameter holding {@code value}. */
  private static String openWithCapability(String value) {
    int length = hex(value).length;
    return open(
        String.format("%02x 02 %02x  # parameters, capabilities%n", length + 2, length) + value);
  }

  static Stream<Case> corpus() {
    return Stream.of(
        // RFC 4271 section 6.1: message header errors.
        reset(
            "resetsSessionWhenMarkerIsNotAllOnes",
            "fffffffffffffffffffffffffffffffe 0013 04",
            BgpError.CONNECTION_NOT_SYNCHRONIZED),
        reset(
                "resetsSessionWhenLengthIsBelow19",
                MARKER + "0012 04 00  # length 18",
                BgpError.BAD_MESSAGE_LENGTH)
            .withData("0012"),
        reset(
                "resetsSessionWhenLengthExceeds4096WithoutExtendedMessages",
                MARKER + "1001 02" + "00".repeat(4097 - 19),
                BgpError.BAD_MESSAGE_LENGTH)
            .withData("1001"),
        reset(
                "resetsSessionWhenLengthExceeds4096AndOnlyThePeerAdvertisedExtendedMessages",
                MARKER + "1001 02" + "00".repeat(4097 - 19),
                BgpError.BAD_MESSAGE_LENGTH)
            .withData("1001")
            .in(FOUR_OCTET.toBuilder().extendedMessages(false, true).build()),
        reset(
                "resetsSessionWhenOpenExceeds4096EvenWithExtendedMessages",
                MARKER + "1001 01 04" + "00".repeat(4097 - 20),
                BgpError.BAD_MESSAGE_LENGTH)
            .in(FOUR_OCTET.toBuilder().extendedMessages(true, true).build()),
        reset(
            "resetsSessionWhenKeepaliveIsLongerThan19",
            message(4, "00"),
            BgpError.BAD_MESSAGE_LENGTH),
        reset(
            "resetsSessionWhenOpenIsShorterThan29",
            message(1, "04 fde8 00b4 c0000201  # no optional parameters length"),
            BgpError.BAD_MESSAGE_LENGTH),
        reset(
            "resetsSessionWhenUpdateIsShorterThan23",
            message(2, "0000 00"),
            BgpError.BAD_MESSAGE_LENGTH),
        reset(
            "resetsSessionWhenNotificationIsShorterThan21",
            message(3, "06"),
            BgpError.BAD_MESSAGE_LENGTH),
        reset(
            "resetsSessionWhenRouteRefreshIsNot23Octets",
            message(5, "0001 00 01 00"),
            BgpError.BAD_MESSAGE_LENGTH),
        reset(
            "resetsSessionWhenRouteRefreshWithUnknownSubtypeEndsBeforeItsSafi",
            message(5, "0001 03  # AFI IPv4, subtype 3, no SAFI"),
            BgpError.BAD_MESSAGE_LENGTH),
        reset(
                "resetsSessionWithRouteRefreshErrorWhenBorrIsNot23Octets",
                message(5, "0001 01 01 00  # BoRR with one octet too many (RFC 7313 section 5)"),
                BgpError.INVALID_ROUTE_REFRESH_LENGTH)
            .withData(hex(hex(message(5, "0001 01 01 00")))),
        reset("resetsSessionWhenMessageTypeIsUnknown", message(6, ""), BgpError.BAD_MESSAGE_TYPE)
            .withData("06"),
        reset(
            "resetsSessionWhenMessageIsShorterThanItsLengthField",
            MARKER + "0030 02 0000 0000  # length 48, 23 octets",
            BgpError.BAD_MESSAGE_LENGTH),
        reset("resetsSessionWhenFewerThan19OctetsArrive", "ffffffff", BgpError.BAD_MESSAGE_LENGTH),
        // RFC 4271 section 6.2: OPEN message errors.
        reset(
                "resetsSessionWhenOpenVersionIsNot4",
                open(3, "fde8 00b4 c0000201 00"),
                BgpError.UNSUPPORTED_VERSION_NUMBER)
            .withData("0004"),
        reset(
            "resetsSessionWhenHoldTimeIsOne",
            open(4, "fde8 0001 c0000201 00"),
            BgpError.UNACCEPTABLE_HOLD_TIME),
        reset(
            "resetsSessionWhenHoldTimeIsTwo",
            open(4, "fde8 0002 c0000201 00"),
            BgpError.UNACCEPTABLE_HOLD_TIME),
        reset(
            "resetsSessionWhenBgpIdentifierIsZero",
            open(4, "fde8 00b4 00000000 00"),
            BgpError.BAD_BGP_IDENTIFIER),
        reset(
            "resetsSessionWhenOptionalParameterIsNotCapabilities",
            open("04 01 02 0000  # parameter type 1 (authentication, deprecated)"),
            BgpError.UNSUPPORTED_OPTIONAL_PARAMETER),
        reset(
            "resetsSessionWhenOptionalParametersLengthDisagreesWithMessage",
            open("08 02 02 0200  # length 8, 4 octets follow"),
            BgpError.OPEN_MESSAGE_ERROR),
        reset(
            "resetsSessionWhenExtendedOptionalParametersLengthDisagreesWithMessage",
            open(
                "0c ff 000a  # length 12, type 255 (RFC 9072): extended length 10, 9 octets follow\n"
                    + "02 0006 41 04 0000fde8  # capabilities: 4-octet AS 65000"),
            BgpError.OPEN_MESSAGE_ERROR),
        reset(
            "resetsSessionWhenExtendedOptionalParametersLengthIsTruncated",
            open("02 ff 00  # length 2, type 255 (RFC 9072), one octet of the extended length"),
            BgpError.OPEN_MESSAGE_ERROR),
        reset(
            "resetsSessionWhenOptionalParameterOverrunsMessage",
            open("04 02 0a 0200  # a parameter of length 10 in 4 octets"),
            BgpError.OPEN_MESSAGE_ERROR),
        reset(
            "resetsSessionWhenCapabilityOverrunsItsParameter",
            open("06 02 04 41 06 0000  # a capability of length 6 in a parameter of 4"),
            BgpError.OPEN_MESSAGE_ERROR),
        reset(
                "resetsSessionWhenMultiprotocolCapabilityLengthIsNotFour",
                openWithCapability("01 03 0001 00  # multiprotocol of length 3"),
                BgpError.OPEN_MESSAGE_ERROR)
            .withData("0103000100"),
        reset(
            "resetsSessionWhenFourOctetAsCapabilityLengthIsNotFour",
            openWithCapability("41 02 fde8  # 4-octet AS of length 2"),
            BgpError.OPEN_MESSAGE_ERROR),
        reset(
            "resetsSessionWhenGracefulRestartCapabilityIsTruncated",
            openWithCapability("40 03 0078 00  # restart time, then one octet of a family"),
            BgpError.OPEN_MESSAGE_ERROR),
        reset(
            "resetsSessionWhenRoleCapabilityLengthIsNotOne",
            openWithCapability("09 02 0101  # role of length 2"),
            BgpError.OPEN_MESSAGE_ERROR),
        reset(
            "resetsSessionWhenExtendedNextHopSafiExceeds255",
            openWithCapability("05 06 0001 0100 0002  # NLRI SAFI 256"),
            BgpError.OPEN_MESSAGE_ERROR),
        // RFC 4271 section 6.3 and RFC 7606 section 4: UPDATE length fields.
        reset(
            "resetsSessionWhenWithdrawnRoutesLengthOverrunsMessage",
            message(2, "0010 08 0a 0000  # withdrawn routes length 16, 2 octets"),
            BgpError.MALFORMED_ATTRIBUTE_LIST),
        reset(
            "resetsSessionWhenTotalAttributeLengthOverrunsMessage",
            message(2, "0000 0010 40010100  # total path attribute length 16, 4 octets"),
            BgpError.MALFORMED_ATTRIBUTE_LIST),
        // RFC 7606 section 5.3: NLRI fields that cannot be parsed reset the session.
        reset(
            "resetsSessionWhenWithdrawnPrefixIsLongerThan32",
            update("21 0a000000  # 10.0.0.0/33", "", ""),
            BgpError.INVALID_NETWORK_FIELD),
        reset(
            "resetsSessionWhenNlriPrefixIsTruncated",
            update("", BASE, "18 0a00  # a /24 with two octets"),
            BgpError.INVALID_NETWORK_FIELD),
        reset(
            "resetsSessionWhenNlriPrefixIsLongerThan32",
            update("", BASE, "21 0a00000000  # 10.0.0.0/33"),
            BgpError.INVALID_NETWORK_FIELD),
        reset(
                "resetsSessionWhenAddPathNlriIsTruncated",
                update("", BASE, "000000 # three octets of a path identifier"),
                BgpError.INVALID_NETWORK_FIELD)
            .in(FOUR_OCTET.toBuilder().addPath(AfiSafi.IPV4_UNICAST, true, false).build()),
        // RFC 7606 section 3 g: MP_REACH_NLRI or MP_UNREACH_NLRI twice.
        reset(
            "resetsSessionWhenMpReachNlriAppearsTwice",
            update(
                "",
                BASE
                    + "80 0e 16 0002 01 10 "
                    + IPV6_NEXT_HOP
                    + " 00 00  # MP_REACH_NLRI\n"
                    + "80 0e 16 0002 01 10 "
                    + IPV6_NEXT_HOP
                    + " 00 00  # and again",
                NLRI),
            BgpError.MALFORMED_ATTRIBUTE_LIST),
        reset(
            "resetsSessionWhenMpUnreachNlriAppearsTwice",
            update("", "80 0f 03 000201  # MP_UNREACH_NLRI\n80 0f 03 000201  # and again", ""),
            BgpError.MALFORMED_ATTRIBUTE_LIST),
        reset(
            "resetsSessionWhenMpReachNlriIsTooShortForAfiSafi",
            update("", BASE + "80 0e 02 0002  # MP_REACH_NLRI of length 2", NLRI),
            BgpError.OPTIONAL_ATTRIBUTE_ERROR),
        reset(
            "resetsSessionWhenMpUnreachNlriIsTooShortForAfiSafi",
            update("", "80 0f 01 00  # MP_UNREACH_NLRI of length 1", ""),
            BgpError.OPTIONAL_ATTRIBUTE_ERROR),
        reset(
            "resetsSessionWhenMpReachNlriOverrunsAttributes",
            update("", BASE + "80 0e 20 0002 01  # MP_REACH_NLRI of length 32, 3 octets", ""),
            BgpError.OPTIONAL_ATTRIBUTE_ERROR),
        reset(
                "resetsSessionWhenWellKnownAttributeIsUnrecognized",
                update("", BASE + "40 64 01 00  # type 100, well-known", NLRI),
                BgpError.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE)
            .withData("40640100"),
        // RFC 7606 section 7.1: ORIGIN.
        withdraw(
                "treatsUpdateAsWithdrawWhenOriginLengthIsNotOne",
                "40 01 02 0000  # ORIGIN of length 2\n" + AS_PATH + NEXT_HOP,
                BgpError.ATTRIBUTE_LENGTH_ERROR)
            .withData("4001020000"),
        withdraw(
            "treatsUpdateAsWithdrawWhenOriginIsUndefined",
            "40 01 01 03  # ORIGIN 3\n" + AS_PATH + NEXT_HOP,
            BgpError.INVALID_ORIGIN_ATTRIBUTE),
        // RFC 7606 section 3 c: flags.
        withdraw(
            "treatsUpdateAsWithdrawWhenOriginFlagsAreOptional",
            "c0 01 01 00  # ORIGIN flagged optional\n" + AS_PATH + NEXT_HOP,
            BgpError.ATTRIBUTE_FLAGS_ERROR),
        // RFC 7606 section 3 d: missing well-known mandatory attributes.
        withdraw(
                "treatsUpdateAsWithdrawWhenOriginIsMissing",
                AS_PATH + NEXT_HOP,
                BgpError.MISSING_WELL_KNOWN_ATTRIBUTE)
            .withData("01"),
        withdraw(
                "treatsUpdateAsWithdrawWhenAsPathIsMissing",
                ORIGIN + NEXT_HOP,
                BgpError.MISSING_WELL_KNOWN_ATTRIBUTE)
            .withData("02"),
        withdraw(
                "treatsUpdateAsWithdrawWhenNextHopIsMissing",
                ORIGIN + AS_PATH,
                BgpError.MISSING_WELL_KNOWN_ATTRIBUTE)
            .withData("03"),
        // RFC 7606 section 7.2 and RFC 7607: AS_PATH.
        withdraw(
            "treatsUpdateAsWithdrawWhenAsPathSegmentTypeIsUnknown",
            ORIGIN + "40 02 06 05 01 0000fde8  # segment type 5\n" + NEXT_HOP,
            BgpError.MALFORMED_AS_PATH),
        withdraw(
            "treatsUpdateAsWithdrawWhenAsPathSegmentIsEmpty",
            ORIGIN + "40 02 02 02 00  # AS_SEQUENCE of zero\n" + NEXT_HOP,
            BgpError.MALFORMED_AS_PATH),
        withdraw(
            "treatsUpdateAsWithdrawWhenAsPathSegmentOverrunsAttribute",
            ORIGIN + "40 02 06 02 02 0000fde8  # two AS numbers, room for one\n" + NEXT_HOP,
            BgpError.MALFORMED_AS_PATH),
        withdraw(
            "treatsUpdateAsWithdrawWhenAsPathEndsInOneOctet",
            ORIGIN + "40 02 07 02 01 0000fde8 02  # one octet after the segment\n" + NEXT_HOP,
            BgpError.MALFORMED_AS_PATH),
        withdraw(
            "treatsUpdateAsWithdrawWhenAsPathHoldsAsZero",
            ORIGIN + "40 02 06 02 01 00000000  # AS 0\n" + NEXT_HOP,
            BgpError.MALFORMED_AS_PATH),
        withdraw(
                "treatsUpdateAsWithdrawWhenExternalPeerSendsConfederationSegment",
                ORIGIN + "40 02 06 03 01 0000fde9  # AS_CONFED_SEQUENCE\n" + NEXT_HOP,
                BgpError.MALFORMED_AS_PATH)
            .in(EXTERNAL),
        // RFC 7606 section 7.3: NEXT_HOP.
        withdraw(
            "treatsUpdateAsWithdrawWhenNextHopLengthIsNotFour",
            ORIGIN + AS_PATH + "40 03 05 c000020100  # NEXT_HOP of length 5\n",
            BgpError.ATTRIBUTE_LENGTH_ERROR),
        withdraw(
            "treatsUpdateAsWithdrawWhenNextHopIsZero",
            ORIGIN + AS_PATH + "40 03 04 00000000  # NEXT_HOP 0.0.0.0\n",
            BgpError.INVALID_NEXT_HOP_ATTRIBUTE),
        withdraw(
            "treatsUpdateAsWithdrawWhenNextHopIsMulticast",
            ORIGIN + AS_PATH + "40 03 04 e0000001  # NEXT_HOP 224.0.0.1\n",
            BgpError.INVALID_NEXT_HOP_ATTRIBUTE),
        // RFC 7606 sections 7.4, 7.5, 7.8 to 7.10, 7.14; RFC 8092 section 6; RFC 9234 section 5.
        withdraw(
            "treatsUpdateAsWithdrawWhenMedLengthIsNotFour",
            BASE + "80 04 03 000064  # MULTI_EXIT_DISC of length 3",
            BgpError.ATTRIBUTE_LENGTH_ERROR),
        withdraw(
            "treatsUpdateAsWithdrawWhenLocalPrefLengthIsNotFour",
            BASE + "40 05 02 0064  # LOCAL_PREF of length 2",
            BgpError.ATTRIBUTE_LENGTH_ERROR),
        withdraw(
            "treatsUpdateAsWithdrawWhenCommunitiesLengthIsZero",
            BASE + "c0 08 00  # COMMUNITIES of length 0",
            BgpError.ATTRIBUTE_LENGTH_ERROR),
        withdraw(
            "treatsUpdateAsWithdrawWhenCommunitiesLengthIsNotMultipleOfFour",
            BASE + "c0 08 05 fde8006400  # COMMUNITIES of length 5",
            BgpError.ATTRIBUTE_LENGTH_ERROR),
        withdraw(
            "treatsUpdateAsWithdrawWhenLocalPrefFlagsAreOptionalFromInternalPeer",
            BASE + "c0 05 04 00000064  # LOCAL_PREF flagged optional transitive",
            BgpError.ATTRIBUTE_FLAGS_ERROR),
        withdraw(
            "treatsUpdateAsWithdrawWhenCommunitiesFlagsAreNonTransitive",
            BASE + "80 08 04 fde80064  # COMMUNITIES flagged non-transitive",
            BgpError.ATTRIBUTE_FLAGS_ERROR),
        withdraw(
            "treatsUpdateAsWithdrawWhenOriginatorIdLengthIsNotFour",
            BASE + "80 09 05 c000020300  # ORIGINATOR_ID of length 5",
            BgpError.ATTRIBUTE_LENGTH_ERROR),
        withdraw(
            "treatsUpdateAsWithdrawWhenClusterListLengthIsNotMultipleOfFour",
            BASE + "80 0a 06 c0000204 0000  # CLUSTER_LIST of length 6",
            BgpError.ATTRIBUTE_LENGTH_ERROR),
        withdraw(
            "treatsUpdateAsWithdrawWhenExtendedCommunitiesLengthIsNotMultipleOfEight",
            BASE + "c0 10 0c 0002fde800000064 00000000  # EXTENDED_COMMUNITIES of length 12",
            BgpError.ATTRIBUTE_LENGTH_ERROR),
        withdraw(
            "treatsUpdateAsWithdrawWhenLargeCommunityLengthIsNotMultipleOfTwelve",
            BASE + "c0 20 10 0000fde8 00000001 00000002 00000003  # LARGE_COMMUNITY of 16",
            BgpError.ATTRIBUTE_LENGTH_ERROR),
        withdraw(
            "treatsUpdateAsWithdrawWhenOtcLengthIsNotFour",
            BASE + "c0 23 03 00fde8  # OTC of length 3",
            BgpError.ATTRIBUTE_LENGTH_ERROR),
        // RFC 7606 section 4: attribute lengths against the total path attribute length.
        withdraw(
            "treatsUpdateAsWithdrawWhenAttributeOverrunsTotalAttributeLength",
            BASE + "80 04 08 00000064  # MULTI_EXIT_DISC of length 8, 4 octets left",
            BgpError.ATTRIBUTE_LENGTH_ERROR),
        withdraw(
            "treatsUpdateAsWithdrawWhenTooFewOctetsRemainForAnAttributeHeader",
            BASE + "80 04  # two octets left",
            BgpError.MALFORMED_ATTRIBUTE_LIST),
        // MP_REACH_NLRI next hop that is no host, and flags.
        new Case(
            "treatsUpdateAsWithdrawWhenMpNextHopIsUnspecified",
            FOUR_OCTET,
            update(
                "",
                ORIGIN
                    + AS_PATH
                    + "80 0e 1a 0002 01 10 00000000000000000000000000000000 00"
                    + " 20 20010db8  # MP_REACH_NLRI of 2001:db8::/32 via ::",
                ""),
            ErrorAction.TREAT_AS_WITHDRAW,
            BgpError.INVALID_NEXT_HOP_ATTRIBUTE,
            null,
            null),
        // RFC 7606 sections 3 c and 5.3, RFC 4760 section 7: an MP attribute with the wrong flags
        // is incorrect, and its family disabled (or the session reset when it names none).
        disable(
            "disablesIpv6WhenMpReachFlagsAreTransitive",
            ORIGIN
                + AS_PATH
                + "c0 0e 1a 0002 01 10 "
                + IPV6_NEXT_HOP
                + " 00"
                + " 20 20010db8  # MP_REACH_NLRI flagged transitive",
            AfiSafi.IPV6_UNICAST),
        disable(
            "disablesIpv6WhenMpUnreachFlagsAreTransitive",
            "c0 0f 08 0002 01 20 20010db8  # MP_UNREACH_NLRI of 2001:db8::/32 flagged transitive",
            AfiSafi.IPV6_UNICAST),
        reset(
            "resetsSessionWhenMpReachWithWrongFlagsIsTooShortForAfiSafi",
            update("", BASE + "c0 0e 02 0002  # MP_REACH_NLRI flagged transitive, length 2", NLRI),
            BgpError.OPTIONAL_ATTRIBUTE_ERROR),
        // RFC 7606 sections 7.5 to 7.7, 7.9, 7.10, RFC 6793 section 6, RFC 7607: attribute discard.
        discard(
                "discardsLocalPrefFromExternalPeer",
                BASE + "40 05 04 00000064  # LOCAL_PREF from an eBGP peer",
                BgpError.UPDATE_MESSAGE_ERROR)
            .in(EXTERNAL),
        discard(
                "discardsMalformedOriginatorIdFromExternalPeer",
                BASE + "80 09 03 c00002  # ORIGINATOR_ID of length 3 from an eBGP peer",
                BgpError.UPDATE_MESSAGE_ERROR)
            .in(EXTERNAL),
        discard(
                "discardsMalformedClusterListFromExternalPeer",
                BASE + "80 0a 06 c0000204 0000  # CLUSTER_LIST of length 6 from an eBGP peer",
                BgpError.UPDATE_MESSAGE_ERROR)
            .in(EXTERNAL),
        // RFC 7606 sections 3 c and 3 f, RFC 6793 section 6: wrong flags on these are discarded.
        discard(
                "discardsLocalPrefFromExternalPeerWhenFlagsAreOptional",
                BASE + "c0 05 04 00000064  # LOCAL_PREF flagged optional transitive, from eBGP",
                BgpError.UPDATE_MESSAGE_ERROR)
            .in(EXTERNAL),
        discard(
            "discardsAtomicAggregateWhenFlagsAreOptional",
            BASE + "c0 06 00  # ATOMIC_AGGREGATE flagged optional transitive",
            BgpError.ATTRIBUTE_FLAGS_ERROR),
        discard(
            "discardsAggregatorWhenFlagsAreNonTransitive",
            BASE + "80 07 08 0000fde8 c0000202  # AGGREGATOR flagged optional non-transitive",
            BgpError.ATTRIBUTE_FLAGS_ERROR),
        discard(
                "discardsAs4PathWhenFlagsAreNonTransitive",
                ORIGIN
                    + "40 02 04 02 01 5ba0  # AS_PATH 23456 (AS_TRANS), 2-octet\n"
                    + NEXT_HOP
                    + "80 11 06 02 01 00010000  # AS4_PATH 65536 flagged non-transitive",
                BgpError.ATTRIBUTE_FLAGS_ERROR)
            .in(TWO_OCTET),
        discard(
                "discardsAs4AggregatorWhenFlagsAreWellKnown",
                ORIGIN
                    + "40 02 04 02 01 5ba0  # AS_PATH 23456 (AS_TRANS), 2-octet\n"
                    + NEXT_HOP
                    + "c0 07 06 5ba0 c0000202  # AGGREGATOR AS_TRANS, 192.0.2.2\n"
                    + "40 12 08 00010000 c0000202  # AS4_AGGREGATOR flagged well-known",
                BgpError.ATTRIBUTE_FLAGS_ERROR)
            .in(TWO_OCTET),
        discard(
            "discardsAtomicAggregateWhenLengthIsNotZero",
            BASE + "40 06 01 00  # ATOMIC_AGGREGATE of length 1",
            BgpError.ATTRIBUTE_LENGTH_ERROR),
        discard(
            "discardsAggregatorWhenLengthIsNotEight",
            BASE + "c0 07 06 fde8 c0000202  # 2-octet AGGREGATOR on a 4-octet session",
            BgpError.ATTRIBUTE_LENGTH_ERROR),
        discard(
                "discardsAggregatorWhenLengthIsNotSixOnTwoOctetSession",
                ORIGIN
                    + "40 02 04 02 01 fde8  # AS_PATH 65000, 2-octet\n"
                    + NEXT_HOP
                    + "c0 07 08 0000fde8 c0000202  # 4-octet AGGREGATOR on a 2-octet session",
                BgpError.ATTRIBUTE_LENGTH_ERROR)
            .in(TWO_OCTET),
        discard(
            "discardsAggregatorWhenAsIsZero",
            BASE + "c0 07 08 00000000 c0000202  # AGGREGATOR AS 0 (RFC 7607)",
            BgpError.OPTIONAL_ATTRIBUTE_ERROR),
        discard(
            "discardsRepeatedAttribute",
            BASE + "80 04 04 00000064  # MULTI_EXIT_DISC\n80 04 04 00000065  # and again",
            BgpError.MALFORMED_ATTRIBUTE_LIST),
        discard(
                "discardsMalformedAs4Path",
                ORIGIN
                    + "40 02 04 02 01 fde8  # AS_PATH 65000, 2-octet\n"
                    + NEXT_HOP
                    + "c0 11 06 03 01 0000fde9  # AS4_PATH with a confederation segment",
                BgpError.MALFORMED_AS_PATH)
            .in(TWO_OCTET),
        discard(
                "discardsAs4AggregatorWhenLengthIsNotEight",
                ORIGIN
                    + "40 02 04 02 01 fde8  # AS_PATH 65000, 2-octet\n"
                    + NEXT_HOP
                    + "c0 12 06 fde8 c0000202  # AS4_AGGREGATOR of length 6",
                BgpError.ATTRIBUTE_LENGTH_ERROR)
            .in(TWO_OCTET),
        discard(
            "discardsAs4PathBetweenFourOctetSpeakers",
            BASE + "c0 11 06 02 01 0000fde8  # AS4_PATH on a 4-octet session",
            BgpError.UPDATE_MESSAGE_ERROR),
        // RFC 7606 section 7.11 and RFC 4760 section 7: AFI/SAFI disable.
        disable(
            "disablesIpv6WhenMpReachNextHopLengthIsFour",
            ORIGIN + AS_PATH + "80 0e 0b 0002 01 04 c0000201 00 20 20010db8  # IPv6 via IPv4",
            AfiSafi.IPV6_UNICAST),
        disable(
            "disablesIpv4WhenMpReachHasIpv6NextHopWithoutExtendedNextHop",
            ORIGIN + AS_PATH + "80 0e 18 0001 01 10 " + IPV6_NEXT_HOP + " 00 18 c00002",
            AfiSafi.IPV4_UNICAST),
        disable(
            "disablesIpv6WhenMpReachPrefixIsLongerThan128",
            ORIGIN + AS_PATH + "80 0e 17 0002 01 10 " + IPV6_NEXT_HOP + " 00 81 20  # /129",
            AfiSafi.IPV6_UNICAST),
        disable(
            "disablesIpv6WhenMpReachNextHopOverrunsAttribute",
            ORIGIN + AS_PATH + "80 0e 09 0002 01 20 " + IPV6_NEXT_HOP.substring(0, 10),
            AfiSafi.IPV6_UNICAST),
        disable(
            "disablesIpv6WhenMpReachHasNoNextHopLength",
            ORIGIN + AS_PATH + "80 0e 03 0002 01  # AFI and SAFI only",
            AfiSafi.IPV6_UNICAST),
        disable(
            "disablesIpv6WhenMpUnreachNlriIsTruncated",
            "80 0f 05 0002 01 30 2001  # a /48 with two octets",
            AfiSafi.IPV6_UNICAST),
        // RFC 7606 section 5.2: attributes, but no reachable NLRI.
        reset(
                "resetsSessionWhenAnUpdateWithoutReachableNlriHasAnErrorBeyondDiscard",
                update("08 0a  # withdraws 10.0.0.0/8", "40 01 02 0000  # ORIGIN of length 2", ""),
                BgpError.ATTRIBUTE_LENGTH_ERROR)
            .withData("4001020000"),
        new Case(
            "treatsUpdateAsWithdrawWhenMpNextHopIsUnspecifiedBesideAnUnspecifiedLinkLocalOne",
            FOUR_OCTET,
            update(
                "",
                ORIGIN
                    + AS_PATH
                    + "80 0e 2a 0002 01 20 00000000000000000000000000000000"
                    + " 00000000000000000000000000000000 00"
                    + " 20 20010db8  # MP_REACH_NLRI of 2001:db8::/32 via :: and ::",
                ""),
            ErrorAction.TREAT_AS_WITHDRAW,
            BgpError.INVALID_NEXT_HOP_ATTRIBUTE,
            null,
            null),
        // RFC 7606 section 3 g: the strongest action wins.
        withdraw(
            "treatsUpdateAsWithdrawWhenItOutranksAttributeDiscard",
            "40 01 01 07  # ORIGIN 7\n"
                + AS_PATH
                + NEXT_HOP
                + "40 06 01 00  # ATOMIC_AGGREGATE of length 1",
            BgpError.INVALID_ORIGIN_ATTRIBUTE),
        new Case(
            "disablesFamilyWhenItOutranksTreatAsWithdraw",
            FOUR_OCTET,
            update(
                "",
                BASE
                    + "80 04 03 000064  # MULTI_EXIT_DISC of length 3\n"
                    + "80 0e 0b 0002 01 04 c0000201 00 20 20010db8  # IPv6 via IPv4",
                NLRI),
            ErrorAction.AFI_SAFI_DISABLE,
            BgpError.OPTIONAL_ATTRIBUTE_ERROR,
            null,
            AfiSafi.IPV6_UNICAST),
        reset(
            "resetsSessionWhenItOutranksTreatAsWithdraw",
            update("", "40 01 01 07  # ORIGIN 7\n" + AS_PATH + NEXT_HOP, "21 0a  # /33"),
            BgpError.INVALID_NETWORK_FIELD));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void decodesToTheExpectedError(Case input) {
    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(input.message()), input.context());

    DecodeError strongest = result.strongestError().orElseThrow();
    assertEquals(input.action(), strongest.action(), result.errors().toString());
    assertEquals(input.error(), strongest.error(), result.errors().toString());
    if (input.data() != null) {
      assertEquals(input.data(), strongest.data().toString());
    }
    switch (input.action()) {
      case SESSION_RESET -> {
        assertEquals(Optional.empty(), result.message());
        assertEquals(strongest.notification(), result.notification());
      }
      case AFI_SAFI_DISABLE ->
          assertEquals(java.util.Set.of(input.family()), result.disabledFamilies());
      case TREAT_AS_WITHDRAW -> {
        Update update = (Update) result.message().orElseThrow();
        assertEquals(Optional.empty(), update.attributes());
        assertTrue(update.nlri().isEmpty() && update.mpReach().isEmpty());
        boolean withdrawsTheRoute =
            update.withdrawnRoutes().prefixes().contains(Prefix.parse("10.0.0.0/8"))
                || update.mpUnreach().map(u -> !u.withdrawn().isEmpty()).orElse(false);
        assertTrue(withdrawsTheRoute, update.toString());
      }
      case ATTRIBUTE_DISCARD -> {
        Update update = (Update) result.message().orElseThrow();
        assertTrue(update.attributes().isPresent());
        assertEquals(List.of(Prefix.parse("10.0.0.0/8")), update.nlri().prefixes());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void consumesTheWholeMessageOrTheWholeBuffer(Case input) {
    java.nio.ByteBuffer buffer = Wire.buffer(input.message());

    new MessageDecoder().decode(buffer, input.context());

    assertFalse(buffer.hasRemaining());
  }

  @Test
  void framesAHeaderThatIsWrongByItselfAsTheHeaderAlone() {
    // RFC 4271 section 6.1: these are answered from the 19 octets, without waiting for the body.
    CodecContext extended = FOUR_OCTET.toBuilder().extendedMessages(true, false).build();

    assertEquals(19, frameLength("fffffffffffffffffffffffffffffffe 1000 02  # marker", FOUR_OCTET));
    assertEquals(19, frameLength(MARKER + "1001 02  # length 4,097", FOUR_OCTET));
    assertEquals(19, frameLength(MARKER + "0012 04  # length 18", FOUR_OCTET));
    assertEquals(19, frameLength(MARKER + "0100 06  # type 6", FOUR_OCTET));
    assertEquals(4097, frameLength(MARKER + "1001 02  # length 4,097", extended));
    assertEquals(256, frameLength(MARKER + "0100 02  # length 256", FOUR_OCTET));
    assertEquals(-1, frameLength(MARKER + "0100  # no type yet", FOUR_OCTET));
  }

  private static int frameLength(String header, CodecContext context) {
    return MessageDecoder.frameLength(Wire.buffer(header), context);
  }

  @Test
  void ignoresAddPathCapabilityWhenSendReceiveIsNotOneToThree() {
    // RFC 7911 section 4: the capability is not understood, and ignored (RFC 5492) as a whole.
    String capability =
        """
        45 08                             # ADD-PATH, length 8
        0001 01 03                        # IPv4 unicast: send and receive
        0002 01 04                        # IPv6 unicast: Send/Receive 4, undefined
        """;

    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(openWithCapability(capability)), FOUR_OCTET);

    assertEquals(
        Optional.of(
            new Open(
                4,
                65000,
                180,
                IpAddress.parse("192.0.2.1"),
                ImmutableList.of(
                    new UnknownCapability(
                        CapabilityCode.ADD_PATH, Octets.fromHex("0001010300020104"))))),
        result.message(),
        result.errors().toString());
  }

  @Test
  void discardsOriginatorIdFromAnExternalPeer() {
    String originatorId = "80 09 04 c0000203  # ORIGINATOR_ID 192.0.2.3 from an eBGP peer\n";

    assertDiscardedFromExternalPeer(originatorId);
  }

  @Test
  void discardsClusterListFromAnExternalPeer() {
    String clusterList = "80 0a 04 c0000204  # CLUSTER_LIST 192.0.2.4 from an eBGP peer\n";

    assertDiscardedFromExternalPeer(clusterList);
  }

  /**
   * RFC 7606 7.9, 7.10: the UPDATE gives what it gives without {@code attribute}, and a discard.
   */
  private static void assertDiscardedFromExternalPeer(String attribute) {
    DecodeResult result =
        new MessageDecoder().decode(Wire.buffer(update("", BASE + attribute, NLRI)), EXTERNAL);
    DecodeResult without =
        new MessageDecoder().decode(Wire.buffer(update("", BASE, NLRI)), EXTERNAL);

    assertEquals(without.message(), result.message());
    assertEquals(
        List.of(ErrorAction.ATTRIBUTE_DISCARD),
        result.errors().stream().map(DecodeError::action).toList());
  }

  @Test
  void tellsAnAttributeDiscardedByRuleFromAMalformedOne() {
    // What the session logs at WARN with the whole UPDATE (RFC 7606 section 6), and what not.
    String localPref = "40 05 04 00000064  # LOCAL_PREF 100, well formed, from an eBGP peer";
    String atomicAggregate = "40 06 01 00  # ATOMIC_AGGREGATE of length 1";

    DecodeResult byRule =
        new MessageDecoder().decode(Wire.buffer(update("", BASE + localPref, NLRI)), EXTERNAL);
    DecodeResult malformed =
        new MessageDecoder()
            .decode(Wire.buffer(update("", BASE + atomicAggregate, NLRI)), EXTERNAL);

    assertEquals(List.of(false), byRule.errors().stream().map(DecodeError::isMalformed).toList());
    assertEquals(List.of(true), malformed.errors().stream().map(DecodeError::isMalformed).toList());
  }

  @Test
  void ignoresRouteRefreshWithUnknownSubtypeEvenWhenLongerThan23Octets() {
    // RFC 7313 section 5: a subtype other than 0, 1 or 2 makes the receiver ignore the message,
    // which the decoder hands over as it is, for the session to ignore.
    String refresh =
        message(
            5,
            """
            0001                              # AFI IPv4
            03                                # subtype 3, unassigned
            01                                # SAFI unicast
            000000                            # three octets more than RFC 2918 defines
            """);

    DecodeResult result = new MessageDecoder().decode(Wire.buffer(refresh), FOUR_OCTET);

    assertEquals(
        Optional.of(new RouteRefresh(AfiSafi.IPV4_UNICAST, RouteRefreshSubtype.valueOf(3))),
        result.message(),
        result.errors().toString());
    assertTrue(result.isClean());
  }
}
