package io.github.routeserver.bgp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.io.BaseEncoding;
import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.DecodeResult;
import io.github.routeserver.bgp.codec.MessageDecoder;
import io.github.routeserver.bgp.wire.Update;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The RFC 7606 section 6 log line: the errors, the NLRI involved and the whole UPDATE. */
class MalformedUpdateLineTest {
  private static final CodecContext CONTEXT =
      CodecContext.builder().fourOctetAs(true).extendedMessages(true, true).build();
  private static final String ATTRIBUTES =
      """
      40 01 01 09                       # ORIGIN 9, undefined: treat-as-withdraw (RFC 7606 7.1)
      40 02 06 02 01 0000fdf2           # AS_PATH 65010
      40 03 04 c6336407                 # NEXT_HOP 198.51.100.7
      """;

  /** Hex without white space and comments. */
  private static String hex(String text) {
    return text.replaceAll("#.*", "").replaceAll("\\s", "");
  }

  /** An UPDATE with {@link #ATTRIBUTES} and {@code count} /24s of 10.0.0.0/8 as NLRI. */
  private static String update(int count) {
    StringBuilder nlri = new StringBuilder();
    for (int i = 0; i < count; i++) {
      nlri.append(String.format("18 0a%04x", i));
    }
    String body = "0000" + String.format("%04x", 20) + hex(ATTRIBUTES) + hex(nlri.toString());
    return "ff".repeat(16) + String.format("%04x02", 19 + body.length() / 2) + body;
  }

  private static String line(String message) {
    ByteBuffer octets =
        ByteBuffer.wrap(BaseEncoding.base16().decode(message.toUpperCase(Locale.ROOT)));
    DecodeResult result = new MessageDecoder().decode(octets.duplicate(), CONTEXT);
    return MalformedUpdateLine.of((Update) result.message().orElseThrow(), result.errors(), octets);
  }

  @Test
  void listsTheErrorsTheNlriAndTheWholeUpdate() {
    String message = update(2);

    assertEquals(
        "malformed UPDATE [TREAT_AS_WITHDRAW INVALID_ORIGIN_ATTRIBUTE (3/6): undefined ORIGIN 9"
            + " data=40010109]; NLRI 2: 10.0.0.0/24 10.0.1.0/24; UPDATE of 51 octets: "
            + message,
        line(message));
  }

  @Test
  void listsTheFirstEightPrefixesAndCountsTheRest() {
    String line = line(update(10));

    assertTrue(
        line.contains(
            "; NLRI 10: 10.0.0.0/24 10.0.1.0/24 10.0.2.0/24 10.0.3.0/24 10.0.4.0/24 10.0.5.0/24"
                + " 10.0.6.0/24 10.0.7.0/24 and 2 more; "),
        line);
  }

  @Test
  void cutsTheHexOfALongUpdateAtItsFirst2048Octets() {
    String message = update(1000); // 43 + 4,000 octets

    String line = line(message);

    assertTrue(
        line.endsWith(
            "; UPDATE of 4043 octets: " + message.substring(0, 2 * 2048) + " (the first 2048)"),
        line);
  }
}
