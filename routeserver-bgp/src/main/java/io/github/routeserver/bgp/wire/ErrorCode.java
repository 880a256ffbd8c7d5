package io.github.routeserver.bgp.wire;

import org.jspecify.annotations.Nullable;

/**
 * The Error Code of a NOTIFICATION message (RFC 4271 section 4.5; IANA "BGP Error (Notification)
 * Codes"). An open enum: see {@link CodePoint}. The subcodes are {@link BgpError}s.
 */
public final class ErrorCode extends CodePoint {
  /** 1, RFC 4271 section 6.1. */
  public static final ErrorCode MESSAGE_HEADER_ERROR = new ErrorCode(1, "MESSAGE_HEADER_ERROR");

  /** 2, RFC 4271 section 6.2. */
  public static final ErrorCode OPEN_MESSAGE_ERROR = new ErrorCode(2, "OPEN_MESSAGE_ERROR");

  /** 3, RFC 4271 section 6.3 as revised by RFC 7606. */
  public static final ErrorCode UPDATE_MESSAGE_ERROR = new ErrorCode(3, "UPDATE_MESSAGE_ERROR");

  /** 4, RFC 4271 section 6.5. */
  public static final ErrorCode HOLD_TIMER_EXPIRED = new ErrorCode(4, "HOLD_TIMER_EXPIRED");

  /** 5, RFC 4271 section 6.6, subcodes RFC 6608. */
  public static final ErrorCode FINITE_STATE_MACHINE_ERROR =
      new ErrorCode(5, "FINITE_STATE_MACHINE_ERROR");

  /** 6, RFC 4271 section 6.7, subcodes RFC 4486. */
  public static final ErrorCode CEASE = new ErrorCode(6, "CEASE");

  /** 7, RFC 7313 section 5. */
  public static final ErrorCode ROUTE_REFRESH_MESSAGE_ERROR =
      new ErrorCode(7, "ROUTE_REFRESH_MESSAGE_ERROR");

  private static final Table<ErrorCode> TABLE =
      new Table<>(
          0xFF,
          ErrorCode::new,
          MESSAGE_HEADER_ERROR,
          OPEN_MESSAGE_ERROR,
          UPDATE_MESSAGE_ERROR,
          HOLD_TIMER_EXPIRED,
          FINITE_STATE_MACHINE_ERROR,
          CEASE,
          ROUTE_REFRESH_MESSAGE_ERROR);

  private ErrorCode(int code, @Nullable String name) {
    super(code, name);
  }

  private ErrorCode(int code) {
    this(code, null);
  }

  /**
   * The error code numbered {@code code}, known or not.
   *
   * @throws IllegalArgumentException if {@code code} is not 0 to 255
   */
  public static ErrorCode valueOf(int code) {
    return TABLE.valueOf(code);
  }
}
