package io.github.routeserver.bgp.codec;

import io.github.routeserver.bgp.wire.AttributeType;
import io.github.routeserver.core.route.PathAttributes;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * One row of the {@link AttributeTable}: how the codec reads and writes one path attribute type.
 *
 * @param type the attribute type
 * @param flags the Optional and Transitive bits the attribute must carry (RFC 4271 section 5)
 * @param action what a malformed instance, or one with the wrong flags, calls for (RFC 7606 section
 *     7; section 3 c for the flags)
 * @param internalOnly whether the attribute is discarded from an external peer, whatever its flags
 *     and value (RFC 7606 sections 7.5, 7.9 and 7.10)
 * @param decoder reads a value into the UPDATE being decoded
 * @param encoder writes the attribute (header included) of an attribute set, or nothing when the
 *     set does not hold it; null for MP_REACH_NLRI and MP_UNREACH_NLRI, which the UPDATE writer
 *     writes itself
 */
record AttributeCodec(
    AttributeType type,
    int flags,
    ErrorAction action,
    boolean internalOnly,
    Decoder decoder,
    @Nullable Encoder encoder) {

  /** A row for an attribute read from any peer. */
  AttributeCodec(
      AttributeType type,
      int flags,
      ErrorAction action,
      Decoder decoder,
      @Nullable Encoder encoder) {
    this(type, flags, action, false, decoder, encoder);
  }

  /** Reads one attribute value. */
  @FunctionalInterface
  interface Decoder {
    /**
     * Reads the value of {@code length} octets at absolute index {@code start} of {@code buffer}
     * into {@code update}, reporting what is malformed to it.
     */
    void decode(UpdateDecoder update, ByteBuffer buffer, int start, int length);
  }

  /** Writes one attribute. */
  @FunctionalInterface
  interface Encoder {
    /** Writes the attribute of {@code attributes} at the position of {@code out}, if it has one. */
    void encode(PathAttributes attributes, CodecContext context, ByteBuffer out);
  }
}
