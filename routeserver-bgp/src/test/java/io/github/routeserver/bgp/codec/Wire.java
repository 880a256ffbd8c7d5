package io.github.routeserver.bgp.codec;

import com.google.common.io.BaseEncoding;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Builds messages for tests from hex with comments: {@code #} starts a comment that runs to the end
 * of the line, and white space is ignored. The helpers compute the length fields a test does not
 * mean to get wrong.
 */
final class Wire {
  static final String MARKER = "ffffffffffffffffffffffffffffffff";

  private Wire() {}

  /** The octets of {@code text}: hex digits, white space and {@code #} comments. */
  static byte[] hex(String text) {
    StringBuilder digits = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      int comment = line.indexOf('#');
      digits.append((comment < 0 ? line : line.substring(0, comment)).replaceAll("\\s", ""));
    }
    return BaseEncoding.base16().decode(digits.toString().toUpperCase(Locale.ROOT));
  }

  /** Lower-case hex of {@code octets}. */
  static String hex(byte[] octets) {
    return BaseEncoding.base16().lowerCase().encode(octets);
  }

  /** Lower-case hex of the remaining octets of {@code buffer}, which does not move. */
  static String hex(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] octets = new byte[copy.remaining()];
    copy.get(octets);
    return hex(octets);
  }

  /** Hex of a message of {@code type} with {@code body}: marker, computed length, type. */
  static String message(int type, String body) {
    int length = 19 + hex(body).length;
    return MARKER + String.format("%04x%02x", length, type) + hex(hex(body));
  }

  /** Hex of an UPDATE whose three fields are given; the two length fields are computed. */
  static String update(String withdrawn, String attributes, String nlri) {
    byte[] w = hex(withdrawn);
    byte[] a = hex(attributes);
    return message(
        2,
        String.format("%04x", w.length)
            + hex(w)
            + String.format("%04x", a.length)
            + hex(a)
            + hex(hex(nlri)));
  }

  /**
   * Hex of one path attribute with a computed length: one octet, or two when {@code flags} has the
   * Extended Length bit (0x10).
   */
  static String attribute(int flags, int type, String value) {
    byte[] v = hex(value);
    String length =
        (flags & 0x10) != 0 ? String.format("%04x", v.length) : String.format("%02x", v.length);
    return String.format("%02x%02x", flags, type) + length + hex(v);
  }

  /** A buffer over {@code text}'s octets. */
  static ByteBuffer buffer(String text) {
    return ByteBuffer.wrap(hex(text));
  }

  /** A copy of {@code octets} with {@code count} more zero octets. */
  static byte[] padded(byte[] octets, int count) {
    return Arrays.copyOf(octets, octets.length + count);
  }
}
