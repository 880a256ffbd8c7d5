package io.github.routeserver.core.text;

import org.jspecify.annotations.Nullable;

/**
 * Keeps a message on one line when it quotes text from a file or the network: every control
 * character and Unicode line or paragraph separator is written as a Java escape ({@code \n}, {@code
 * \r}, {@code \t}, otherwise {@code \}{@code uXXXX}).
 */
public final class SingleLine {
  private SingleLine() {}

  /** {@code text} with its control characters and line separators escaped. */
  public static String of(String text) {
    @Nullable StringBuilder line = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape = escape(c);
      if (escape != null && line == null) {
        line = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (line != null) {
        if (escape != null) {
          line.append(escape);
        } else {
          line.append(c);
        }
      }
    }
    return line == null ? text : line.toString();
  }

  private static @Nullable String escape(char c) {
    return switch (c) {
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default ->
          Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
              ? String.format("\\u%04x", (int) c)
              : null;
    };
  }
}
