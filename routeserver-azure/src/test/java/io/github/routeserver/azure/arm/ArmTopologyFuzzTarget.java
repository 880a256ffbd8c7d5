package io.github.routeserver.azure.arm;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target of {@link ArmTopologyReader} (Jazzer's {@code fuzzerTestOneInput} convention, used
 * both by the Jazzer command line in the {@code fuzz} profile and by {@link ArmTopologyFuzzTest}).
 * The input is the text of one ARM document, in UTF-8.
 *
 * <p>What must hold for every input: {@code read} returns a topology or throws an {@link
 * ArmReadException} whose message is one line naming the source; no other exception, no hang.
 */
public final class ArmTopologyFuzzTarget {
  private static final String SOURCE = "fuzz.json";
  private static final ArmTopologyReader READER = ArmTopologyReader.create();

  private ArmTopologyFuzzTarget() {}

  /** One fuzz input. */
  public static void fuzzerTestOneInput(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      READER.read(SOURCE, new StringReader(text));
    } catch (ArmReadException e) {
      String message = e.getMessage();
      if (!message.startsWith(SOURCE + ":") || message.contains("\n")) {
        throw new AssertionError("not a one-line error naming the source: " + message, e);
      }
    }
  }
}
