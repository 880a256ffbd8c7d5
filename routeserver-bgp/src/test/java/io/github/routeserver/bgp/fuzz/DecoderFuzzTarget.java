package io.github.routeserver.bgp.fuzz;

import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.DecodeError;
import io.github.routeserver.bgp.codec.DecodeResult;
import io.github.routeserver.bgp.codec.ErrorAction;
import io.github.routeserver.bgp.codec.MessageDecoder;
import io.github.routeserver.bgp.codec.MessageEncoder;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpMessage;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Fuzz target of {@link MessageDecoder} (Jazzer's {@code fuzzerTestOneInput} convention, used both
 * by the Jazzer command line and by {@link DecoderFuzzTest}). The first octet picks a negotiated
 * context; the rest is a stream of octets decoded message by message, as a session frames them.
 *
 * <p>What must hold for every input: {@code decode} returns (no exception, no hang: every call
 * moves the position forward); a result resets the session exactly when it has no message, and then
 * names a NOTIFICATION; an UPDATE error that does not reset carries one of the RFC 7606 actions;
 * what decodes re-encodes (between 4-octet AS speakers), and decodes again to the same message; and
 * decoding allocates no more than {@link AllocationMeter#budget} of the message's length.
 */
public final class DecoderFuzzTarget {
  /** The contexts a session can negotiate that change how octets decode. */
  public static final List<CodecContext> CONTEXTS =
      List.of(
          CodecContext.BASE,
          CodecContext.builder().fourOctetAs(true).build(),
          CodecContext.builder().fourOctetAs(true).externalPeer(true).build(),
          CodecContext.builder()
              .fourOctetAs(true)
              .extendedMessages(true, true)
              .addPath(AfiSafi.IPV4_UNICAST, true, true)
              .addPath(AfiSafi.IPV6_UNICAST, true, true)
              .extendedNextHop(AfiSafi.IPV4_UNICAST)
              .build(),
          CodecContext.builder().fourOctetAs(false).externalPeer(true).build());

  private static final MessageDecoder DECODER = new MessageDecoder();

  private DecoderFuzzTarget() {}

  /** One fuzz input. */
  public static void fuzzerTestOneInput(byte[] data) {
    if (data.length == 0) {
      return;
    }
    CodecContext context = CONTEXTS.get((data[0] & 0xFF) % CONTEXTS.size());
    ByteBuffer stream = ByteBuffer.wrap(data, 1, data.length - 1).slice();
    // A session keeps one decoder for its connection; the target does too, across inputs, so that
    // the decoder's cached attribute set is exercised as well.
    int messages = 0;
    while (stream.hasRemaining()) {
      int length = MessageDecoder.frameLength(stream, context);
      ByteBuffer frame =
          length < 0 || length > stream.remaining()
              ? stream.slice()
              : stream.slice(stream.position(), length);
      stream.position(stream.position() + frame.remaining());
      check(frame, context);
      if (++messages > data.length) {
        throw new AssertionError("the stream does not shrink: " + messages + " messages");
      }
    }
  }

  /** Decodes one framed message and checks the result; returns it. */
  static DecodeResult check(ByteBuffer frame, CodecContext context) {
    int start = frame.position();
    int length = frame.remaining();
    long before = AllocationMeter.allocated();
    DecodeResult result = DECODER.decode(frame, context);
    long allocated = AllocationMeter.allocated() - before;
    // The first runs of a code path load classes and link call sites on this thread: measure
    // again, with fresh decoders so that no cached attribute set helps, and keep the least.
    for (int retry = 0; retry < 3 && allocated > AllocationMeter.budget(length); retry++) {
      MessageDecoder fresh = new MessageDecoder();
      ByteBuffer again = frame.duplicate().position(start);
      before = AllocationMeter.allocated();
      fresh.decode(again, context);
      allocated = Math.min(allocated, AllocationMeter.allocated() - before);
    }
    if (allocated > AllocationMeter.budget(length)) {
      throw new AssertionError(
          "decoding " + length + " octets allocated " + allocated + " bytes: " + result);
    }
    if (frame.position() == start && length > 0) {
      throw new AssertionError("decode did not move the position: " + result);
    }
    if (result.isSessionReset() != result.message().isEmpty()) {
      throw new AssertionError("reset without a message, or the reverse: " + result);
    }
    if (result.isSessionReset()) {
      result.notification(); // names the NOTIFICATION to send
      return result;
    }
    BgpMessage message = result.message().orElseThrow();
    for (DecodeError error : result.errors()) {
      if (error.action() == ErrorAction.SESSION_RESET) {
        throw new AssertionError("a message together with a session reset: " + result);
      }
    }
    // Re-encoded between 4-octet AS speakers: with 2-octet AS numbers, RFC 6793 section 4.2.3
    // makes a receiver ignore AS4_PATH next to an AGGREGATOR of a 2-octet AS, so an AS path
    // that AS4_PATH and AS4_AGGREGATOR gave need not survive a second trip.
    CodecContext fourOctet = context.toBuilder().fourOctetAs(true).build();
    ByteBuffer encoded = MessageEncoder.encode(message, fourOctet);
    DecodeResult again = new MessageDecoder().decode(encoded, fourOctet);
    if (!again.message().equals(Optional.of(message))) {
      throw new AssertionError(
          "decoded " + message + " but its encoding decodes to " + again + " in " + context);
    }
    return result;
  }
}
