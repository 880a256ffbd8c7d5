package io.github.routeserver.examples.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzz target of the YAML configuration readers (Jazzer's {@code fuzzerTestOneInput} convention,
 * used both by the Jazzer command line in the {@code fuzz} profile and by {@link ConfigFuzzTest}).
 * The first octet picks the reader ({@link ServeConfigReader} when even, {@link PolicyConfigReader}
 * when odd); the rest is the YAML text in UTF-8.
 *
 * <p>What must hold for every input: the reader returns a configuration or throws a {@link
 * ConfigException} whose message is one line naming the file; no other exception, no hang.
 */
public final class ConfigFuzzTarget {
  private static final String FILE = "fuzz.yaml";

  private ConfigFuzzTarget() {}

  /** One fuzz input. */
  public static void fuzzerTestOneInput(byte[] data) {
    if (data.length == 0) {
      return;
    }
    String yaml = new String(Arrays.copyOfRange(data, 1, data.length), StandardCharsets.UTF_8);
    try {
      if ((data[0] & 1) == 0) {
        ServeConfigReader.read(FILE, yaml, variable -> "secret-of-" + variable);
      } else {
        PolicyConfigReader.read(FILE, yaml);
      }
    } catch (ConfigException e) {
      String message = e.getMessage();
      if (!message.startsWith(FILE + ":") || message.contains("\n")) {
        throw new AssertionError("not a one-line error naming the file: " + message, e);
      }
    }
  }
}
