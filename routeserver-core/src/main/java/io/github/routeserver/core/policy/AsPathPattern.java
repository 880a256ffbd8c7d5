package io.github.routeserver.core.policy;

import io.github.routeserver.core.route.AsPath;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * An AS-path regular expression in the dialect routers use (Cisco IOS, FRR, Arista): a Java regular
 * expression that is searched for (not anchored unless it says {@code ^} or {@code $}) in the text
 * form of the path, where {@code _} stands for any delimiter.
 *
 * <p><b>The text a pattern sees</b> ({@link #render}): AS numbers in decimal, an AS_SEQUENCE as its
 * members separated by single spaces, an AS_SET as its members separated by commas in braces {@code
 * {64512,64513}}, an AS_CONFED_SEQUENCE in parentheses {@code (65010 65011)} and an AS_CONFED_SET
 * in brackets with commas {@code [65020,65021]}; segments are separated by a space. So {@code 65001
 * 65002 {64512,64513}} is a path of a two-member sequence and a set, and the empty path is the
 * empty string.
 *
 * <p><b>{@code _}</b> matches the start or end of the text, a space, a comma, or any of {@code {}
 * }()[]}: {@code _65001_} finds 65001 anywhere, inside sets and confederation segments too, but
 * never as part of 165001. Like a router's, it consumes the delimiter it matches.
 *
 * <p><b>Common forms are not regular expressions at all.</b> {@code .*}, {@code ^$}, {@code _N_},
 * {@code ^N_}, {@code _N$} and {@code ^N$} compile to direct tests of the path (contains, neighbour
 * AS, origin AS, single AS) that match exactly what the regular expression would; anything else
 * runs {@link java.util.regex} on the rendered text, which costs a string per evaluation.
 */
public final class AsPathPattern {
  private static final String DELIMITER = "(?:^|$|[ ,{}()\\[\\]])";
  private static final Pattern LITERAL = Pattern.compile("(\\^|_)(0|[1-9][0-9]{0,9})(\\$|_)");

  private final String source;
  private final Kind kind;
  private final long asn;
  private final @Nullable Pattern regex;

  private enum Kind {
    ANY,
    EMPTY,
    CONTAINS,
    NEIGHBOR,
    ORIGIN,
    ONLY,
    REGEX
  }

  private AsPathPattern(String source, Kind kind, long asn, @Nullable Pattern regex) {
    this.source = source;
    this.kind = kind;
    this.asn = asn;
    this.regex = regex;
  }

  /**
   * Compiles {@code pattern}.
   *
   * @throws IllegalArgumentException if it is not a valid regular expression
   */
  public static AsPathPattern compile(String pattern) {
    if (pattern.equals(".*") || pattern.isEmpty()) {
      return new AsPathPattern(pattern, Kind.ANY, 0, null);
    }
    if (pattern.equals("^$")) {
      return new AsPathPattern(pattern, Kind.EMPTY, 0, null);
    }
    Matcher literal = LITERAL.matcher(pattern);
    if (literal.matches() && Long.parseLong(literal.group(2)) <= 0xFFFF_FFFFL) {
      long asn = Long.parseLong(literal.group(2));
      boolean start = literal.group(1).equals("^");
      boolean end = literal.group(3).equals("$");
      Kind kind =
          start && end ? Kind.ONLY : start ? Kind.NEIGHBOR : end ? Kind.ORIGIN : Kind.CONTAINS;
      return new AsPathPattern(pattern, kind, asn, null);
    }
    return compileRegex(pattern);
  }

  /** Compiles {@code pattern} to a regular expression even when it has a direct form; for tests. */
  static AsPathPattern compileRegex(String pattern) {
    try {
      return new AsPathPattern(pattern, Kind.REGEX, 0, Pattern.compile(translate(pattern)));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "asPathPattern: '" + pattern + "' (" + e.getDescription() + ")", e);
    }
  }

  /** Replaces each {@code _} outside a character class with the delimiter expression. */
  private static String translate(String pattern) {
    StringBuilder regex = new StringBuilder(pattern.length() + 16);
    boolean inClass = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(c).append(pattern.charAt(++i));
      } else if (c == '[') {
        inClass = true;
        regex.append(c);
      } else if (c == ']') {
        inClass = false;
        regex.append(c);
      } else if (c == '_' && !inClass) {
        regex.append(DELIMITER);
      } else {
        regex.append(c);
      }
    }
    return regex.toString();
  }

  /** The pattern as written. */
  public String pattern() {
    return source;
  }

  /** Whether the pattern is found in {@code path} (see the class comment for the dialect). */
  public boolean matches(AsPath path) {
    return switch (kind) {
      case ANY -> true;
      case EMPTY -> path.isEmpty();
      case CONTAINS -> path.contains(asn);
      case NEIGHBOR -> is(path.neighborAs(), asn);
      case ORIGIN -> is(path.originAs(), asn);
      case ONLY -> path.segmentCount() == 1 && path.length() == 1 && is(path.neighborAs(), asn);
      case REGEX -> regex.matcher(render(path)).find();
    };
  }

  private static boolean is(OptionalLong value, long asn) {
    return value.isPresent() && value.getAsLong() == asn;
  }

  /**
   * The text {@code path} is matched against (see the class comment): {@link AsPath#toString()}
   * with the members of sets separated by commas instead of spaces.
   */
  public static String render(AsPath path) {
    char[] text = path.toString().toCharArray();
    boolean inSet = false;
    for (int i = 0; i < text.length; i++) {
      char c = text[i];
      if (c == '{' || c == '[') {
        inSet = true;
      } else if (c == '}' || c == ']') {
        inSet = false;
      } else if (c == ' ' && inSet) {
        text[i] = ',';
      }
    }
    return new String(text);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AsPathPattern p && p.source.equals(source) && p.kind == kind;
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  /** The pattern in double quotes, for example {@code "_65001_"}. */
  @Override
  public String toString() {
    return '"' + source + '"';
  }
}
