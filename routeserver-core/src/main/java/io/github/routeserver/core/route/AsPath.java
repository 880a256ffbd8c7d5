package io.github.routeserver.core.route;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongPredicate;

/**
 * An immutable AS_PATH (RFC 4271 section 5.1.2) of AS_SEQUENCE and AS_SET segments, plus the
 * confederation segments of RFC 5065. AS numbers are 4-octet (RFC 6793), held as unsigned values.
 *
 * <p>{@link #length()} follows RFC 4271 section 9.1.2.2 (a): an AS_SET counts as one AS whatever
 * its size, and confederation segments count zero (RFC 5065 section 5.3).
 *
 * <p>Text form, as routers print it: AS_SEQUENCE members separated by spaces, an AS_SET in braces
 * {@code {1 2}}, an AS_CONFED_SEQUENCE in parentheses {@code (65001 65002)} and an AS_CONFED_SET in
 * brackets {@code [65003 65004]}.
 *
 * <p>Internally the path is one {@code int[]}: for each segment a header (type in the high 16 bits,
 * count in the low 16) followed by its AS numbers.
 */
public final class AsPath {
  /** The empty path (what an iBGP peer or the origin of a route sends). */
  public static final AsPath EMPTY = new AsPath(new int[0]);

  private final int[] data;
  private final int hash;

  private AsPath(int[] data) {
    this.data = data;
    this.hash = Arrays.hashCode(data);
  }

  /** A path of one AS_SEQUENCE holding {@code asns}, first the neighbour, last the origin. */
  public static AsPath of(long... asns) {
    return asns.length == 0
        ? EMPTY
        : builder().segment(AsPathSegment.Type.AS_SEQUENCE, asns).build();
  }

  /** A path made of {@code segments} in order; empty segments are dropped. */
  public static AsPath of(Iterable<AsPathSegment> segments) {
    Builder builder = builder();
    for (AsPathSegment segment : segments) {
      builder.segment(segment.type(), segment.asns().stream().mapToLong(Long::longValue).toArray());
    }
    return builder.build();
  }

