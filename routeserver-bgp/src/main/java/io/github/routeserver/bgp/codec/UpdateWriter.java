package io.github.routeserver.bgp.codec;

import static com.google.common.base.Preconditions.checkArgument;
import static io.github.routeserver.bgp.codec.AttributeWriter.OPTIONAL;

import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.AttributeType;
import io.github.routeserver.bgp.wire.MessageType;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.OpaqueAttribute;
import io.github.routeserver.core.route.PathAttributes;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The pieces of an encoded message that the {@link MessageEncoder} and the {@link UpdatePacker}
 * share: the header, NLRI fields, path attributes in type code order, and the multiprotocol
 * attributes.
 */
final class UpdateWriter {
  /** The octets of the message header. */
  static final int HEADER_LENGTH = 19;

  /** The fixed part of an UPDATE: header and the two length fields. */
  static final int MIN_UPDATE_LENGTH = HEADER_LENGTH + 4;

  private UpdateWriter() {}

  /** Writes a header with a length to patch; returns where the message starts. */
  static int beginMessage(ByteBuffer out, MessageType type) {
    int start = out.position();
    for (int i = 0; i < 16; i++) {
      out.put((byte) 0xFF);
    }
    out.putShort((short) 0);
    out.put((byte) type.code());
    return start;
  }

  /**
   * Patches the length of the message that started at {@code start}.
   *
   * @throws IllegalArgumentException if it is longer than {@code maxLength}
   */
  static void endMessage(ByteBuffer out, int start, int maxLength) {
    int length = out.position() - start;
    checkArgument(
        length <= maxLength,
        "message: %s octets (expected: at most %s; an UpdatePacker splits UPDATEs)",
        length,
        maxLength);
    out.putShort(start + 16, (short) length);
  }

  /** Writes the entries of {@code nlri}, with path identifiers when {@code addPath}. */
  static void writeNlri(ByteBuffer out, NlriList nlri, boolean addPath) {
    checkArgument(
        addPath || !nlri.hasPathIds(),
        "nlri: %s (expected: no path identifiers without ADD-PATH)",
        nlri);
    for (int i = 0; i < nlri.size(); i++) {
      NlriReader.write(out, nlri.prefix(i), nlri.pathId(i), addPath);
    }
  }

  /**
   * Writes every attribute of {@code attributes} but the multiprotocol ones, in type code order,
   * opaque attributes among them; NEXT_HOP only when {@code withNextHop}.
   */
  static void writeAttributes(
      ByteBuffer out, PathAttributes attributes, CodecContext context, boolean withNextHop) {
    List<OpaqueAttribute> opaque = attributes.opaqueAttributes();
    int nextOpaque = 0;
    for (AttributeCodec codec : AttributeTable.ALL) {
      while (nextOpaque < opaque.size()
          && opaque.get(nextOpaque).typeCode() < codec.type().code()) {
        writeOpaque(out, opaque.get(nextOpaque++));
      }
      if (codec.encoder() != null && (withNextHop || codec != AttributeTable.NEXT_HOP)) {
        codec.encoder().encode(attributes, context, out);
      }
    }
    while (nextOpaque < opaque.size()) {
      writeOpaque(out, opaque.get(nextOpaque++));
    }
  }

  /** Writes an attribute kept opaque, with the flags it holds. */
  static void writeOpaque(ByteBuffer out, OpaqueAttribute attribute) {
    checkArgument(
        AttributeTable.get(attribute.typeCode()) == null || isMultiprotocol(attribute.typeCode()),
        "opaque attribute: %s (expected: a type code the codec does not write itself)",
        attribute);
    checkArgument(
        (attribute.flags() & OPTIONAL) != 0,
        "opaque attribute: %s (expected: optional; an unknown well-known attribute cannot be sent)",
        attribute);
    int start = AttributeWriter.begin(out, attribute.flags(), attribute.typeCode());
    for (int i = 0; i < attribute.length(); i++) {
      out.put(attribute.valueAt(i));
    }
    AttributeWriter.end(out, start);
  }

  private static boolean isMultiprotocol(int typeCode) {
    return typeCode == AttributeType.MP_REACH_NLRI.code()
        || typeCode == AttributeType.MP_UNREACH_NLRI.code();
  }

  /** Starts MP_UNREACH_NLRI of {@code afiSafi}; returns where its value starts. */
  static int beginMpUnreach(ByteBuffer out, AfiSafi afiSafi) {
    int start = AttributeWriter.beginExtended(out, OPTIONAL, AttributeType.MP_UNREACH_NLRI.code());
    out.putShort((short) afiSafi.afi().code()).put((byte) afiSafi.safi().code());
    return start;
  }

  /**
   * Starts MP_REACH_NLRI of {@code afiSafi} with the next hop of {@code attributes} (RFC 2545 and
   * RFC 8950 encodings) and the reserved octet; returns where its value starts.
   *
   * @throws IllegalArgumentException if the next hop does not suit the family and context
   */
  static int beginMpReach(
      ByteBuffer out, AfiSafi afiSafi, PathAttributes attributes, CodecContext context) {
    IpAddress nextHop = attributes.nextHop().orElseThrow();
    checkArgument(
        nextHop.isIpv4()
            || !afiSafi.equals(AfiSafi.IPV4_UNICAST)
            || context.extendedNextHop(afiSafi),
        "next hop: %s for %s (expected: IPv4 unless extended next hop was negotiated)",
        nextHop,
        afiSafi);
    int start = AttributeWriter.beginExtended(out, OPTIONAL, AttributeType.MP_REACH_NLRI.code());
    out.putShort((short) afiSafi.afi().code()).put((byte) afiSafi.safi().code());
    IpAddress linkLocal = attributes.linkLocalNextHop().orElse(null);
    out.put((byte) (nextHop.isIpv4() ? 4 : linkLocal == null ? 16 : 32));
    out.put(nextHop.toBytes());
    if (linkLocal != null) {
      out.put(linkLocal.toBytes());
    }
    out.put((byte) 0); // reserved
    return start;
  }

  /** The octets MP_REACH_NLRI takes before its NLRI, header included. */
  static int mpReachOverhead(PathAttributes attributes) {
    IpAddress nextHop = attributes.nextHop().orElseThrow();
    int nextHopLength = nextHop.isIpv4() ? 4 : attributes.linkLocalNextHop().isPresent() ? 32 : 16;
    return 4 + 3 + 1 + nextHopLength + 1;
  }

  /** The octets MP_UNREACH_NLRI takes before its NLRI, header included. */
  static final int MP_UNREACH_OVERHEAD = 4 + 3;

  /** The octets one NLRI entry takes. */
  static int nlriLength(Prefix prefix, boolean addPath) {
    return NlriReader.encodedLength(prefix, addPath);
  }
}
