package io.github.routeserver.bgp.wire;

import org.jspecify.annotations.Nullable;

/**
 * A capability code (RFC 5492 section 4; IANA "Capability Codes"). An open enum: see {@link
 * CodePoint}.
 */
public final class CapabilityCode extends CodePoint {
  /** 1, Multiprotocol Extensions, RFC 4760 section 8. */
  public static final CapabilityCode MULTIPROTOCOL = new CapabilityCode(1, "MULTIPROTOCOL");

  /** 2, Route Refresh, RFC 2918 section 2. */
  public static final CapabilityCode ROUTE_REFRESH = new CapabilityCode(2, "ROUTE_REFRESH");

  /** 5, Extended Next Hop Encoding, RFC 8950 section 3. */
  public static final CapabilityCode EXTENDED_NEXT_HOP = new CapabilityCode(5, "EXTENDED_NEXT_HOP");

  /** 6, BGP Extended Message, RFC 8654 section 3. */
  public static final CapabilityCode EXTENDED_MESSAGE = new CapabilityCode(6, "EXTENDED_MESSAGE");

  /** 9, BGP Role, RFC 9234 section 4.1. */
  public static final CapabilityCode ROLE = new CapabilityCode(9, "ROLE");

  /** 64, Graceful Restart, RFC 4724 section 3. */
  public static final CapabilityCode GRACEFUL_RESTART = new CapabilityCode(64, "GRACEFUL_RESTART");

  /** 65, Support for 4-octet AS number capability, RFC 6793 section 3. */
  public static final CapabilityCode FOUR_OCTET_AS = new CapabilityCode(65, "FOUR_OCTET_AS");

  /** 69, ADD-PATH, RFC 7911 section 4. */
  public static final CapabilityCode ADD_PATH = new CapabilityCode(69, "ADD_PATH");

  /** 70, Enhanced Route Refresh, RFC 7313 section 3.1. */
  public static final CapabilityCode ENHANCED_ROUTE_REFRESH =
      new CapabilityCode(70, "ENHANCED_ROUTE_REFRESH");

  /** 71, Long-Lived Graceful Restart, RFC 9494 section 3. */
  public static final CapabilityCode LONG_LIVED_GRACEFUL_RESTART =
      new CapabilityCode(71, "LONG_LIVED_GRACEFUL_RESTART");

  /** 73, FQDN (host and domain name), draft-walton-bgp-hostname-capability; sent by FRR, GoBGP. */
  public static final CapabilityCode HOSTNAME = new CapabilityCode(73, "HOSTNAME");

  private static final Table<CapabilityCode> TABLE =
      new Table<>(
          0xFF,
          CapabilityCode::new,
          MULTIPROTOCOL,
          ROUTE_REFRESH,
          EXTENDED_NEXT_HOP,
          EXTENDED_MESSAGE,
          ROLE,
          GRACEFUL_RESTART,
          FOUR_OCTET_AS,
          ADD_PATH,
          ENHANCED_ROUTE_REFRESH,
          LONG_LIVED_GRACEFUL_RESTART,
          HOSTNAME);

  private CapabilityCode(int code, @Nullable String name) {
    super(code, name);
  }

  private CapabilityCode(int code) {
    this(code, null);
  }

  /**
   * The capability code numbered {@code code}, known or not.
   *
   * @throws IllegalArgumentException if {@code code} is not 0 to 255
   */
  public static CapabilityCode valueOf(int code) {
    return TABLE.valueOf(code);
  }
}
