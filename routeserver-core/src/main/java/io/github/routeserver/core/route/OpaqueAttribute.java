package io.github.routeserver.core.route;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.io.BaseEncoding;
import java.util.Arrays;

/**
 * A path attribute this library does not interpret, kept byte for byte so that it can be passed on
 * (RFC 4271 section 5: unrecognised optional transitive attributes are passed on with the Partial
 * bit set).
 */
public final class OpaqueAttribute implements Comparable<OpaqueAttribute> {
  /** Attribute flag: optional. */
  public static final int FLAG_OPTIONAL = 0x80;

  /** Attribute flag: transitive. */
  public static final int FLAG_TRANSITIVE = 0x40;

  /** Attribute flag: partial. */
  public static final int FLAG_PARTIAL = 0x20;

  private final int flags;
  private final int typeCode;
  private final byte[] value;

  private OpaqueAttribute(int flags, int typeCode, byte[] value) {
    this.flags = flags;
    this.typeCode = typeCode;
    this.value = value;
  }

  /**
   * The attribute of {@code typeCode} with {@code flags} (the upper four bits of the flags octet;
   * the extended-length bit is a matter of encoding and is dropped) and a copy of {@code value}.
   */
  public static OpaqueAttribute of(int flags, int typeCode, byte[] value) {
    checkArgument(typeCode >= 0 && typeCode <= 255, "typeCode: %s (expected: 0 to 255)", typeCode);
    checkArgument(flags >= 0 && flags <= 255, "flags: %s (expected: 0 to 255)", flags);
    checkArgument(
        value.length <= 0xFFFF, "value: %s octets (expected: at most 65535)", value.length);
    return new OpaqueAttribute(flags & 0xE0, typeCode, value.clone());
  }

  /** The flags: {@link #FLAG_OPTIONAL}, {@link #FLAG_TRANSITIVE} and {@link #FLAG_PARTIAL} bits. */
  public int flags() {
    return flags;
  }

  /** The attribute type code. */
  public int typeCode() {
    return typeCode;
  }

  /** Whether the attribute is optional and transitive. */
  public boolean isOptionalTransitive() {
    return (flags & (FLAG_OPTIONAL | FLAG_TRANSITIVE)) == (FLAG_OPTIONAL | FLAG_TRANSITIVE);
  }

  /** The value octets (a copy). */
  public byte[] value() {
    return value.clone();
  }

  /** The length of the value in octets. */
  public int length() {
    return value.length;
  }

  /** The value octet at {@code index}. */
  public byte valueAt(int index) {
    return value[index];
  }

  /**
   * This attribute with the Partial bit set, as it is passed on by a speaker that does not know it.
   */
  public OpaqueAttribute withPartial() {
    return (flags & FLAG_PARTIAL) != 0
        ? this
        : new OpaqueAttribute(flags | FLAG_PARTIAL, typeCode, value);
  }

  @Override
  public int compareTo(OpaqueAttribute o) {
    return Integer.compare(typeCode, o.typeCode);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpaqueAttribute a
        && a.flags == flags
        && a.typeCode == typeCode
        && Arrays.equals(a.value, value);
  }

  @Override
  public int hashCode() {
    return (typeCode * 31 + flags) * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "attr"
        + typeCode
        + "[flags=0x"
        + Integer.toHexString(flags)
        + ", "
        + BaseEncoding.base16().lowerCase().encode(value)
        + "]";
  }
}
