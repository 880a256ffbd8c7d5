package io.github.routeserver.bgp.wire;

import io.github.routeserver.core.net.AddressFamily;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An Address Family Identifier, two octets on the wire (RFC 4760 section 3; IANA "Address Family
 * Numbers"). An open enum: see {@link CodePoint}.
 */
public final class Afi extends CodePoint {
  /** 1, IPv4. */
  public static final Afi IPV4 = new Afi(1, "IPV4");

  /** 2, IPv6. */
  public static final Afi IPV6 = new Afi(2, "IPV6");

  /** 25, Layer 2 VPN (RFC 4761, RFC 7432). */
  public static final Afi L2VPN = new Afi(25, "L2VPN");

  /** 16388, BGP-LS (RFC 9552). */
  public static final Afi BGP_LS = new Afi(16388, "BGP_LS");

  private static final Table<Afi> TABLE = new Table<>(0xFFFF, Afi::new, IPV4, IPV6, L2VPN, BGP_LS);

  private Afi(int code, @Nullable String name) {
    super(code, name);
  }

  private Afi(int code) {
    this(code, null);
  }

  /**
   * The AFI numbered {@code code}, known or not.
   *
   * @throws IllegalArgumentException if {@code code} is not 0 to 65535
   */
  public static Afi valueOf(int code) {
    return TABLE.valueOf(code);
  }

  /** The AFI of {@code family}. */
  public static Afi of(AddressFamily family) {
    return family == AddressFamily.IPV4 ? IPV4 : IPV6;
  }

  /** The address family of {@link #IPV4} and {@link #IPV6}; empty for any other AFI. */
  public Optional<AddressFamily> addressFamily() {
    if (equals(IPV4)) {
      return Optional.of(AddressFamily.IPV4);
    }
    return equals(IPV6) ? Optional.of(AddressFamily.IPV6) : Optional.empty();
  }
}
