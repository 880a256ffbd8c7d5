package io.github.routeserver.core.route;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;

/**
 * One segment of an {@link AsPath}: its type and its AS numbers (unsigned 4-octet values).
 *
 * @param type the segment type
 * @param asns the AS numbers in wire order, 1 to 255 of them
 */
public record AsPathSegment(Type type, ImmutableList<Long> asns) {
  /** The most AS numbers one segment holds: its count is one octet on the wire. */
  public static final int MAX_MEMBERS = 255;

  /** Validates the segment. */
  public AsPathSegment {
    checkArgument(
        !asns.isEmpty() && asns.size() <= MAX_MEMBERS,
        "asns: %s members (expected: 1 to 255)",
        asns.size());
    for (long asn : asns) {
      checkArgument(asn >= 0 && asn <= 0xFFFF_FFFFL, "asn: %s (expected: 0 to 4294967295)", asn);
    }
  }

  /** Segment types with their wire codes (RFC 4271 4.3; RFC 5065 3). */
  public enum Type {
    /** 1: an unordered set of ASes the route passed through (counts as one). */
    AS_SET(1),
    /** 2: an ordered sequence of ASes, nearest first. */
    AS_SEQUENCE(2),
    /** 3: an ordered sequence of member ASes inside a confederation (counts zero). */
    AS_CONFED_SEQUENCE(3),
    /** 4: an unordered set of member ASes inside a confederation (counts zero). */
    AS_CONFED_SET(4);

    private final int code;

    Type(int code) {
      this.code = code;
    }

    /** The wire code, 1 to 4. */
    public int code() {
      return code;
    }

    /**
     * The type with wire code {@code code}.
     *
     * @throws IllegalArgumentException if {@code code} is not 1 to 4
     */
    public static Type ofCode(int code) {
      return switch (code) {
        case 1 -> AS_SET;
        case 2 -> AS_SEQUENCE;
        case 3 -> AS_CONFED_SEQUENCE;
        case 4 -> AS_CONFED_SET;
        default ->
            throw new IllegalArgumentException("segment type: " + code + " (expected: 1 to 4)");
      };
    }
  }
}
