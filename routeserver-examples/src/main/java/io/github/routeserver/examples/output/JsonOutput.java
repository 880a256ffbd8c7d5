package io.github.routeserver.examples.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/** Prints the JSON the sample apps produce: indented, one document, a line break at the end. */
public final class JsonOutput {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonOutput() {}

  /** The text of {@code json}, indented, with a line break at the end. */
  public static String text(JsonNode json) {
    try {
      return MAPPER.writeValueAsString(json) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of JSON values always serialises", e);
    }
  }

  /** Prints {@code json} to {@code out} and flushes it. */
  public static void print(PrintWriter out, JsonNode json) {
    out.print(text(json));
    out.flush();
  }
}
