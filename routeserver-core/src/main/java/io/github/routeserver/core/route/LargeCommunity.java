package io.github.routeserver.core.route;

import java.util.Optional;

/**
 * A large community (RFC 8092): three unsigned 32-bit values, written {@code GLOBAL:LOCAL1:LOCAL2}
 * where the global administrator is by convention a 4-octet AS number.
 *
 * @param global the global administrator (unsigned)
 * @param local1 the first local data part (unsigned)
 * @param local2 the second local data part (unsigned)
 */
public record LargeCommunity(int global, int local1, int local2)
    implements Comparable<LargeCommunity> {

  /** The large community {@code global:local1:local2}, each 0 to 4294967295. */
  public static LargeCommunity of(long global, long local1, long local2) {
    return new LargeCommunity(
        check(global, "global"), check(local1, "local1"), check(local2, "local2"));
  }

  /**
   * Parses {@code GLOBAL:LOCAL1:LOCAL2}.
   *
   * @throws IllegalArgumentException if {@code text} is not a large community
   */
  public static LargeCommunity parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "largeCommunity: '"
                        + text
                        + "' (expected: GLOBAL:LOCAL1:LOCAL2 with each 0 to 4294967295)"));
  }

  /** Parses like {@link #parse}, returning empty instead of throwing. */
  public static Optional<LargeCommunity> tryParse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    long[] values = new long[3];
    for (int i = 0; i < 3; i++) {
      if (parts[i].isEmpty()
          || parts[i].length() > 10
          || !parts[i].chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
      values[i] = Long.parseLong(parts[i]);
      if (values[i] > 0xFFFF_FFFFL) {
        return Optional.empty();
      }
    }
    return Optional.of(of(values[0], values[1], values[2]));
  }

  private static int check(long value, String name) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: 0 to 4294967295)");
    }
    return (int) value;
  }

  @Override
  public int compareTo(LargeCommunity o) {
    int c = Integer.compareUnsigned(global, o.global);
    if (c == 0) {
      c = Integer.compareUnsigned(local1, o.local1);
    }
    return c != 0 ? c : Integer.compareUnsigned(local2, o.local2);
  }

  @Override
  public String toString() {
    return Integer.toUnsignedString(global)
        + ":"
        + Integer.toUnsignedString(local1)
        + ":"
        + Integer.toUnsignedString(local2);
  }
}
