package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import org.jspecify.annotations.Nullable;

/**
 * The error a NOTIFICATION message reports: its Error Code and Error Subcode together (RFC 4271
 * section 4.5 and 6; subcodes from RFC 4271, RFC 5492, RFC 9234, RFC 6608, RFC 4486, RFC 8538, RFC
 * 9384 and RFC 7313; IANA "BGP Error Subcodes"). An open enum like {@link CodePoint}: {@link
 * #valueOf} returns a named constant or an unknown value that keeps both numbers. Subcode 0 is
 * "unspecific" for every code; its constant carries the name of the code.
 */
public final class BgpError {
  private static final ImmutableMap.Builder<Integer, BgpError> KNOWN = ImmutableMap.builder();

  // RFC 4271 section 6.1: message header errors.
  /** 1/0: a message header error without a more specific subcode. */
  public static final BgpError MESSAGE_HEADER_ERROR =
      known(ErrorCode.MESSAGE_HEADER_ERROR, 0, "MESSAGE_HEADER_ERROR");

  /** 1/1: the marker is not all ones. */
  public static final BgpError CONNECTION_NOT_SYNCHRONIZED =
      known(ErrorCode.MESSAGE_HEADER_ERROR, 1, "CONNECTION_NOT_SYNCHRONIZED");

  /** 1/2: the length field is out of range for the message type; data: the 2-octet length. */
  public static final BgpError BAD_MESSAGE_LENGTH =
      known(ErrorCode.MESSAGE_HEADER_ERROR, 2, "BAD_MESSAGE_LENGTH");

  /** 1/3: the type is not recognised; data: the type octet. */
  public static final BgpError BAD_MESSAGE_TYPE =
      known(ErrorCode.MESSAGE_HEADER_ERROR, 3, "BAD_MESSAGE_TYPE");

  // RFC 4271 section 6.2: OPEN message errors.
  /** 2/0: an OPEN message error without a more specific subcode (e.g. a malformed capability). */
  public static final BgpError OPEN_MESSAGE_ERROR =
      known(ErrorCode.OPEN_MESSAGE_ERROR, 0, "OPEN_MESSAGE_ERROR");

  /** 2/1: data: the largest supported version as 2 octets. */
  public static final BgpError UNSUPPORTED_VERSION_NUMBER =
      known(ErrorCode.OPEN_MESSAGE_ERROR, 1, "UNSUPPORTED_VERSION_NUMBER");

  /** 2/2: the peer's AS is not the one configured. */
  public static final BgpError BAD_PEER_AS = known(ErrorCode.OPEN_MESSAGE_ERROR, 2, "BAD_PEER_AS");

  /** 2/3: the BGP Identifier is not acceptable (RFC 6286: zero, or equal to ours). */
  public static final BgpError BAD_BGP_IDENTIFIER =
      known(ErrorCode.OPEN_MESSAGE_ERROR, 3, "BAD_BGP_IDENTIFIER");

  /** 2/4: an optional parameter of a type other than Capabilities. */
  public static final BgpError UNSUPPORTED_OPTIONAL_PARAMETER =
      known(ErrorCode.OPEN_MESSAGE_ERROR, 4, "UNSUPPORTED_OPTIONAL_PARAMETER");

  /** 2/6: a hold time of 1 or 2 seconds, or one refused by local policy. */
  public static final BgpError UNACCEPTABLE_HOLD_TIME =
      known(ErrorCode.OPEN_MESSAGE_ERROR, 6, "UNACCEPTABLE_HOLD_TIME");

  /** 2/7 (RFC 5492 section 5): data: the capabilities required but not offered. */
  public static final BgpError UNSUPPORTED_CAPABILITY =
      known(ErrorCode.OPEN_MESSAGE_ERROR, 7, "UNSUPPORTED_CAPABILITY");

  /** 2/11 (RFC 9234 section 4.2): the two BGP roles do not fit together. */
  public static final BgpError ROLE_MISMATCH =
      known(ErrorCode.OPEN_MESSAGE_ERROR, 11, "ROLE_MISMATCH");

  // RFC 4271 section 6.3, revised by RFC 7606: UPDATE message errors.
  /** 3/0: an UPDATE message error without a more specific subcode. */
  public static final BgpError UPDATE_MESSAGE_ERROR =
      known(ErrorCode.UPDATE_MESSAGE_ERROR, 0, "UPDATE_MESSAGE_ERROR");

