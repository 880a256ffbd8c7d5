package io.github.routeserver.core.policy;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.core.net.Prefix;

/**
 * One entry of a prefix list: a prefix and the range of lengths it admits, as in the {@code ge} /
 * {@code le} of router prefix lists. A prefix {@code p} matches when it lies inside {@link
 * #prefix()} (or equals it) and {@code ge <= p.length() <= le}.
 *
 * <p>Text form: {@code 10.0.0.0/8} (exactly that prefix), {@code 10.0.0.0/8 le 24} (the prefix and
 * everything inside it up to /24), {@code 10.0.0.0/8 ge 16} (from /16 down to /32), {@code
 * 10.0.0.0/8 ge 16 le 24}. Without {@code ge} the range starts at the prefix's own length; with
 * {@code ge} but no {@code le} it runs to the family's full length (32 or 128), as in Cisco IOS.
 *
 * @param prefix the covering prefix
 * @param ge the shortest length admitted
 * @param le the longest length admitted
 */
public record PrefixRange(Prefix prefix, int ge, int le) {

  /** Validates {@code prefix.length() <= ge <= le <= family bits}. */
  public PrefixRange {
    int bits = prefix.family().bits();
    checkArgument(
        prefix.length() <= ge && ge <= le && le <= bits,
        "prefixRange: %s ge %s le %s (expected: %s <= ge <= le <= %s)",
        prefix,
        ge,
        le,
        prefix.length(),
        bits);
  }

  /** Exactly {@code prefix}. */
  public static PrefixRange exact(Prefix prefix) {
    return new PrefixRange(prefix, prefix.length(), prefix.length());
  }

  /** {@code prefix} and every prefix inside it. */
  public static PrefixRange orLonger(Prefix prefix) {
    return new PrefixRange(prefix, prefix.length(), prefix.family().bits());
  }

  /**
   * Parses the text form, for example {@code "10.0.0.0/8 ge 16 le 24"}.
   *
   * @throws IllegalArgumentException if {@code text} is not a prefix range
   */
  public static PrefixRange parse(String text) {
    String[] words = text.strip().split("\\s+");
    checkArgument(
        words.length % 2 == 1 && words.length <= 5,
        "prefixRange: '%s' (expected: PREFIX [ge N] [le M])",
        text);
    Prefix prefix = Prefix.parse(words[0]);
    Integer ge = null;
    Integer le = null;
    for (int i = 1; i < words.length; i += 2) {
      int value = parseLength(words[i + 1], text);
      switch (words[i]) {
        case "ge" -> {
          checkArgument(ge == null && le == null, "prefixRange: '%s' (ge must come first)", text);
          ge = value;
        }
        case "le" -> {
          checkArgument(le == null, "prefixRange: '%s' (le given twice)", text);
          le = value;
        }
        default ->
            throw new IllegalArgumentException(
                "prefixRange: '" + text + "' (expected: PREFIX [ge N] [le M])");
      }
    }
    int bits = prefix.family().bits();
    int low = ge != null ? ge : prefix.length();
    int high = le != null ? le : ge != null ? bits : prefix.length();
    return new PrefixRange(prefix, low, high);
  }

  private static int parseLength(String word, String text) {
    checkArgument(
        !word.isEmpty() && word.length() <= 3 && word.chars().allMatch(Character::isDigit),
        "prefixRange: '%s' ('%s' is not a prefix length)",
        text,
        word);
    return Integer.parseInt(word);
  }

  /** Whether {@code candidate} lies inside {@link #prefix()} with a length from ge to le. */
  public boolean matches(Prefix candidate) {
    return candidate.length() >= ge && candidate.length() <= le && prefix.contains(candidate);
  }

  /** The text form that {@link #parse} reads, as short as it can be. */
  @Override
  public String toString() {
    int bits = prefix.family().bits();
    if (ge == prefix.length()) {
      return le == prefix.length() ? prefix.toString() : prefix + " le " + le;
    }
    return le == bits ? prefix + " ge " + ge : prefix + " ge " + ge + " le " + le;
  }
}
