package io.github.routeserver.core.policy;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.ExtendedCommunity;
import io.github.routeserver.core.route.LargeCommunity;
import io.github.routeserver.core.route.PathAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A named, immutable set of community patterns of all three kinds: standard (RFC 1997), extended
 * (RFC 4360) and large (RFC 8092). Each member is an exact value or has {@code *} wildcards.
 *
 * <p>Member text, by shape:
 *
 * <ul>
 *   <li>{@code 65001:100}, {@code 65001:*}, {@code *:100}, or a well-known name such as {@code
 *       NO_EXPORT}: a standard community (each half 0 to 65535);
 *   <li>{@code 65001:1:2}, {@code 65001:*:*}, {@code *:*:666}: a large community (each part 0 to
 *       4294967295);
 *   <li>{@code rt:65001:100} or {@code soo:65001:100}, with {@code *} allowed for the AS or the
 *       value: a 2-octet-AS route target or route origin extended community (RFC 4360 sections 4
 *       and 5); {@code 0x0002fde900000064}: any extended community, exactly.
 * </ul>
 *
 * <p>Matching looks only at communities of a member's own kind: {@code *:100} never matches a large
 * community. Sets of exact values (no wildcard) can also be {@linkplain #addTo added}, {@linkplain
 * #replaceIn set}; any set can be {@linkplain #removeFrom removed}.
 */
public final class CommunitySet {
  private static final long EXTENDED_TYPE_MASK = 0xFFFFL << 48;

  private final String name;
  private final ImmutableList<String> members;
  // Standard: value and mask per member.
  private final int[] standardValues;
  private final int[] standardMasks;
  // Extended: value and mask per member.
  private final long[] extendedValues;
  private final long[] extendedMasks;
  // Large: three values and three masks per member.
  private final int[] largeValues;
  private final int[] largeMasks;
  private final boolean exact;

  private CommunitySet(String name, List<String> texts) {
    checkArgument(!name.isBlank(), "name: '%s' (expected: a non-blank name)", name);
    this.name = name;
    List<String> canonical = new ArrayList<>();
    IntList standardValues = new IntList();
    IntList standardMasks = new IntList();
    List<long[]> extended = new ArrayList<>();
    IntList largeValues = new IntList();
    IntList largeMasks = new IntList();
    boolean exact = true;
    for (String text : texts) {
      String member = text.strip();
      String lower = member.toLowerCase(Locale.ROOT);
      String[] parts = member.split(":", -1);
      if (lower.startsWith("0x")) {
        checkArgument(
            member.length() == 18 && member.substring(2).chars().allMatch(CommunitySet::isHex),
            "community: '%s' (expected: 0x and 16 hex digits)",
            text);
        extended.add(new long[] {Long.parseUnsignedLong(member.substring(2), 16), -1L});
        canonical.add(lower);
      } else if (lower.startsWith("rt:") || lower.startsWith("soo:")) {
        checkArgument(parts.length == 3, "community: '%s' (expected: rt:ASN:VALUE)", text);
        long type = lower.startsWith("rt:") ? 0x0002L : 0x0003L;
        long asn = field(parts[1], 0xFFFFL, text);
        long value = field(parts[2], 0xFFFF_FFFFL, text);
        extended.add(
            new long[] {
              type << 48 | (asn < 0 ? 0 : asn << 32) | (value < 0 ? 0 : value),
              EXTENDED_TYPE_MASK | (asn < 0 ? 0 : 0xFFFFL << 32) | (value < 0 ? 0 : 0xFFFF_FFFFL)
            });
        exact &= asn >= 0 && value >= 0;
        canonical.add(parts[0].toLowerCase(Locale.ROOT) + ":" + star(asn) + ":" + star(value));
      } else if (parts.length == 3) {
        StringBuilder text3 = new StringBuilder();
        for (String part : parts) {
          long value = field(part, 0xFFFF_FFFFL, text);
          largeValues.add(value < 0 ? 0 : (int) value);
          largeMasks.add(value < 0 ? 0 : -1);
          exact &= value >= 0;
          text3.append(text3.length() > 0 ? ":" : "").append(star(value));
        }
        canonical.add(text3.toString());
      } else if (parts.length == 2) {
        long high = field(parts[0], 0xFFFFL, text);
        long low = field(parts[1], 0xFFFFL, text);
        standardValues.add((int) ((high < 0 ? 0 : high << 16) | (low < 0 ? 0 : low)));
        standardMasks.add((high < 0 ? 0 : 0xFFFF0000) | (low < 0 ? 0 : 0xFFFF));
        exact &= high >= 0 && low >= 0;
        canonical.add(
            high >= 0 && low >= 0
                ? Community.of((int) high, (int) low).toString()
                : star(high) + ":" + star(low));
      } else {
        Community named =
            Community.tryParse(member)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "community: '"
                                + text
                                + "' (expected: A:B, A:B:C, rt:A:B, soo:A:B, 0x + 16 hex digits,"
                                + " or a well-known name; * for any part)"));
        standardValues.add(named.value());
        standardMasks.add(-1);
        canonical.add(named.toString());
      }
    }
    this.members = ImmutableList.copyOf(canonical);
    this.standardValues = standardValues.toArray();
    this.standardMasks = standardMasks.toArray();
    this.extendedValues = extended.stream().mapToLong(e -> e[0]).toArray();
    this.extendedMasks = extended.stream().mapToLong(e -> e[1]).toArray();
    this.largeValues = largeValues.toArray();
    this.largeMasks = largeMasks.toArray();
    this.exact = exact;
  }

  /** A value 0 to {@code max}, or -1 for {@code *}. */
  private static long field(String part, long max, String text) {
    if (part.equals("*")) {
      return -1;
    }
    checkArgument(
        !part.isEmpty() && part.length() <= 10 && part.chars().allMatch(Character::isDigit),
        "community: '%s' ('%s' is neither a number nor *)",
        text,
        part);
    long value = Long.parseLong(part);
    checkArgument(value <= max, "community: '%s' (%s is above %s)", text, value, max);
    return value;
  }

  private static String star(long value) {
    return value < 0 ? "*" : Long.toString(value);
  }

  private static boolean isHex(int c) {
    return Character.digit(c, 16) >= 0;
  }

  /** The set called {@code name} of the members parsed as the class comment describes. */
  public static CommunitySet parse(String name, String... members) {
    return new CommunitySet(name, Arrays.asList(members));
  }

  /** Like {@link #parse(String, String...)}, from any iterable of member texts. */
  public static CommunitySet parse(String name, Iterable<String> members) {
    List<String> list = new ArrayList<>();
    members.forEach(list::add);
    return new CommunitySet(name, list);
  }

  /** The name configurations and traces refer to this set by. */
  public String name() {
    return name;
  }

  /** The members in canonical text form, in the order given. */
  public ImmutableList<String> members() {
    return members;
  }

  /** Whether no member has a wildcard, so that the set can be added or set. */
  public boolean isExact() {
    return exact;
  }

  /** Whether some community of {@code attributes} matches some member. */
  public boolean matchesAny(PathAttributes attributes) {
    for (int i = 0; i < standardValues.length; i++) {
      if (findStandard(attributes, i) >= 0) {
        return true;
      }
    }
    for (int i = 0; i < extendedValues.length; i++) {
      if (findExtended(attributes, i) >= 0) {
        return true;
      }
    }
    for (int i = 0; i < largeValues.length / 3; i++) {
      if (findLarge(attributes, i) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether every member matches some community of {@code attributes}. */
  public boolean matchesAll(PathAttributes attributes) {
    for (int i = 0; i < standardValues.length; i++) {
      if (findStandard(attributes, i) < 0) {
        return false;
      }
    }
    for (int i = 0; i < extendedValues.length; i++) {
      if (findExtended(attributes, i) < 0) {
        return false;
      }
    }
    for (int i = 0; i < largeValues.length / 3; i++) {
      if (findLarge(attributes, i) < 0) {
        return false;
      }
    }
    return true;
  }

  private int findStandard(PathAttributes attributes, int member) {
    for (int j = 0; j < attributes.communityCount(); j++) {
      if (standardMatches(attributes.communityAt(j).value(), member)) {
        return j;
      }
    }
    return -1;
  }

  private boolean standardMatches(int community, int member) {
    return (community & standardMasks[member]) == standardValues[member];
  }

  private int findExtended(PathAttributes attributes, int member) {
    for (int j = 0; j < attributes.extendedCommunityCount(); j++) {
      if (extendedMatches(attributes.extendedCommunityAt(j).value(), member)) {
        return j;
      }
    }
    return -1;
  }

  private boolean extendedMatches(long community, int member) {
    return (community & extendedMasks[member]) == extendedValues[member];
  }

  private int findLarge(PathAttributes attributes, int member) {
    for (int j = 0; j < attributes.largeCommunityCount(); j++) {
      if (largeMatches(attributes.largeCommunityAt(j), member)) {
        return j;
      }
    }
    return -1;
  }

  private boolean largeMatches(LargeCommunity c, int member) {
    int k = 3 * member;
    return (c.global() & largeMasks[k]) == largeValues[k]
        && (c.local1() & largeMasks[k + 1]) == largeValues[k + 1]
        && (c.local2() & largeMasks[k + 2]) == largeValues[k + 2];
  }

  /**
   * {@code attributes} without every community that matches a member; {@code attributes} itself
   * when none does.
   */
  public PathAttributes removeFrom(PathAttributes attributes) {
    if (!matchesAny(attributes)) {
      return attributes;
    }
    IntList standard = new IntList();
    for (int j = 0; j < attributes.communityCount(); j++) {
      int c = attributes.communityAt(j).value();
      boolean remove = false;
      for (int i = 0; i < standardValues.length && !remove; i++) {
        remove = standardMatches(c, i);
      }
      if (!remove) {
        standard.add(c);
      }
    }
    List<ExtendedCommunity> extended = new ArrayList<>();
    for (int j = 0; j < attributes.extendedCommunityCount(); j++) {
      ExtendedCommunity c = attributes.extendedCommunityAt(j);
      boolean remove = false;
      for (int i = 0; i < extendedValues.length && !remove; i++) {
        remove = extendedMatches(c.value(), i);
      }
      if (!remove) {
        extended.add(c);
      }
    }
    List<LargeCommunity> large = new ArrayList<>();
    for (int j = 0; j < attributes.largeCommunityCount(); j++) {
      LargeCommunity c = attributes.largeCommunityAt(j);
      boolean remove = false;
      for (int i = 0; i < largeValues.length / 3 && !remove; i++) {
        remove = largeMatches(c, i);
      }
      if (!remove) {
        large.add(c);
      }
    }
    return attributes.toBuilder()
        .communityValues(standard.toArray())
        .extendedCommunities(extended)
        .largeCommunities(large)
        .build();
  }

  /**
   * {@code attributes} with every member that it lacks appended to the communities of its kind;
   * {@code attributes} itself when it has them all.
   *
   * @throws IllegalStateException if the set has wildcards
   */
  public PathAttributes addTo(PathAttributes attributes) {
    checkState(exact, "community set %s has wildcards and cannot be added", name);
    if (matchesAll(attributes)) {
      return attributes;
    }
    PathAttributes.Builder builder = attributes.toBuilder();
    for (int value : standardValues) {
      builder.addCommunity(new Community(value));
    }
    List<ExtendedCommunity> extended = new ArrayList<>(attributes.extendedCommunities());
    for (long value : extendedValues) {
      if (!extended.contains(new ExtendedCommunity(value))) {
        extended.add(new ExtendedCommunity(value));
      }
    }
    List<LargeCommunity> large = new ArrayList<>(attributes.largeCommunities());
    for (LargeCommunity value : largeMembers()) {
      if (!large.contains(value)) {
        large.add(value);
      }
    }
    return builder.extendedCommunities(extended).largeCommunities(large).build();
  }

  /**
   * {@code attributes} whose communities of all three kinds are exactly the members, in the order
   * given; {@code attributes} itself when they already are.
   *
   * @throws IllegalStateException if the set has wildcards
   */
  public PathAttributes replaceIn(PathAttributes attributes) {
    checkState(exact, "community set %s has wildcards and cannot be set", name);
    PathAttributes replaced =
        attributes.toBuilder()
            .communityValues(standardValues)
            .extendedCommunityValues(extendedValues)
            .largeCommunities(largeMembers())
            .build();
    return replaced.equals(attributes) ? attributes : replaced;
  }

  private List<LargeCommunity> largeMembers() {
    List<LargeCommunity> large = new ArrayList<>();
    for (int k = 0; k < largeValues.length; k += 3) {
      large.add(new LargeCommunity(largeValues[k], largeValues[k + 1], largeValues[k + 2]));
    }
    return large;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CommunitySet s && s.name.equals(name) && s.members.equals(members);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, members);
  }

  /** For example {@code customers[65001:*, rt:65001:100]}. */
  @Override
  public String toString() {
    return name + members;
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] values = new int[4];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
