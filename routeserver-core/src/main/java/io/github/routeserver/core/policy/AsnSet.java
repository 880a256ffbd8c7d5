package io.github.routeserver.core.policy;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of AS numbers held as sorted, disjoint ranges, for matching the peer AS, origin
 * AS or neighbour AS of a route without boxing. Text form: numbers and inclusive ranges separated
 * by commas, for example {@code 8074, 12076, 65517-65520}.
 */
public final class AsnSet {
  private static final long MAX_ASN = 0xFFFF_FFFFL;

  private final long[] lows;
  private final long[] highs;

  private AsnSet(long[] lows, long[] highs) {
    this.lows = lows;
    this.highs = highs;
  }

  /** The set of exactly {@code asns}. */
  public static AsnSet of(long... asns) {
    List<long[]> ranges = new ArrayList<>();
    for (long asn : asns) {
      ranges.add(new long[] {checkAsn(asn), asn});
    }
    return merge(ranges);
  }

  /**
   * Parses items such as {@code "65001"} or {@code "64512-65534"}; each item may itself be a
   * comma-separated list.
   *
   * @throws IllegalArgumentException if an item is neither an AS number nor a range of them
   */
  public static AsnSet parse(String... items) {
    List<long[]> ranges = new ArrayList<>();
    for (String item : items) {
      for (String part : item.split(",")) {
        String text = part.strip();
        int dash = text.indexOf('-');
        long low = parseAsn(dash < 0 ? text : text.substring(0, dash).strip(), item);
        long high = dash < 0 ? low : parseAsn(text.substring(dash + 1).strip(), item);
        checkArgument(low <= high, "asns: '%s' (expected: low-high with low <= high)", item);
        ranges.add(new long[] {low, high});
      }
    }
    return merge(ranges);
  }

  private static long parseAsn(String text, String item) {
    long asn = -1;
    if (!text.isEmpty() && text.length() <= 10 && text.chars().allMatch(Character::isDigit)) {
      asn = Long.parseLong(text);
    }
    checkArgument(
        asn >= 0 && asn <= MAX_ASN,
        "asns: '%s' (expected: AS numbers 0 to 4294967295 or ranges low-high)",
        item);
    return asn;
  }

  private static long checkAsn(long asn) {
    checkArgument(asn >= 0 && asn <= MAX_ASN, "asn: %s (expected: 0 to 4294967295)", asn);
    return asn;
  }

  private static AsnSet merge(List<long[]> ranges) {
    ranges.sort(Comparator.comparingLong(r -> r[0]));
    long[] lows = new long[ranges.size()];
    long[] highs = new long[ranges.size()];
    int n = 0;
    for (long[] range : ranges) {
      if (n > 0 && range[0] <= highs[n - 1] + 1) {
        highs[n - 1] = Math.max(highs[n - 1], range[1]);
      } else {
        lows[n] = range[0];
        highs[n] = range[1];
        n++;
      }
    }
    return new AsnSet(Arrays.copyOf(lows, n), Arrays.copyOf(highs, n));
  }

  /** Whether {@code asn} is in the set. */
  public boolean contains(long asn) {
    for (int i = 0; i < lows.length && lows[i] <= asn; i++) {
      if (asn <= highs[i]) {
        return true;
      }
    }
    return false;
  }

  /** Whether the set holds no AS number. */
  public boolean isEmpty() {
    return lows.length == 0;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AsnSet s && Arrays.equals(s.lows, lows) && Arrays.equals(s.highs, highs);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(lows) + Arrays.hashCode(highs);
  }

  /** For example {@code 8074-8075, 12076}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lows.length; i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append(lows[i]);
      if (highs[i] != lows[i]) {
        text.append('-').append(highs[i]);
      }
    }
    return text.toString();
  }
}
