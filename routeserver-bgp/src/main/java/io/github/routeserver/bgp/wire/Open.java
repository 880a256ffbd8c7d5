package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.IpAddress;

/**
 * OPEN, message type 1 (RFC 4271 section 4.2): the first message of a session, with the sender's
 * AS, hold time, BGP identifier and capabilities (RFC 5492).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Version    |     My Autonomous System      |   Hold Time   :
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :               |                BGP Identifier                 :
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :               | Opt Parm Len  |  Optional Parameters (variable)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Optional parameter:          RFC 9072 extended form (Opt Parm Len and
 * +------------+-------------+   first parameter type both 255, then a
 * | Type (1)   | Length (1)  |   2-octet length, and 2-octet parameter
 * +------------+-------------+   lengths):
 * | Value: capabilities when |   +-----+-----+---------------------+
 * | Type is 2 (RFC 5492)     |   | 255 | 255 | Ext. Opt Parm Len(2)|
 * +--------------------------+   +-----+-----+---------------------+
 * </pre>
 *
 * <p>Capabilities are the only optional parameter in use: another type is an OPEN Message Error,
 * Unsupported Optional Parameter (2/4), so this record holds the capabilities only, in wire order.
 * The encoder puts them in one Capabilities parameter and uses the RFC 9072 form only when they do
 * not fit in 255 octets. The decoder takes a first parameter type of 255 for the RFC 9072 form
 * whatever Opt Parm Len says (RFC 9072 section 3).
 *
 * @param version the protocol version; 4 (another version is refused by the decoder with 2/1)
 * @param myAs the 2-octet My Autonomous System field: the AS, or AS_TRANS (23456) when the AS needs
 *     four octets and is carried in the {@link FourOctetAsCapability}
 * @param holdTime the proposed hold time in seconds: 0, or 3 to 65535
 * @param bgpIdentifier the sender's BGP identifier, an IPv4 address
 * @param capabilities the capabilities, in wire order
 */
public record Open(
    int version,
    int myAs,
    int holdTime,
    IpAddress bgpIdentifier,
    ImmutableList<Capability> capabilities)
    implements BgpMessage {
  /** The BGP version this library speaks. */
  public static final int VERSION = 4;

  /** AS_TRANS (RFC 6793 section 9): the 2-octet stand-in for an AS that needs four octets. */
  public static final int AS_TRANS = 23456;

  /** Validates the fields. */
  public Open {
    checkArgument(version >= 0 && version <= 0xFF, "version: %s (expected: 0 to 255)", version);
    checkArgument(myAs >= 0 && myAs <= 0xFFFF, "myAs: %s (expected: 0 to 65535)", myAs);
    checkArgument(
        holdTime >= 0 && holdTime <= 0xFFFF, "holdTime: %s (expected: 0 to 65535)", holdTime);
    checkArgument(
        bgpIdentifier.isIpv4(), "bgpIdentifier: %s (expected: an IPv4 address)", bgpIdentifier);
  }

  /**
   * A version 4 OPEN from {@code asn} (4-octet capable: My Autonomous System is {@code asn} when it
   * fits in two octets, else AS_TRANS, and a {@link FourOctetAsCapability} for {@code asn} is added
   * first unless {@code capabilities} holds one).
   */
  public static Open of(
      long asn,
      int holdTime,
      IpAddress bgpIdentifier,
      Iterable<? extends Capability> capabilities) {
    ImmutableList.Builder<Capability> all = ImmutableList.builder();
    boolean hasFourOctetAs = false;
    for (Capability capability : capabilities) {
      hasFourOctetAs |= capability instanceof FourOctetAsCapability;
    }
    if (!hasFourOctetAs) {
      all.add(new FourOctetAsCapability(asn));
    }
    all.addAll(capabilities);
    int myAs = asn <= 0xFFFF ? (int) asn : AS_TRANS;
    return new Open(VERSION, myAs, holdTime, bgpIdentifier, all.build());
  }

  @Override
  public MessageType type() {
    return MessageType.OPEN;
  }

  /**
   * The sender's AS: the value of its {@link FourOctetAsCapability} when it sent one (RFC 6793
   * section 4.1), else My Autonomous System.
   */
  public long asn() {
    for (Capability capability : capabilities) {
      if (capability instanceof FourOctetAsCapability fourOctetAs) {
        return fourOctetAs.asn();
      }
    }
    return myAs;
  }

  /** The capabilities of type {@code type}, in wire order. */
  public <T extends Capability> ImmutableList<T> capabilities(Class<T> type) {
    ImmutableList.Builder<T> matching = ImmutableList.builder();
    for (Capability capability : capabilities) {
      if (type.isInstance(capability)) {
        matching.add(type.cast(capability));
      }
    }
    return matching.build();
  }
}
