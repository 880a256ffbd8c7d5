package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkPositionIndexes;

import com.google.common.io.BaseEncoding;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An immutable string of octets: the data of a NOTIFICATION, the value of a capability this library
 * does not interpret, and other fields that are carried, compared and printed but not parsed.
 * Equality is by content; the text form is lower-case hex.
 */
public final class Octets {
  /** No octets. */
  public static final Octets EMPTY = new Octets(new byte[0]);

  private final byte[] bytes;

  private Octets(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static Octets copyOf(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
  }

  /** A copy of {@code length} octets of {@code bytes} from {@code offset}. */
  public static Octets copyOf(byte[] bytes, int offset, int length) {
    checkPositionIndexes(offset, offset + length, bytes.length);
    return length == 0 ? EMPTY : new Octets(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /**
   * Parses hex digits, upper or lower case, for example {@code "ffff0001"}.
   *
   * @throws IllegalArgumentException if {@code hex} is not an even number of hex digits
   */
  public static Octets fromHex(String hex) {
    return copyOf(BaseEncoding.base16().decode(hex.toUpperCase(Locale.ROOT)));
  }

  /** The number of octets. */
  public int length() {
    return bytes.length;
  }

  /** Whether there are no octets. */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** The octet at {@code index}, 0 to 255. */
  public int get(int index) {
    return bytes[index] & 0xFF;
  }

  /** The octets (a copy). */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Writes the octets at the position of {@code buffer}, advancing it. */
  public void writeTo(ByteBuffer buffer) {
    buffer.put(bytes);
  }

  /**
   * Writes the first {@code maximum} octets, or all if there are fewer, advancing {@code buffer}.
   */
  public void writeTo(ByteBuffer buffer, int maximum) {
    buffer.put(bytes, 0, Math.min(bytes.length, maximum));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Octets other && Arrays.equals(other.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Lower-case hex, two digits per octet. */
  @Override
  public String toString() {
    return BaseEncoding.base16().lowerCase().encode(bytes);
  }
}