  /** 3/1: the attribute field is malformed, or MP_(UN)REACH_NLRI appears twice. */
  public static final BgpError MALFORMED_ATTRIBUTE_LIST =
      known(ErrorCode.UPDATE_MESSAGE_ERROR, 1, "MALFORMED_ATTRIBUTE_LIST");

  /** 3/2: data: the unrecognised well-known attribute. */
  public static final BgpError UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE =
      known(ErrorCode.UPDATE_MESSAGE_ERROR, 2, "UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE");

  /** 3/3: data: the type code of the missing attribute. */
  public static final BgpError MISSING_WELL_KNOWN_ATTRIBUTE =
      known(ErrorCode.UPDATE_MESSAGE_ERROR, 3, "MISSING_WELL_KNOWN_ATTRIBUTE");

  /** 3/4: data: the attribute (type, length and value). */
  public static final BgpError ATTRIBUTE_FLAGS_ERROR =
      known(ErrorCode.UPDATE_MESSAGE_ERROR, 4, "ATTRIBUTE_FLAGS_ERROR");

  /** 3/5: data: the attribute. */
  public static final BgpError ATTRIBUTE_LENGTH_ERROR =
      known(ErrorCode.UPDATE_MESSAGE_ERROR, 5, "ATTRIBUTE_LENGTH_ERROR");

  /** 3/6: data: the attribute. */
  public static final BgpError INVALID_ORIGIN_ATTRIBUTE =
      known(ErrorCode.UPDATE_MESSAGE_ERROR, 6, "INVALID_ORIGIN_ATTRIBUTE");

  /** 3/8: data: the attribute. */
  public static final BgpError INVALID_NEXT_HOP_ATTRIBUTE =
      known(ErrorCode.UPDATE_MESSAGE_ERROR, 8, "INVALID_NEXT_HOP_ATTRIBUTE");

  /** 3/9: data: the attribute. */
  public static final BgpError OPTIONAL_ATTRIBUTE_ERROR =
      known(ErrorCode.UPDATE_MESSAGE_ERROR, 9, "OPTIONAL_ATTRIBUTE_ERROR");

  /** 3/10: the withdrawn routes or NLRI field cannot be parsed. */
  public static final BgpError INVALID_NETWORK_FIELD =
      known(ErrorCode.UPDATE_MESSAGE_ERROR, 10, "INVALID_NETWORK_FIELD");

  /** 3/11: AS_PATH or AS4_PATH is malformed. */
  public static final BgpError MALFORMED_AS_PATH =
      known(ErrorCode.UPDATE_MESSAGE_ERROR, 11, "MALFORMED_AS_PATH");

  // RFC 4271 section 6.5.
  /** 4/0: no message arrived within the hold time. */
  public static final BgpError HOLD_TIMER_EXPIRED =
      known(ErrorCode.HOLD_TIMER_EXPIRED, 0, "HOLD_TIMER_EXPIRED");

  // RFC 6608: finite state machine errors; data: the message type octet received.
  /** 5/0: an unexpected event without a more specific subcode. */
  public static final BgpError FINITE_STATE_MACHINE_ERROR =
      known(ErrorCode.FINITE_STATE_MACHINE_ERROR, 0, "FINITE_STATE_MACHINE_ERROR");

  /** 5/1: an unexpected message in OpenSent. */
  public static final BgpError UNEXPECTED_MESSAGE_IN_OPEN_SENT =
      known(ErrorCode.FINITE_STATE_MACHINE_ERROR, 1, "UNEXPECTED_MESSAGE_IN_OPEN_SENT");

  /** 5/2: an unexpected message in OpenConfirm. */
  public static final BgpError UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM =
      known(ErrorCode.FINITE_STATE_MACHINE_ERROR, 2, "UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM");

  /** 5/3: an unexpected message in Established. */
  public static final BgpError UNEXPECTED_MESSAGE_IN_ESTABLISHED =
      known(ErrorCode.FINITE_STATE_MACHINE_ERROR, 3, "UNEXPECTED_MESSAGE_IN_ESTABLISHED");

  // RFC 4486 (and RFC 8538, RFC 9384): cease subcodes.
  /** 6/0: a cease without a more specific subcode. */
  public static final BgpError CEASE = known(ErrorCode.CEASE, 0, "CEASE");

  /** 6/1: data (optional): AFI (2), SAFI (1), the prefix upper bound (4). */
  public static final BgpError MAXIMUM_PREFIXES_REACHED =
      known(ErrorCode.CEASE, 1, "MAXIMUM_PREFIXES_REACHED");

