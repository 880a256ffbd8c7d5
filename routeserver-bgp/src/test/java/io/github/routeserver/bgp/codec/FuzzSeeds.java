package io.github.routeserver.bgp.codec;

import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Keepalive;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The seeds of the decoder's fuzzing corpus: every case of {@link MalformedInputCorpusTest} and
 * valid messages of every type from {@link Arbitrary}, each encoded in each fuzzing context. A seed
 * is one octet naming the context (its index in the fuzz target's list) and the message.
 *
 * <p>{@code main(directory)} writes them as files {@code seed-NNN}; docs/reliability.md says how
 * the committed corpus was made with it.
 */
public final class FuzzSeeds {
  private FuzzSeeds() {}

  /** The seeds for contexts {@code contexts}, from a fixed random seed. */
  public static List<byte[]> decoderSeeds(List<CodecContext> contexts) {
    List<byte[]> seeds = new ArrayList<>();
    MalformedInputCorpusTest.corpus()
        .forEach(
            c -> {
              int index = contexts.indexOf(c.context());
              seeds.add(seed(Math.max(index, 0), Wire.hex(c.message())));
            });
    Random random = new Random(7606);
    for (int index = 0; index < contexts.size(); index++) {
      CodecContext context = contexts.get(index);
      List<BgpMessage> messages = new ArrayList<>();
      messages.add(Arbitrary.open(random));
      messages.add(Arbitrary.notification(random));
      messages.add(Arbitrary.routeRefresh(random));
      messages.add(Keepalive.INSTANCE);
      for (int i = 0; i < 12; i++) {
        messages.add(Arbitrary.update(random, context));
      }
      for (BgpMessage message : messages) {
        try {
          ByteBuffer encoded = MessageEncoder.encode(message, context);
          byte[] octets = new byte[encoded.remaining()];
          encoded.get(octets);
          seeds.add(seed(index, octets));
        } catch (IllegalArgumentException e) {
          // too long for this context: not a seed
        }
      }
    }
    return seeds;
  }

  /**
   * Seeds of the session fuzz target: an options octet (4-octet AS numbers, internal peer), then
   * UPDATE bodies, each after its 2-octet length: every malformed UPDATE of {@link
   * MalformedInputCorpusTest} after a valid one, and runs of valid UPDATEs.
   */
  public static List<byte[]> sessionSeeds() {
    CodecContext context = CodecContext.builder().fourOctetAs(true).build();
    Random random = new Random(4271);
    List<byte[]> seeds = new ArrayList<>();
    MalformedInputCorpusTest.corpus()
        .filter(c -> c.context().equals(context) || c.context().equals(CodecContext.BASE))
        .forEach(
            c -> {
              byte[] message = Wire.hex(c.message());
              if (message.length > 19 && message[18] == 2) {
                byte[] valid =
                    body(MessageEncoder.encode(Arbitrary.update(random, context), context));
                seeds.add(sessionSeed(c.context().fourOctetAs() ? 16 : 17, valid, body(message)));
              }
            });
    for (int i = 0; i < 20; i++) {
      byte[][] bodies = new byte[4][];
      for (int j = 0; j < bodies.length; j++) {
        bodies[j] = body(MessageEncoder.encode(Arbitrary.update(random, context), context));
      }
      seeds.add(sessionSeed(16 | (i % 2 == 0 ? 8 : 0), bodies));
    }
    return seeds;
  }

  private static byte[] body(byte[] message) {
    return java.util.Arrays.copyOfRange(message, 19, message.length);
  }

  private static byte[] body(ByteBuffer message) {
    byte[] octets = new byte[message.remaining()];
    message.get(octets);
    return body(octets);
  }

  private static byte[] sessionSeed(int options, byte[]... bodies) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(options);
    for (byte[] body : bodies) {
      out.write(body.length >>> 8);
      out.write(body.length);
      out.write(body, 0, body.length);
    }
    return out.toByteArray();
  }

  private static byte[] seed(int context, byte[] message) {
    byte[] seed = new byte[message.length + 1];
    seed[0] = (byte) context;
    System.arraycopy(message, 0, seed, 1, message.length);
    return seed;
  }

  /**
   * Writes the seeds of the decoder ({@code args[0]} "decoder") or of the session ("session") into
   * the directory {@code args[1]}.
   */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args[1]);
    Files.createDirectories(directory);
    List<byte[]> seeds =
        args[0].equals("session")
            ? sessionSeeds()
            : decoderSeeds(io.github.routeserver.bgp.fuzz.DecoderFuzzTarget.CONTEXTS);
    for (int i = 0; i < seeds.size(); i++) {
      Files.write(directory.resolve(String.format("seed-%03d", i)), seeds.get(i));
    }
    System.out.println(seeds.size() + " seeds written to " + directory);
  }
}
