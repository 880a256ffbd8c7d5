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
import net.jqwik.api.constraints.IntRange;
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

  /**
   * An FQDN capability with any octets as names decodes, and encodes to the same octets (up to 249
   * octets of names, the most one optional parameter of the non-extended form holds).
   */
  @Property
  void fqdnCapabilityOfAnyOctetsDecodesAndEncodesToTheSameOctets(
      @ForAll @Size(max = 249) byte[] names, @ForAll @IntRange(max = 249) int split) {
    int hostnameLength = Math.min(split, names.length);
    ByteBuffer open = ByteBuffer.allocate(19 + 10 + 2 + 4 + names.length);
    for (int i = 0; i < 16; i++) {
      open.put((byte) 0xFF);
    }
    open.putShort((short) open.capacity()).put((byte) 1); // length, OPEN
    open.put((byte) 4).putShort((short) 65000).putShort((short) 180).putInt(0xC0000201);
    open.put((byte) (names.length + 6)).put((byte) 2).put((byte) (names.length + 4));
    open.put((byte) 73).put((byte) (names.length + 2)); // FQDN
    open.put((byte) hostnameLength).put(names, 0, hostnameLength);
    open.put((byte) (names.length - hostnameLength))
        .put(names, hostnameLength, names.length - hostnameLength);
    open.flip();

    DecodeResult result = new MessageDecoder().decode(open.duplicate(), CodecContext.BASE);

    assertTrue(result.isClean(), result.errors().toString());
    assertEquals(
        Wire.hex(open),
        Wire.hex(MessageEncoder.encode(result.message().orElseThrow(), CodecContext.BASE)));
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
