package io.github.routeserver.core.route;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableBiMap;
import java.util.Locale;
import java.util.Optional;

/**
 * A standard BGP community (RFC 1997): 32 bits, written {@code ASN:VALUE} with two 16-bit halves.
 * The well-known communities have names, which {@link #parse} accepts and {@link #toString} prints.
 *
 * @param value the 32 bits of the community
 */
public record Community(int value) implements Comparable<Community> {
  /** 0xFFFF0000, RFC 8326: lower the preference of this path during maintenance. */
  public static final Community GRACEFUL_SHUTDOWN = new Community(0xFFFF0000);

  /** 0xFFFF0001, RFC 7611: accept a route that carries our own ORIGINATOR_ID. */
  public static final Community ACCEPT_OWN = new Community(0xFFFF0001);

  /** 0xFFFF0006, RFC 9494: the route is stale, kept by long-lived graceful restart. */
  public static final Community LLGR_STALE = new Community(0xFFFF0006);

  /** 0xFFFF0007, RFC 9494: do not keep this route through long-lived graceful restart. */
  public static final Community NO_LLGR = new Community(0xFFFF0007);

  /** 0xFFFF029A, RFC 7999: discard traffic to this destination. */
  public static final Community BLACKHOLE = new Community(0xFFFF029A);

  /** 0xFFFFFF01, RFC 1997: do not advertise outside the AS (or confederation). */
  public static final Community NO_EXPORT = new Community(0xFFFFFF01);

  /** 0xFFFFFF02, RFC 1997: do not advertise to any peer. */
  public static final Community NO_ADVERTISE = new Community(0xFFFFFF02);

  /** 0xFFFFFF03, RFC 1997: do not advertise to external peers, even confederation members. */
  public static final Community NO_EXPORT_SUBCONFED = new Community(0xFFFFFF03);

  /** 0xFFFFFF04, RFC 3765: do not advertise to bilateral peers. */
  public static final Community NO_PEER = new Community(0xFFFFFF04);

  private static final ImmutableBiMap<String, Community> WELL_KNOWN =
      ImmutableBiMap.<String, Community>builder()
          .put("GRACEFUL_SHUTDOWN", GRACEFUL_SHUTDOWN)
          .put("ACCEPT_OWN", ACCEPT_OWN)
          .put("LLGR_STALE", LLGR_STALE)
          .put("NO_LLGR", NO_LLGR)
          .put("BLACKHOLE", BLACKHOLE)
          .put("NO_EXPORT", NO_EXPORT)
          .put("NO_ADVERTISE", NO_ADVERTISE)
          .put("NO_EXPORT_SUBCONFED", NO_EXPORT_SUBCONFED)
          .put("NO_PEER", NO_PEER)
          .buildOrThrow();

  /** The community {@code high:low}. */
  public static Community of(int high, int low) {
    checkArgument(high >= 0 && high <= 0xFFFF, "high: %s (expected: 0 to 65535)", high);
    checkArgument(low >= 0 && low <= 0xFFFF, "low: %s (expected: 0 to 65535)", low);
    return new Community(high << 16 | low);
  }

  /**
   * Parses {@code ASN:VALUE} (each 0 to 65535) or a well-known name such as {@code NO_EXPORT}
   * (case-insensitive, {@code -} or {@code _}).
   *
   * @throws IllegalArgumentException if {@code text} is neither
   */
  public static Community parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "community: '"
                        + text
                        + "' (expected: ASN:VALUE with each 0 to 65535, or a well-known name)"));
  }

  /** Parses like {@link #parse}, returning empty instead of throwing. */
  public static Optional<Community> tryParse(String text) {
    Community named = WELL_KNOWN.get(text.toUpperCase(Locale.ROOT).replace('-', '_'));
    if (named != null) {
      return Optional.of(named);
    }
    int colon = text.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    int high = parse16(text.substring(0, colon));
    int low = parse16(text.substring(colon + 1));
    return high < 0 || low < 0 ? Optional.empty() : Optional.of(of(high, low));
  }

  private static int parse16(String digits) {
    if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int v = Integer.parseInt(digits);
    return v <= 0xFFFF ? v : -1;
  }

  /** The high 16 bits, by convention an AS number. */
  public int high() {
    return value >>> 16;
  }

  /** The low 16 bits. */
  public int low() {
    return value & 0xFFFF;
  }

  /** Whether this is one of the well-known communities that has a name. */
  public boolean isWellKnown() {
    return WELL_KNOWN.containsValue(this);
  }

  @Override
  public int compareTo(Community other) {
    return Integer.compareUnsigned(value, other.value);
  }

  /** {@code ASN:VALUE}, or the name of a well-known community. */
  @Override
  public String toString() {
    String name = WELL_KNOWN.inverse().get(this);
    return name != null ? name : high() + ":" + low();
  }
}
