package io.github.routeserver.bgp.codec;

import java.nio.ByteBuffer;

/**
 * Writes path attribute headers (RFC 4271 section 4.3): flags, type code and a length of one octet,
 * or of two with the Extended Length flag when the value turns out longer than 255 octets.
 */
final class AttributeWriter {
  static final int OPTIONAL = 0x80;
  static final int TRANSITIVE = 0x40;
  static final int PARTIAL = 0x20;
  static final int EXTENDED_LENGTH = 0x10;

  private AttributeWriter() {}

  /** Writes the header with a one-octet length to patch; returns where the value starts. */
  static int begin(ByteBuffer out, int flags, int typeCode) {
    out.put((byte) (flags & ~EXTENDED_LENGTH));
    out.put((byte) typeCode);
    out.put((byte) 0);
    return out.position();
  }

  /**
   * Writes the header with the Extended Length flag and a two-octet length to patch, for values
   * that are often long (the multiprotocol attributes); returns where the value starts.
   */
  static int beginExtended(ByteBuffer out, int flags, int typeCode) {
    out.put((byte) (flags | EXTENDED_LENGTH));
    out.put((byte) typeCode);
    out.putShort((short) 0);
    return out.position();
  }

  /** Patches the length of an attribute begun with {@link #beginExtended}. */
  static void endExtended(ByteBuffer out, int valueStart) {
    out.putShort(valueStart - 2, (short) (out.position() - valueStart));
  }

  /**
   * Patches the length of the attribute whose value started at {@code valueStart} and ends at the
   * position; a value longer than 255 octets is moved one octet on to make room for a two-octet
   * length, so {@code out} needs one octet to spare.
   */
  static void end(ByteBuffer out, int valueStart) {
    int length = out.position() - valueStart;
    if (length <= 0xFF) {
      out.put(valueStart - 1, (byte) length);
      return;
    }
    for (int i = out.position() - 1; i >= valueStart; i--) {
      out.put(i + 1, out.get(i));
    }
    out.position(out.position() + 1);
    out.put(valueStart - 3, (byte) (out.get(valueStart - 3) | EXTENDED_LENGTH));
    out.putShort(valueStart - 1, (short) length);
  }
}
