package io.github.routeserver.core.route;

/**
 * The ORIGIN path attribute (RFC 4271 section 5.1.1), ordered by preference: IGP is preferred over
 * EGP, which is preferred over INCOMPLETE (section 9.1.2.2 c).
 */
public enum Origin {
  /** Code 0: learned from an interior protocol, shown as {@code i}. */
  IGP(0, "i"),
  /** Code 1: learned through EGP, shown as {@code e}. */
  EGP(1, "e"),
  /** Code 2: learned some other way, shown as {@code ?}. */
  INCOMPLETE(2, "?");

  private static final Origin[] BY_CODE = values();

  private final int code;
  private final String symbol;

  Origin(int code, String symbol) {
    this.code = code;
    this.symbol = symbol;
  }

  /** The wire code (0, 1 or 2). */
  public int code() {
    return code;
  }

  /** The one-character form routers print: {@code i}, {@code e} or {@code ?}. */
  public String symbol() {
    return symbol;
  }

  /**
   * The origin with wire code {@code code}.
   *
   * @throws IllegalArgumentException if {@code code} is not 0, 1 or 2
   */
  public static Origin ofCode(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      throw new IllegalArgumentException("origin: " + code + " (expected: 0, 1 or 2)");
    }
    return BY_CODE[code];
  }
}
