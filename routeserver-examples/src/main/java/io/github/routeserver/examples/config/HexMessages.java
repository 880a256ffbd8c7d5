package io.github.routeserver.examples.config;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Whole BGP messages written in hex, one per line, as the {@code decode} command reads them: white
 * space anywhere is ignored, and blank lines and lines starting with {@code #} are skipped. A
 * character that is not a hex digit, or an odd number of digits, is one {@link ConfigException}
 * line with file, line and column.
 */
public final class HexMessages {
  /**
   * One message as written.
   *
   * @param line the line it is on, from 1
   * @param octets the message
   * @param columns the column of each octet's first digit, from 1
   */
  public record HexMessage(int line, byte[] octets, int[] columns) {}

  private HexMessages() {}

  /** The messages of the file {@code path}; errors name it as given. */
  public static ImmutableList<HexMessage> read(Path path) throws ConfigException {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(path.toString(), 0, 0, "", "cannot read the file: " + e);
    }
    ImmutableList.Builder<HexMessage> messages = ImmutableList.builder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        messages.add(parse(path.toString(), i + 1, lines.get(i)));
      }
    }
    return messages.build();
  }

  /** The message {@code hex}, line {@code line} of {@code source}. */
  public static HexMessage parse(String source, int line, String hex) throws ConfigException {
    byte[] octets = new byte[hex.length() / 2];
    int[] columns = new int[octets.length];
    int digits = 0;
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (Character.isWhitespace(c)) {
        continue;
      }
      int value = Character.digit(c, 16);
      if (value < 0) {
        throw new ConfigException(
            source, line, i + 1, "", "'" + c + "' is not a hex digit (expected: 0-9, a-f)");
      }
      if (digits % 2 == 0) {
        columns[digits / 2] = i + 1;
      }
      octets[digits / 2] |= (byte) (value << (digits % 2 == 0 ? 4 : 0));
      digits++;
    }
    if (digits % 2 != 0) {
      throw new ConfigException(
          source,
          line,
          hex.stripTrailing().length(),
          "",
          "odd number of hex digits (" + digits + "): the last octet is cut");
    }
    if (digits == 0) {
      throw new ConfigException(source, line, 1, "", "no hex digits (expected: a BGP message)");
    }
    return new HexMessage(
        line, Arrays.copyOf(octets, digits / 2), Arrays.copyOf(columns, digits / 2));
  }
}
