package io.github.routeserver.bgp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.wire.BgpMessage;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the codec over generated messages, contexts and octets. Tries are bounded by {@code
 * jqwik.tries.default} (200 in the default build).
 */
class CodecProperties {

  @Provide
  net.jqwik.api.Arbitrary<Arbitrary.Case> messages() {
    return Arbitrary.messages();
  }

  @Property
  void decodesWhatItEncodes(@ForAll("messages") Arbitrary.Case input) {
    ByteBuffer encoded = MessageEncoder.encode(input.message(), input.context());

    DecodeResult result = new MessageDecoder().decode(encoded, input.context());

    assertEquals(Optional.of(input.message()), result.message(), result.errors().toString());
    assertTrue(result.isClean(), result.errors().toString());
    assertEquals(0, encoded.remaining());
  }

  @Property
  void arbitraryOctetsOnlyEverGiveADecodeResult(
      @ForAll @Size(max = 300) byte[] octets, @ForAll("contexts") CodecContext context) {
    decodeAndReencode(ByteBuffer.wrap(octets), context);
  }

  @Property
  void octetsBehindAValidHeaderOnlyEverGiveADecodeResult(
      @ForAll @Size(max = 300) byte[] body,
      @ForAll("types") int type,
      @ForAll("contexts") CodecContext context) {
    ByteBuffer message = ByteBuffer.allocate(19 + body.length);
    for (int i = 0; i < 16; i++) {
      message.put((byte) 0xFF);
    }
    message.putShort((short) (19 + body.length)).put((byte) type).put(body).flip();

    decodeAndReencode(message, context);
  }

  @Property
  void mutatedMessagesOnlyEverGiveADecodeResult(
      @ForAll("messages") Arbitrary.Case input, @ForAll long seed) {
    ByteBuffer encoded = MessageEncoder.encode(input.message(), input.context());
    byte[] octets = new byte[encoded.remaining()];
    encoded.get(octets);
    Random random = new Random(seed);
    int mutations = 1 + random.nextInt(4);
    for (int i = 0; i < mutations; i++) {
      int at = random.nextInt(octets.length);
      switch (random.nextInt(4)) {
        case 0 -> octets[at] = (byte) random.nextInt(256);
        case 1 -> octets[at] ^= (byte) (1 << random.nextInt(8));
        case 2 -> octets = java.util.Arrays.copyOf(octets, Math.max(at, 19));
        default -> octets[at] = (byte) (octets[at] + (random.nextBoolean() ? 1 : -1));
      }
    }
    decodeAndReencode(ByteBuffer.wrap(octets), input.context());
  }

  @Provide
  net.jqwik.api.Arbitrary<CodecContext> contexts() {
    return Arbitrary.contexts();
  }

  @Provide
  net.jqwik.api.Arbitrary<Integer> types() {
    return Arbitraries.integers().between(1, 5);
  }

  /**
   * Decodes; what decodes without a session reset must encode and decode to itself again, and the
   * result must say consistently whether the session is reset.
   */
  private static void decodeAndReencode(ByteBuffer octets, CodecContext context) {
    DecodeResult result = new MessageDecoder().decode(octets, context);

    assertEquals(result.isSessionReset(), result.message().isEmpty());
    if (result.isSessionReset()) {
      assertNotEquals(Optional.empty(), result.strongestError());
      return;
    }
    BgpMessage message = result.message().get();
    DecodeResult again =
        new MessageDecoder().decode(MessageEncoder.encode(message, context), context);
    assertEquals(Optional.of(message), again.message(), again.errors().toString());
  }
}