  /** A builder of paths, segment by segment. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses the text form, for example {@code "65001 65002 {64512 64513}"}; the empty string is the
   * empty path.
   *
   * @throws IllegalArgumentException if {@code text} is not an AS path
   */
  public static AsPath parse(String text) {
    Builder builder = builder();
    List<Long> current = new ArrayList<>();
    AsPathSegment.Type open = null;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ' ' || c == ',') {
        i++;
        continue;
      }
      AsPathSegment.Type opening = openingType(c);
      if (opening != null) {
        checkArgument(open == null, "asPath: '%s' (nested segment at %s)", text, i);
        flush(builder, AsPathSegment.Type.AS_SEQUENCE, current);
        open = opening;
        i++;
        continue;
      }
      if (c == '}' || c == ')' || c == ']') {
        checkArgument(
            open != null && closing(open) == c, "asPath: '%s' (unbalanced '%s')", text, c);
        flush(builder, open, current);
        open = null;
        i++;
        continue;
      }
      int end = i;
      while (end < text.length() && Character.isDigit(text.charAt(end))) {
        end++;
      }
      checkArgument(end > i, "asPath: '%s' (unexpected '%s' at %s)", text, c, i);
      current.add(parseAsn(text, text.substring(i, end)));
      i = end;
    }
    checkArgument(open == null, "asPath: '%s' (unclosed segment)", text);
    flush(builder, AsPathSegment.Type.AS_SEQUENCE, current);
    return builder.build();
  }

  private static long parseAsn(String text, String number) {
    long asn;
    try {
      asn = Long.parseLong(number);
    } catch (NumberFormatException e) {
      asn = -1;
    }
    checkArgument(
        asn >= 0 && asn <= 0xFFFF_FFFFL,
        "asPath: '%s' (AS %s out of range 0 to 4294967295)",
        text,
        number);
    return asn;
  }

  private static AsPathSegment.Type openingType(char c) {
    return switch (c) {
      case '{' -> AsPathSegment.Type.AS_SET;
      case '(' -> AsPathSegment.Type.AS_CONFED_SEQUENCE;
      case '[' -> AsPathSegment.Type.AS_CONFED_SET;
      default -> null;
    };
  }

  private static char closing(AsPathSegment.Type type) {
    return switch (type) {
      case AS_SET -> '}';
      case AS_CONFED_SEQUENCE -> ')';
      case AS_CONFED_SET -> ']';
      case AS_SEQUENCE -> ' ';
    };
  }

  private static void flush(Builder builder, AsPathSegment.Type type, List<Long> asns) {
    if (!asns.isEmpty()) {
      builder.segment(type, asns.stream().mapToLong(Long::longValue).toArray());
      asns.clear();
    }
  }

  /** Whether the path has no segment. */
  public boolean isEmpty() {
    return data.length == 0;
  }

  /**
   * The path length for best-path selection (RFC 4271 9.1.2.2 a): each AS_SEQUENCE member counts
   * one, each AS_SET counts one in all, confederation segments count zero.
   */
  public int length() {
    int length = 0;
    for (int i = 0; i < data.length; i += 1 + count(data[i])) {
      AsPathSegment.Type type = type(data[i]);
      if (type == AsPathSegment.Type.AS_SEQUENCE) {
        length += count(data[i]);
      } else if (type == AsPathSegment.Type.AS_SET) {
        length += 1;
      }
    }
    return length;
  }

  /** The segments in order. */
  public ImmutableList<AsPathSegment> segments() {
    ImmutableList.Builder<AsPathSegment> segments = ImmutableList.builder();
    for (int i = 0; i < data.length; i += 1 + count(data[i])) {
      ImmutableList.Builder<Long> asns = ImmutableList.builderWithExpectedSize(count(data[i]));
      for (int j = 0; j < count(data[i]); j++) {
        asns.add(Integer.toUnsignedLong(data[i + 1 + j]));
      }
      segments.add(new AsPathSegment(type(data[i]), asns.build()));
    }
    return segments.build();
  }

  /**
   * Receives the segments of a path in order, as {@link #forEachSegment} walks them: {@link
   * #segment} once per segment, then {@link #asn} for each of its AS numbers.
   */
  public interface SegmentVisitor {
    /** A segment of {@code type} with {@code size} AS numbers begins. */
    void segment(AsPathSegment.Type type, int size);

    /** The next AS number of the current segment, an unsigned 4-octet value. */
    void asn(long asn);
  }

  /**
   * Walks the segments in order without building the lists of {@link #segments()}; for encoders,
   * which visit every path they send.
   */
  public void forEachSegment(SegmentVisitor visitor) {
    for (int i = 0; i < data.length; i += 1 + count(data[i])) {
      visitor.segment(type(data[i]), count(data[i]));
      for (int j = i + 1; j <= i + count(data[i]); j++) {
        visitor.asn(Integer.toUnsignedLong(data[j]));
      }
    }
  }

  /** The number of segments. */
  public int segmentCount() {
    int n = 0;
    for (int i = 0; i < data.length; i += 1 + count(data[i])) {
      n++;
    }
    return n;
  }

  /** Whether {@code asn} occurs anywhere in the path, in any kind of segment. */
  public boolean contains(long asn) {
    int value = (int) asn;
    for (int i = 0; i < data.length; i += 1 + count(data[i])) {
      for (int j = i + 1; j <= i + count(data[i]); j++) {
        if (data[j] == value) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether any AS of the path, in any kind of segment, satisfies {@code test}; no allocation. */
  public boolean anyAsn(LongPredicate test) {
    for (int i = 0; i < data.length; i += 1 + count(data[i])) {
      for (int j = i + 1; j <= i + count(data[i]); j++) {
        if (test.test(Integer.toUnsignedLong(data[j]))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The neighbour AS: the first AS of the path when the path starts with an AS_SEQUENCE (RFC 4271
   * 9.1.2.2 c compares MED only among routes whose neighbour AS is the same); empty otherwise.
   */
  public OptionalLong neighborAs() {
    if (data.length == 0 || type(data[0]) != AsPathSegment.Type.AS_SEQUENCE) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Integer.toUnsignedLong(data[1]));
  }

  /**
   * The origin AS: the last AS of the path when the last segment is an AS_SEQUENCE; empty for an
   * empty path or one that ends in a set.
   */
  public OptionalLong originAs() {
    int last = -1;
    for (int i = 0; i < data.length; i += 1 + count(data[i])) {
      last = i;
    }
    if (last < 0 || type(data[last]) != AsPathSegment.Type.AS_SEQUENCE) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Integer.toUnsignedLong(data[last + count(data[last])]));
  }

  /**
   * This path with {@code asn} prepended {@code times} times to its first AS_SEQUENCE (a new one is
   * started when the path is empty or starts with another kind of segment, and a full segment of
   * 255 members spills into a new one, as RFC 4271 section 5.1.2 requires).
   */
  public AsPath prepend(long asn, int times) {
    checkArgument(times >= 0, "times: %s (expected: >= 0)", times);
    checkArgument(asn >= 0 && asn <= 0xFFFF_FFFFL, "asn: %s (expected: 0 to 4294967295)", asn);
    if (times == 0) {
      return this;
    }
    int leading =
        data.length > 0 && type(data[0]) == AsPathSegment.Type.AS_SEQUENCE ? count(data[0]) : 0;
    long[] sequence = new long[times + leading];
    Arrays.fill(sequence, 0, times, asn);
    for (int i = 0; i < leading; i++) {
      sequence[times + i] = Integer.toUnsignedLong(data[1 + i]);
    }
    Builder builder = builder().segment(AsPathSegment.Type.AS_SEQUENCE, sequence);
    int rest = leading > 0 ? 1 + leading : 0;
    builder.ensure(data.length - rest);
    System.arraycopy(data, rest, builder.data, builder.size, data.length - rest);
    builder.size += data.length - rest;
    return builder.build();
  }

  /** The AS numbers of the path in order, across all segments (sets in their stored order). */
  public long[] asns() {
    long[] asns = new long[data.length - segmentCount()];
    int n = 0;
    for (int i = 0; i < data.length; i += 1 + count(data[i])) {
      for (int j = i + 1; j <= i + count(data[i]); j++) {
        asns[n++] = Integer.toUnsignedLong(data[j]);
      }
    }
    return asns;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AsPath p && p.hash == hash && Arrays.equals(p.data, data);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The text form, for example {@code 65001 65002 {64512 64513}}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < data.length; i += 1 + count(data[i])) {
      AsPathSegment.Type type = type(data[i]);
      if (text.length() > 0) {
        text.append(' ');
      }
      if (type != AsPathSegment.Type.AS_SEQUENCE) {
        text.append(
            type == AsPathSegment.Type.AS_SET
                ? '{'
                : type == AsPathSegment.Type.AS_CONFED_SEQUENCE ? '(' : '[');
      }
      for (int j = i + 1; j <= i + count(data[i]); j++) {
        if (j > i + 1) {
          text.append(' ');
        }
        text.append(Integer.toUnsignedString(data[j]));
      }
      if (type != AsPathSegment.Type.AS_SEQUENCE) {
        text.append(closing(type));
      }
    }
    return text.toString();
  }

  private static AsPathSegment.Type type(int header) {
    return AsPathSegment.Type.ofCode(header >>> 16);
  }

  private static int count(int header) {
    return header & 0xffff;
  }

  /** Builds a path segment by segment. Not thread-safe. */
  public static final class Builder {
    private int[] data = new int[8];
    private int size;

    private Builder() {}

    /**
     * Appends a segment of {@code type} holding {@code asns}; an AS_SEQUENCE or AS_CONFED_SEQUENCE
     * of more than 255 members is split into several segments. An empty segment is dropped.
     */
    public Builder segment(AsPathSegment.Type type, long... asns) {
      int offset = 0;
      while (offset < asns.length) {
        int count = Math.min(asns.length - offset, AsPathSegment.MAX_MEMBERS);
        ensure(1 + count);
        data[size++] = type.code() << 16 | count;
        for (int i = 0; i < count; i++) {
          long asn = asns[offset + i];
          checkArgument(
              asn >= 0 && asn <= 0xFFFF_FFFFL, "asn: %s (expected: 0 to 4294967295)", asn);
          data[size++] = (int) asn;
        }
        offset += count;
      }
      return this;
    }

    /**
     * Appends a segment whose AS numbers are the 4-octet values {@code asns[from..to)}, read as
     * unsigned; the fast path for decoders.
     */
    public Builder segment(AsPathSegment.Type type, int[] asns, int from, int to) {
      checkArgument(
          to - from <= AsPathSegment.MAX_MEMBERS,
          "segment: %s members (expected: <= 255)",
          to - from);
      if (to > from) {
        ensure(1 + to - from);
        data[size++] = type.code() << 16 | (to - from);
        System.arraycopy(asns, from, data, size, to - from);
        size += to - from;
      }
      return this;
    }

    /** Appends every segment of {@code path}. */
    public Builder appendAll(AsPath path) {
      ensure(path.data.length);
      System.arraycopy(path.data, 0, data, size, path.data.length);
      size += path.data.length;
      return this;
    }

    private void ensure(int more) {
      if (size + more > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
      }
    }

    /** The path built so far. */
    public AsPath build() {
      return size == 0 ? EMPTY : new AsPath(Arrays.copyOf(data, size));
    }
  }
}