  /** 6/2: data (optional): an RFC 9003 shutdown communication. */
  public static final BgpError ADMINISTRATIVE_SHUTDOWN =
      known(ErrorCode.CEASE, 2, "ADMINISTRATIVE_SHUTDOWN");

  /** 6/3: the peer was removed from the configuration. */
  public static final BgpError PEER_DECONFIGURED = known(ErrorCode.CEASE, 3, "PEER_DECONFIGURED");

  /** 6/4: data (optional): an RFC 9003 shutdown communication. */
  public static final BgpError ADMINISTRATIVE_RESET =
      known(ErrorCode.CEASE, 4, "ADMINISTRATIVE_RESET");

  /** 6/5: the connection was refused. */
  public static final BgpError CONNECTION_REJECTED =
      known(ErrorCode.CEASE, 5, "CONNECTION_REJECTED");

  /** 6/6: the session is reset to apply other configuration. */
  public static final BgpError OTHER_CONFIGURATION_CHANGE =
      known(ErrorCode.CEASE, 6, "OTHER_CONFIGURATION_CHANGE");

  /** 6/7: the connection lost the collision resolution of RFC 4271 section 6.8. */
  public static final BgpError CONNECTION_COLLISION_RESOLUTION =
      known(ErrorCode.CEASE, 7, "CONNECTION_COLLISION_RESOLUTION");

  /** 6/8: the speaker ran out of resources. */
  public static final BgpError OUT_OF_RESOURCES = known(ErrorCode.CEASE, 8, "OUT_OF_RESOURCES");

  /** 6/9 (RFC 8538 section 3): a hard reset that graceful restart must not survive. */
  public static final BgpError HARD_RESET = known(ErrorCode.CEASE, 9, "HARD_RESET");

  /** 6/10 (RFC 9384): the BFD session went down. */
  public static final BgpError BFD_DOWN = known(ErrorCode.CEASE, 10, "BFD_DOWN");

  // RFC 7313 section 5.
  /** 7/0: a ROUTE-REFRESH message error without a more specific subcode. */
  public static final BgpError ROUTE_REFRESH_MESSAGE_ERROR =
      known(ErrorCode.ROUTE_REFRESH_MESSAGE_ERROR, 0, "ROUTE_REFRESH_MESSAGE_ERROR");

  /** 7/1: a ROUTE-REFRESH message whose length is wrong; data: the whole message. */
  public static final BgpError INVALID_ROUTE_REFRESH_LENGTH =
      known(ErrorCode.ROUTE_REFRESH_MESSAGE_ERROR, 1, "INVALID_ROUTE_REFRESH_LENGTH");

  private static final ImmutableMap<Integer, BgpError> BY_CODES = KNOWN.buildOrThrow();

  private final ErrorCode code;
  private final int subcode;
  private final @Nullable String name;

  private BgpError(ErrorCode code, int subcode, @Nullable String name) {
    this.code = code;
    this.subcode = subcode;
    this.name = name;
  }

  private static BgpError known(ErrorCode code, int subcode, String name) {
    BgpError error = new BgpError(code, subcode, name);
    KNOWN.put(key(code.code(), subcode), error);
    return error;
  }

  private static int key(int code, int subcode) {
    return code << 8 | subcode;
  }

  /**
   * The error of {@code code} and {@code subcode}, known or not.
   *
   * @throws IllegalArgumentException if either is not 0 to 255
   */
  public static BgpError valueOf(int code, int subcode) {
    checkArgument(subcode >= 0 && subcode <= 0xFF, "subcode: %s (expected: 0 to 255)", subcode);
    BgpError known = BY_CODES.get(key(ErrorCode.valueOf(code).code(), subcode));
    return known != null ? known : new BgpError(ErrorCode.valueOf(code), subcode, null);
  }

  /** The error code. */
  public ErrorCode code() {
    return code;
  }

  /** The error subcode (0 is unspecific). */
  public int subcode() {
    return subcode;
  }

  /** Whether this pair has a name in this library. */
  public boolean isKnown() {
    return name != null;
  }

  /**
   * The name of a known error, for example {@code BAD_PEER_AS}; else the code's name and the
   * subcode, for example {@code CEASE/99}.
   */
  public String name() {
    return name != null ? name : code.name() + "/" + subcode;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof BgpError e && e.code.equals(code) && e.subcode == subcode;
  }

  @Override
  public int hashCode() {
    return key(code.code(), subcode);
  }

  /** The name and the two numbers, for example {@code BAD_PEER_AS (2/2)}. */
  @Override
  public String toString() {
    return name() + " (" + code.code() + "/" + subcode + ")";
  }
}
