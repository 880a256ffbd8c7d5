package io.github.routeserver.bgp.wire;

import org.jspecify.annotations.Nullable;

/**
 * The message subtype of a ROUTE-REFRESH message, the octet RFC 2918 reserved and RFC 7313 section
 * 3.2 assigned (IANA "BGP Route Refresh Subcodes"). An open enum: see {@link CodePoint}; RFC 7313
 * says a message with an unknown subtype is ignored.
 */
public final class RouteRefreshSubtype extends CodePoint {
  /** 0: a normal route refresh request (RFC 2918). */
  public static final RouteRefreshSubtype NORMAL = new RouteRefreshSubtype(0, "NORMAL");

  /** 1: Beginning of Route Refresh, BoRR (RFC 7313). */
  public static final RouteRefreshSubtype BORR = new RouteRefreshSubtype(1, "BORR");

  /** 2: End of Route Refresh, EoRR (RFC 7313). */
  public static final RouteRefreshSubtype EORR = new RouteRefreshSubtype(2, "EORR");

  private static final Table<RouteRefreshSubtype> TABLE =
      new Table<>(0xFF, RouteRefreshSubtype::new, NORMAL, BORR, EORR);

  private RouteRefreshSubtype(int code, @Nullable String name) {
    super(code, name);
  }

  private RouteRefreshSubtype(int code) {
    this(code, null);
  }

  /**
   * The subtype numbered {@code code}, known or not.
   *
   * @throws IllegalArgumentException if {@code code} is not 0 to 255
   */
  public static RouteRefreshSubtype valueOf(int code) {
    return TABLE.valueOf(code);
  }
}
