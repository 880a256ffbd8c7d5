package io.github.routeserver.core.net;

/**
 * The two address families a route server carries, with their IANA address family identifiers (AFI,
 * RFC 4760) and their address width in bits.
 */
public enum AddressFamily {
  /** IPv4, AFI 1, 32-bit addresses. */
  IPV4(1, 32),
  /** IPv6, AFI 2, 128-bit addresses. */
  IPV6(2, 128);

  private final int afi;
  private final int bits;

  AddressFamily(int afi, int bits) {
    this.afi = afi;
    this.bits = bits;
  }

  /** The IANA address family identifier (1 for IPv4, 2 for IPv6). */
  public int afi() {
    return afi;
  }

  /** The address width in bits (32 or 128). */
  public int bits() {
    return bits;
  }

  /** The width of an address in octets (4 or 16). */
  public int bytes() {
    return bits / 8;
  }
}
