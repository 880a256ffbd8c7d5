package io.github.routeserver.bgp.wire;

import org.jspecify.annotations.Nullable;

/**
 * The role a speaker takes on a session (RFC 9234 section 4.1; IANA "BGP Role Value"). An open
 * enum: see {@link CodePoint}.
 */
public final class BgpRole extends CodePoint {
  /** 0: the sender is a transit provider to the receiver. */
  public static final BgpRole PROVIDER = new BgpRole(0, "PROVIDER");

  /** 1: the sender is a route server. */
  public static final BgpRole ROUTE_SERVER = new BgpRole(1, "ROUTE_SERVER");

  /** 2: the sender is a client of a route server. */
  public static final BgpRole ROUTE_SERVER_CLIENT = new BgpRole(2, "ROUTE_SERVER_CLIENT");

  /** 3: the sender is a customer of the receiver. */
  public static final BgpRole CUSTOMER = new BgpRole(3, "CUSTOMER");

  /** 4: the sender is a lateral peer of the receiver. */
  public static final BgpRole PEER = new BgpRole(4, "PEER");

  private static final Table<BgpRole> TABLE =
      new Table<>(0xFF, BgpRole::new, PROVIDER, ROUTE_SERVER, ROUTE_SERVER_CLIENT, CUSTOMER, PEER);

  private BgpRole(int code, @Nullable String name) {
    super(code, name);
  }

  private BgpRole(int code) {
    this(code, null);
  }

  /**
   * The role numbered {@code code}, known or not.
   *
   * @throws IllegalArgumentException if {@code code} is not 0 to 255
   */
  public static BgpRole valueOf(int code) {
    return TABLE.valueOf(code);
  }
}
