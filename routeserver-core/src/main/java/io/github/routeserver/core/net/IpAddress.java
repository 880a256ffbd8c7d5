package io.github.routeserver.core.net;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.net.InetAddresses;
import com.google.common.primitives.Longs;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An immutable IPv4 or IPv6 address, held as two longs rather than an {@link InetAddress}.
 *
 * <p>The address is kept as a 128-bit number {@code (hi, lo)}. An IPv4 address occupies the top 32
 * bits of {@code hi} (so bit {@code i} means the same thing for both families, counting from the
 * most significant bit); the remaining bits are zero. Text forms are canonical: dotted quad for
 * IPv4 and RFC 5952 for IPv6 (lower case, longest run of zero groups compressed). Addresses order
 * IPv4 before IPv6, then numerically.
 */
public final class IpAddress implements Comparable<IpAddress> {
  private final long hi;
  private final long lo;
  private final boolean ipv6;

  private IpAddress(long hi, long lo, boolean ipv6) {
    this.hi = hi;
    this.lo = lo;
    this.ipv6 = ipv6;
  }

  /** The IPv4 address whose 32 bits are {@code bits} (network order, most significant first). */
  public static IpAddress ofIpv4(int bits) {
    return new IpAddress(((long) bits) << 32, 0, false);
  }

  /** The IPv6 address whose high and low 64 bits are {@code hi} and {@code lo}. */
  public static IpAddress ofIpv6(long hi, long lo) {
    return new IpAddress(hi, lo, true);
  }

  /**
   * The address of {@code family} made of the 128-bit number {@code (hi, lo)}; for IPv4 only the
   * top 32 bits of {@code hi} are used.
   */
  public static IpAddress of(AddressFamily family, long hi, long lo) {
    return family == AddressFamily.IPV4 ? ofIpv4((int) (hi >>> 32)) : ofIpv6(hi, lo);
  }

  /** The address in network byte order: 4 octets for IPv4, 16 for IPv6. */
  public static IpAddress ofBytes(byte[] bytes) {
    checkArgument(
        bytes.length == 4 || bytes.length == 16,
        "bytes: length %s (expected: 4 or 16)",
        bytes.length);
    if (bytes.length == 4) {
      return ofIpv4(
          (bytes[0] & 0xff) << 24
              | (bytes[1] & 0xff) << 16
              | (bytes[2] & 0xff) << 8
              | bytes[3] & 0xff);
    }
    return ofIpv6(Longs.fromByteArray(bytes), longAt(bytes, 8));
  }

  /** The address of a {@link InetAddress} (no name lookup is made). */
  public static IpAddress of(InetAddress address) {
    return ofBytes(address.getAddress());
  }

  /**
   * Parses an IPv4 dotted quad or an IPv6 address in any RFC 4291 text form.
   *
   * @throws IllegalArgumentException if {@code text} is not an IP address literal
   */
  public static IpAddress parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "address: '" + text + "' (expected: an IPv4 or IPv6 address)"));
  }

  /** Parses like {@link #parse}, returning empty instead of throwing. Never resolves names. */
  public static Optional<IpAddress> tryParse(String text) {
    if (text.isEmpty() || text.indexOf('%') >= 0 || !InetAddresses.isInetAddress(text)) {
      return Optional.empty();
    }
    InetAddress address = InetAddresses.forString(text);
    if (address instanceof Inet4Address && text.indexOf(':') >= 0) {
      // "::ffff:1.2.3.4" is an IPv6 literal even though InetAddress turns it into IPv4.
      byte[] v6 = new byte[16];
      v6[10] = (byte) 0xff;
      v6[11] = (byte) 0xff;
      System.arraycopy(address.getAddress(), 0, v6, 12, 4);
      return Optional.of(ofBytes(v6));
    }
    return Optional.of(of(address));
  }

  /** The family of this address. */
  public AddressFamily family() {
    return ipv6 ? AddressFamily.IPV6 : AddressFamily.IPV4;
  }

  /** Whether this is an IPv4 address. */
  public boolean isIpv4() {
    return !ipv6;
  }

  /** Whether this is an IPv6 address. */
  public boolean isIpv6() {
    return ipv6;
  }

  /** The high 64 bits of the 128-bit number (for IPv4, the address in the top 32 bits). */
  public long hi() {
    return hi;
  }

  /** The low 64 bits of the 128-bit number (zero for IPv4). */
  public long lo() {
    return lo;
  }

  /**
   * The 32 bits of an IPv4 address.
   *
   * @throws IllegalStateException if this is an IPv6 address
   */
  public int toIpv4Bits() {
    if (ipv6) {
      throw new IllegalStateException("address: " + this + " (expected: an IPv4 address)");
    }
    return (int) (hi >>> 32);
  }

  /** Bit {@code index} of the address, counting from the most significant bit (0). */
  public boolean bit(int index) {
    return index < 64 ? (hi << index) < 0 : (lo << (index - 64)) < 0;
  }

  /** Whether this is an IPv6 link-local unicast address (fe80::/10). */
  public boolean isLinkLocal() {
    return ipv6 && (hi >>> 54) == 0x3fa;
  }

  /** The address in network byte order (4 or 16 octets, a fresh array). */
  public byte[] toBytes() {
    if (!ipv6) {
      int v = toIpv4Bits();
      return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
    byte[] bytes = new byte[16];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (hi >>> (56 - 8 * i));
      bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return bytes;
  }

  /** This address as an {@link InetAddress}, without a name lookup. */
  public InetAddress toInetAddress() {
    try {
      return InetAddress.getByAddress(toBytes());
    } catch (UnknownHostException e) {
      throw new AssertionError("4 or 16 octets are always an address", e);
    }
  }

  @Override
  public int compareTo(IpAddress other) {
    if (ipv6 != other.ipv6) {
      return ipv6 ? 1 : -1;
    }
    int c = Long.compareUnsigned(hi, other.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, other.lo);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress a && a.hi == hi && a.lo == lo && a.ipv6 == ipv6;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(hi * 31 + lo) ^ (ipv6 ? 1 : 0);
  }

  /** The canonical text form: dotted quad, or RFC 5952 for IPv6. */
  @Override
  public String toString() {
    if (!ipv6) {
      int v = toIpv4Bits();
      return (v >>> 24) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }
    return Ipv6Text.format(hi, lo);
  }

  private static long longAt(byte[] bytes, int offset) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = v << 8 | (bytes[offset + i] & 0xff);
    }
    return v;
  }
}
