package io.github.routeserver.bgp.codec;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.core.net.IpAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The OPEN message body (RFC 4271 sections 4.2 and 6.2, RFC 5492, RFC 9072 extended optional
 * parameters length).
 */
final class OpenCodec {
  private static final int CAPABILITIES = 2;
  private static final int EXTENDED_PARAMETERS = 255;
  private static final int FIXED_LENGTH = 10;

  private OpenCodec() {}

  /** Decodes the body at absolute indexes {@code start} to {@code end}. */
  static Open decode(ByteBuffer buffer, int start, int end) {
    int version = buffer.get(start) & 0xFF;
    if (version != Open.VERSION) {
      throw failure(
          BgpError.UNSUPPORTED_VERSION_NUMBER,
          Octets.copyOf(new byte[] {0, Open.VERSION}),
          "version " + version);
    }
    int myAs = buffer.getShort(start + 1) & 0xFFFF;
    int holdTime = buffer.getShort(start + 3) & 0xFFFF;
    if (holdTime == 1 || holdTime == 2) {
      throw failure(BgpError.UNACCEPTABLE_HOLD_TIME, Octets.EMPTY, "hold time " + holdTime);
    }
    IpAddress bgpIdentifier = IpAddress.ofIpv4(buffer.getInt(start + 5));
    if (bgpIdentifier.toIpv4Bits() == 0) {
      throw failure(BgpError.BAD_BGP_IDENTIFIER, Octets.EMPTY, "BGP identifier 0.0.0.0");
    }
    int parametersLength = buffer.get(start + 9) & 0xFF;
    int position = start + FIXED_LENGTH;
    // RFC 9072 section 3: a first parameter type of 255 selects the extended form, even when the
    // non-extended length is not 255; the extended length then governs.
    boolean extended = end > position && (buffer.get(position) & 0xFF) == EXTENDED_PARAMETERS;
    if (extended) {
      if (end - position < 3) {
        throw malformed("extended optional parameters length truncated");
      }
      parametersLength = buffer.getShort(position + 1) & 0xFFFF;
      position += 3;
    }
    if (position + parametersLength != end) {
      throw malformed(
          "optional parameters length "
              + parametersLength
              + " but "
              + (end - position)
              + " octets follow");
    }
    ImmutableList.Builder<Capability> capabilities = ImmutableList.builder();
    int headerLength = extended ? 3 : 2;
    while (position < end) {
      if (end - position < headerLength) {
        throw malformed("optional parameter header truncated");
      }
      int type = buffer.get(position) & 0xFF;
      int length =
          extended ? buffer.getShort(position + 1) & 0xFFFF : buffer.get(position + 1) & 0xFF;
      position += headerLength;
      if (length > end - position) {
        throw malformed("optional parameter of length " + length + " overruns the message");
      }
      if (type != CAPABILITIES) {
        throw failure(
            BgpError.UNSUPPORTED_OPTIONAL_PARAMETER,
            Octets.EMPTY,
            "optional parameter type " + type);
      }
      readCapabilities(buffer, position, position + length, capabilities);
      position += length;
    }
    return new Open(version, myAs, holdTime, bgpIdentifier, capabilities.build());
  }

  private static void readCapabilities(
      ByteBuffer buffer, int start, int end, ImmutableList.Builder<Capability> capabilities) {
    int position = start;
    while (position < end) {
      if (end - position < 2) {
        throw malformed("capability header truncated");
      }
      int code = buffer.get(position) & 0xFF;
      int length = buffer.get(position + 1) & 0xFF;
      position += 2;
      if (length > end - position) {
        throw malformed("capability " + code + " of length " + length + " overruns its parameter");
      }
      capabilities.add(CapabilityCodec.decode(code, buffer, position, length));
      position += length;
    }
  }

  private static DecodeFailure malformed(String detail) {
    return failure(BgpError.OPEN_MESSAGE_ERROR, Octets.EMPTY, detail);
  }

  private static DecodeFailure failure(BgpError error, Octets data, String detail) {
    return new DecodeFailure(
        new DecodeError(error, data, ErrorAction.SESSION_RESET, Optional.empty(), detail));
  }

  /**
   * Writes the body; the capabilities go in one Capabilities parameter, in the RFC 9072 extended
   * form when they take more than 253 octets.
   */
  static void encode(Open open, ByteBuffer out) {
    out.put((byte) open.version());
    out.putShort((short) open.myAs());
    out.putShort((short) open.holdTime());
    out.putInt(open.bgpIdentifier().toIpv4Bits());
    int lengthAt = out.position();
    if (open.capabilities().isEmpty()) {
      out.put((byte) 0);
      return;
    }
    out.put((byte) 0);
    out.put((byte) CAPABILITIES);
    out.put((byte) 0);
    int capabilitiesStart = out.position();
    open.capabilities().forEach(capability -> CapabilityCodec.encode(capability, out));
    int capabilitiesLength = out.position() - capabilitiesStart;
    if (capabilitiesLength + 2 <= 0xFF) {
      out.put(lengthAt, (byte) (capabilitiesLength + 2));
      out.put(capabilitiesStart - 1, (byte) capabilitiesLength);
      return;
    }
    // RFC 9072: 255, 255, a 2-octet total length, then parameters with 2-octet lengths. That is
    // three octets more in front of the capabilities, which move accordingly.
    ByteBuffer moved = out.duplicate().position(capabilitiesStart).limit(out.position());
    byte[] capabilities = new byte[capabilitiesLength];
    moved.get(capabilities);
    out.position(lengthAt);
    out.put((byte) EXTENDED_PARAMETERS).put((byte) EXTENDED_PARAMETERS);
    out.putShort((short) (capabilitiesLength + 3));
    out.put((byte) CAPABILITIES).putShort((short) capabilitiesLength);
    out.put(capabilities);
  }
}
