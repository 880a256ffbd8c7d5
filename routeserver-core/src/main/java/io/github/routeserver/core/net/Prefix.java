package io.github.routeserver.core.net;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;

/**
 * An immutable IPv4 or IPv6 prefix: an address and a length, with every bit after the length zero.
 *
 * <p><b>Host bits are masked, everywhere and always.</b> {@code Prefix.parse("10.1.2.3/8")} and
 * {@code Prefix.of(IpAddress.parse("10.1.2.3"), 8)} both give {@code 10.0.0.0/8}: the bits beyond
 * the length carry no meaning (RFC 4271 section 4.3 says the same of NLRI trailing bits), so they
 * are dropped rather than rejected. Callers that must refuse such input can compare {@link
 * #address()} with the address they started from.
 *
 * <p>The text form is canonical: RFC 4632 dotted quad and length for IPv4, RFC 5952 for IPv6.
 * Prefixes order IPv4 before IPv6, then by network address, then shorter before longer, so a
 * covering prefix sorts before the prefixes it covers.
 *
 * <p>The prefix is held as a 128-bit number {@code (hi, lo)} laid out as in {@link IpAddress}, and
 * a length; no {@link java.net.InetAddress} is kept.
 */
public final class Prefix implements Comparable<Prefix> {
  private final long hi;
  private final long lo;
  private final short length;
  private final boolean ipv6;

  private Prefix(long hi, long lo, int length, boolean ipv6) {
    this.hi = hi & maskHi(length);
    this.lo = lo & maskLo(length);
    this.length = (short) length;
    this.ipv6 = ipv6;
  }

  /** The IPv4 prefix of {@code length} bits taken from the 32 bits {@code bits}. */
  public static Prefix ofIpv4(int bits, int length) {
    checkLength(length, AddressFamily.IPV4);
    return new Prefix(((long) bits) << 32, 0, length, false);
  }

  /** The IPv6 prefix of {@code length} bits taken from the 128 bits {@code (hi, lo)}. */
  public static Prefix ofIpv6(long hi, long lo, int length) {
    checkLength(length, AddressFamily.IPV6);
    return new Prefix(hi, lo, length, true);
  }

  /**
   * The prefix of {@code family} and {@code length} bits made from the 128-bit number {@code (hi,
   * lo)} laid out as in {@link IpAddress}.
   */
  public static Prefix of(AddressFamily family, long hi, long lo, int length) {
    checkLength(length, family);
    return new Prefix(hi, lo, length, family == AddressFamily.IPV6);
  }

  /** The prefix of {@code length} bits that contains {@code address} (host bits masked). */
  public static Prefix of(IpAddress address, int length) {
    return of(address.family(), address.hi(), address.lo(), length);
  }

  /**
   * Parses {@code address/length}, for example {@code 10.0.0.0/8} or {@code 2001:db8::/32}. Host
   * bits are masked.
   *
   * @throws IllegalArgumentException if {@code text} is not a prefix
   */
  public static Prefix parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "prefix: '" + text + "' (expected: address/length, e.g. 10.0.0.0/8)"));
  }

  /** Parses like {@link #parse}, returning empty instead of throwing. */
  public static Optional<Prefix> tryParse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || slash == text.length() - 1 || text.length() - slash > 4) {
      return Optional.empty();
    }
    int length = 0;
    for (int i = slash + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9' || (i == slash + 1 && c == '0' && i < text.length() - 1)) {
        return Optional.empty();
      }
      length = length * 10 + (c - '0');
    }
    Optional<IpAddress> address = IpAddress.tryParse(text.substring(0, slash));
    if (address.isEmpty() || length > address.get().family().bits()) {
      return Optional.empty();
    }
    return Optional.of(of(address.get(), length));
  }

  /** The family of this prefix. */
  public AddressFamily family() {
    return ipv6 ? AddressFamily.IPV6 : AddressFamily.IPV4;
  }

  /** Whether this is an IPv4 prefix. */
  public boolean isIpv4() {
    return !ipv6;
  }

  /** The prefix length in bits. */
  public int length() {
    return length;
  }

  /** The network address (host bits zero). */
  public IpAddress address() {
    return IpAddress.of(family(), hi, lo);
  }

  /** The high 64 bits of the network address as laid out in {@link IpAddress#hi()}. */
  public long hi() {
    return hi;
  }

  /** The low 64 bits of the network address (zero for IPv4). */
  public long lo() {
    return lo;
  }

  /** Bit {@code index} of the network address, counting from the most significant bit (0). */
  public boolean bit(int index) {
    return index < 64 ? (hi << index) < 0 : (lo << (index - 64)) < 0;
  }

  /** Whether {@code other} is this prefix or a more specific prefix inside it. */
  public boolean contains(Prefix other) {
    return other.ipv6 == ipv6 && other.length >= length && matches(other.hi, other.lo);
  }

  /** Whether {@code address} lies inside this prefix. */
  public boolean contains(IpAddress address) {
    return address.isIpv6() == ipv6 && matches(address.hi(), address.lo());
  }

  /** Whether the two prefixes share any address, that is, one contains the other. */
  public boolean overlaps(Prefix other) {
    return contains(other) || other.contains(this);
  }

  /** Whether this is a default route ({@code 0.0.0.0/0} or {@code ::/0}). */
  public boolean isDefault() {
    return length == 0;
  }

  /** The highest address inside this prefix. */
  public IpAddress lastAddress() {
    return IpAddress.of(family(), hi | ~maskHi(length), lo | ~maskLo(length));
  }

  private boolean matches(long otherHi, long otherLo) {
    return ((otherHi ^ hi) & maskHi(length)) == 0 && ((otherLo ^ lo) & maskLo(length)) == 0;
  }

  /** The mask of the high 64 bits for a prefix of {@code length} bits. */
  static long maskHi(int length) {
    return length == 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
  }

  /** The mask of the low 64 bits for a prefix of {@code length} bits. */
  static long maskLo(int length) {
    return length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
  }

  private static void checkLength(int length, AddressFamily family) {
    checkArgument(
        length >= 0 && length <= family.bits(),
        "length: %s (expected: 0 to %s for %s)",
        length,
        family.bits(),
        family);
  }

  @Override
  public int compareTo(Prefix other) {
    if (ipv6 != other.ipv6) {
      return ipv6 ? 1 : -1;
    }
    int c = Long.compareUnsigned(hi, other.hi);
    if (c == 0) {
      c = Long.compareUnsigned(lo, other.lo);
    }
    return c != 0 ? c : Integer.compare(length, other.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prefix p
        && p.hi == hi
        && p.lo == lo
        && p.length == length
        && p.ipv6 == ipv6;
  }

  @Override
  public int hashCode() {
    long h = hi * 0x9E3779B97F4A7C15L + lo;
    return (int) (h ^ (h >>> 32)) * 31 + length + (ipv6 ? 1 << 10 : 0);
  }

  /** The canonical text form, for example {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
  @Override
  public String toString() {
    return address() + "/" + length;
  }
}
