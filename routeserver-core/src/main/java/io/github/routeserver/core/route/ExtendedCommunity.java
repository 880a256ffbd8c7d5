package io.github.routeserver.core.route;

/**
 * An extended community (RFC 4360): 8 octets, a type octet (high bit: IANA authority; next bit:
 * non-transitive), a sub-type octet for most types, and a value. Route targets and origins (RFC
 * 4360 section 4/5, RFC 5668 for 4-octet AS) have factories and a text form; any other value is
 * kept and printed as hex.
 *
 * @param value the 64 bits of the community, type octet first
 */
public record ExtendedCommunity(long value) implements Comparable<ExtendedCommunity> {
  private static final int SUBTYPE_ROUTE_TARGET = 0x02;
  private static final int SUBTYPE_ROUTE_ORIGIN = 0x03;

  /** A 2-octet-AS route target {@code rt:asn:value} (type 0x00, sub-type 0x02). */
  public static ExtendedCommunity routeTarget(int asn, long value) {
    return twoOctetAs(SUBTYPE_ROUTE_TARGET, asn, value);
  }

  /** A 2-octet-AS route origin {@code soo:asn:value} (type 0x00, sub-type 0x03). */
  public static ExtendedCommunity routeOrigin(int asn, long value) {
    return twoOctetAs(SUBTYPE_ROUTE_ORIGIN, asn, value);
  }

  private static ExtendedCommunity twoOctetAs(int subtype, int asn, long value) {
    if (asn < 0 || asn > 0xFFFF) {
      throw new IllegalArgumentException("asn: " + asn + " (expected: 0 to 65535)");
    }
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("value: " + value + " (expected: 0 to 4294967295)");
    }
    return new ExtendedCommunity((long) subtype << 48 | (long) asn << 32 | value);
  }

  /** The type octet (RFC 4360 section 3). */
  public int type() {
    return (int) (value >>> 56) & 0xFF;
  }

  /** The sub-type octet (meaningful for the extended types). */
  public int subtype() {
    return (int) (value >>> 48) & 0xFF;
  }

  /** Whether the community may cross AS boundaries (bit 1 of the type octet is zero). */
  public boolean isTransitive() {
    return (type() & 0x40) == 0;
  }

  @Override
  public int compareTo(ExtendedCommunity o) {
    return Long.compareUnsigned(value, o.value);
  }

  /** {@code rt:ASN:VALUE} or {@code soo:ASN:VALUE} for 2-octet-AS targets and origins, else hex. */
  @Override
  public String toString() {
    if (type() == 0x00
        && (subtype() == SUBTYPE_ROUTE_TARGET || subtype() == SUBTYPE_ROUTE_ORIGIN)) {
      return (subtype() == SUBTYPE_ROUTE_TARGET ? "rt:" : "soo:")
          + ((value >>> 32) & 0xFFFF)
          + ":"
          + (value & 0xFFFF_FFFFL);
    }
    return String.format("0x%016x", value);
  }
}
