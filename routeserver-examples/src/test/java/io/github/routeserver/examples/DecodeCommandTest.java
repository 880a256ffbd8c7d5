package io.github.routeserver.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code routeserver decode}, run through the command line's entry point. */
class DecodeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MARKER = "ff".repeat(16);

  /** UPDATE: ORIGIN IGP, AS_PATH 65001 in 2-octet ASes, NEXT_HOP 10.0.2.4, NLRI 10.100.0.0/16. */
  private static final String UPDATE =
      MARKER + "002c 02 0000 0012 40010100 4002040201fde9 4003040a000204 100a64";

  @TempDir Path directory;

  private static JsonNode decoded(Cli run) throws IOException {
    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.err());
    return JSON.readTree(run.out());
  }

  @Test
  void decodesEveryMessageOfTheSampleFile() throws IOException {
    JsonNode messages = decoded(Cli.run("decode", "--file", "config/messages.hex"));

    List<String> types = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    messages.forEach(m -> types.add(m.path("type").asText()));
    messages.forEach(m -> lines.add(m.path("line").asInt()));
    assertEquals(List.of("OPEN", "UPDATE", "KEEPALIVE", "UPDATE", "NOTIFICATION"), types);
    assertEquals(List.of(6, 9, 12, 15, 18), lines);

    JsonNode open = messages.get(0);
    assertEquals(65001, open.path("asn").asLong());
    assertEquals(90, open.path("holdTime").asInt());
    assertEquals("10.0.2.4", open.path("bgpIdentifier").asText());
    assertEquals("FOUR_OCTET_AS", open.path("capabilities").get(1).path("name").asText());

    JsonNode update = messages.get(1);
    assertEquals("65001", update.path("attributes").path("asPath").asText());
    assertEquals("10.0.2.4", update.path("attributes").path("nextHop").asText());
    assertEquals("10.100.0.0/16", update.path("nlri").get(0).asText());

    JsonNode notification = messages.get(4).path("error");
    assertEquals(6, notification.path("code").asInt());
    assertEquals(2, notification.path("subcode").asInt());
  }

  @Test
  void treatsUpdateAsWithdrawWhenOriginLengthIsNotOne() throws IOException {
    JsonNode update = decoded(Cli.run("decode", "--file", "config/messages.hex")).get(3);

    assertEquals("10.100.0.0/16", update.path("withdrawn").get(0).asText());
    assertTrue(update.path("nlri").isMissingNode(), update.toString());
    JsonNode error = update.path("errors").get(0);
    assertEquals(3, error.path("code").asInt());
    assertEquals(5, error.path("subcode").asInt());
    assertEquals("ATTRIBUTE_LENGTH_ERROR", error.path("name").asText());
    assertEquals("TREAT_AS_WITHDRAW", error.path("action").asText());
    assertEquals("4001020000", error.path("data").asText());
  }

  @Test
  void aBadMarkerIsASessionResetWithItsNotification() throws IOException {
    JsonNode message = decoded(Cli.run("decode", "--hex", "fe" + MARKER.substring(2) + "001304"));

    JsonNode error = message.get(0).path("error");
    assertEquals(1, error.path("code").asInt());
    assertEquals(1, error.path("subcode").asInt());
    assertEquals("CONNECTION_NOT_SYNCHRONIZED", error.path("name").asText());
    assertEquals("SESSION_RESET", error.path("action").asText());
    assertTrue(message.get(0).path("type").isMissingNode());
  }

  @Test
  void readsAsPathsWithTheNegotiatedAsWidth() throws IOException {
    String fourOctet =
        MARKER + "002e 02 0000 0014 40010100 400206020100 00fde9 4003040a000204 100a64";

    JsonNode twoOctetUpdate = decoded(Cli.run("decode", "--four-octet-as", "--hex", UPDATE)).get(0);
    JsonNode fourOctetUpdate =
        decoded(Cli.run("decode", "--four-octet-as", "--hex", fourOctet)).get(0);

    assertEquals("MALFORMED_AS_PATH", twoOctetUpdate.path("errors").get(0).path("name").asText());
    assertEquals("65001", fourOctetUpdate.path("attributes").path("asPath").asText());
    assertTrue(fourOctetUpdate.path("errors").isMissingNode(), fourOctetUpdate.toString());
  }

  @Test
  void readsPathIdentifiersWithAddPath() throws IOException {
    String withPathId =
        MARKER + "0030 02 0000 0012 40010100 4002040201fde9 4003040a000204 00000007 100a64";

    JsonNode nlri =
        decoded(Cli.run("decode", "--add-path", "--hex", withPathId)).get(0).path("nlri").get(0);

    assertEquals(7, nlri.path("pathId").asInt());
    assertEquals("10.100.0.0/16", nlri.path("prefix").asText());
  }

  @Test
  void acceptsMessagesLongerThan4096OctetsOnlyWithExtendedMessages() throws IOException {
    // An UPDATE of 5,000 octets: 4,977 withdrawals of 0.0.0.0/0 (one octet each).
    String longUpdate = MARKER + "1388 02 1371" + "00".repeat(4977) + "0000";

    JsonNode plain = decoded(Cli.run("decode", "--hex", longUpdate)).get(0);
    JsonNode extended =
        decoded(Cli.run("decode", "--extended-message", "--hex", longUpdate)).get(0);

    assertEquals("BAD_MESSAGE_LENGTH", plain.path("error").path("name").asText(), plain.toString());
    assertEquals("UPDATE", extended.path("type").asText(), extended.toString());
    assertEquals(5000, extended.path("length").asInt());
  }

  @Test
  void aCharacterThatIsNotHexIsOneLineWithFileLineAndColumn() throws IOException {
    Path file = directory.resolve("bad.hex");
    Files.writeString(file, "# keepalive, then a typo\n" + MARKER + "001304\n" + "ffgf\n");

    assertEquals(
        file + ":3:3: 'g' is not a hex digit (expected: 0-9, a-f)",
        Cli.run("decode", "--file", file.toString()).oneLineError());
  }

  @Test
  void anOddNumberOfDigitsIsOneLine() {
    assertEquals(
        "--hex:1:7: odd number of hex digits (5): the last octet is cut",
        Cli.run("decode", "--hex", "ff ff f").oneLineError());
  }

  @Test
  void twoMessagesOnOneLineAreOneLine() {
    String keepalive = MARKER + "001304";

    assertEquals(
        "--hex:1:39: 19 octets after the 19-octet message (expected: one message per line)",
        Cli.run("decode", "--hex", keepalive + keepalive).oneLineError());
  }

  @Test
  void aMissingFileIsOneLine() {
    String error = Cli.run("decode", "--file", "no/such.hex").oneLineError();

    assertTrue(error.startsWith("no/such.hex: cannot read the file: "), error);
  }

  @Test
  void bothInputsAtOnceIsBadUsageInOneLine() {
    String error = Cli.run("decode", "--hex", "00", "--file", "x.hex").oneLineError();

    assertTrue(error.startsWith("routeserver decode: "), error);
    assertTrue(error.contains("mutually exclusive"), error);
  }
}
