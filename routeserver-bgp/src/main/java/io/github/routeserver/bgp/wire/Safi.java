package io.github.routeserver.bgp.wire;

import org.jspecify.annotations.Nullable;

/**
 * A Subsequent Address Family Identifier, one octet in MP_REACH_NLRI (RFC 4760 section 3; IANA
 * "SAFI Values"). An open enum: see {@link CodePoint}.
 */
public final class Safi extends CodePoint {
  /** 1, unicast forwarding. */
  public static final Safi UNICAST = new Safi(1, "UNICAST");

  /** 2, multicast forwarding. */
  public static final Safi MULTICAST = new Safi(2, "MULTICAST");

  /** 4, NLRI with MPLS labels (RFC 8277). */
  public static final Safi MPLS_LABEL = new Safi(4, "MPLS_LABEL");

  /** 70, BGP EVPN (RFC 7432). */
  public static final Safi EVPN = new Safi(70, "EVPN");

  /** 71, BGP-LS (RFC 9552). */
  public static final Safi BGP_LS = new Safi(71, "BGP_LS");

  /** 128, MPLS-labeled VPN address (RFC 4364). */
  public static final Safi MPLS_VPN = new Safi(128, "MPLS_VPN");

  /** 132, route target constraints (RFC 4684). */
  public static final Safi ROUTE_TARGET_CONSTRAINTS = new Safi(132, "ROUTE_TARGET_CONSTRAINTS");

  /** 133, dissemination of flow specification rules (RFC 8955). */
  public static final Safi FLOWSPEC = new Safi(133, "FLOWSPEC");

  /** 134, L3VPN dissemination of flow specification rules (RFC 8955). */
  public static final Safi FLOWSPEC_VPN = new Safi(134, "FLOWSPEC_VPN");

  private static final Table<Safi> TABLE =
      new Table<>(
          0xFF,
          Safi::new,
          UNICAST,
          MULTICAST,
          MPLS_LABEL,
          EVPN,
          BGP_LS,
          MPLS_VPN,
          ROUTE_TARGET_CONSTRAINTS,
          FLOWSPEC,
          FLOWSPEC_VPN);

  private Safi(int code, @Nullable String name) {
    super(code, name);
  }

  private Safi(int code) {
    this(code, null);
  }

  /**
   * The SAFI numbered {@code code}, known or not.
   *
   * @throws IllegalArgumentException if {@code code} is not 0 to 255
   */
  public static Safi valueOf(int code) {
    return TABLE.valueOf(code);
  }
}
