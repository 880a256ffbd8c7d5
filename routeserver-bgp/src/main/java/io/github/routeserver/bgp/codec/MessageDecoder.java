package io.github.routeserver.bgp.codec;

import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.MessageType;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.RouteRefresh;
import io.github.routeserver.bgp.wire.RouteRefreshSubtype;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Decodes BGP messages from {@link ByteBuffer}s: the header checks of RFC 4271 section 6.1, the
 * OPEN checks of section 6.2, and UPDATEs as RFC 7606 revises section 6.3. Not thread-safe: one
 * decoder per session, because it keeps scratch space and the attribute set of the last UPDATE.
 *
 * <p>Every input gives a {@link DecodeResult}; no input makes it throw, loop or allocate more than
 * the message's own length. Framing is the caller's: {@link #frameLength} says how many octets the
 * next message needs, and cuts a bad header short so that its error is reported at once.
 */
public final class MessageDecoder {
  private static final int OPEN_MIN_LENGTH = 29;
  private static final int NOTIFICATION_MIN_LENGTH = 21;
  private static final int ROUTE_REFRESH_LENGTH = 23;

  private final UpdateDecoder updates = new UpdateDecoder();

  /**
   * How many octets to hand to {@link #decode} for the message at the position of {@code buffer},
   * or -1 when fewer than 19 octets are there. Does not move the position.
   *
   * <p>That is the length the header states, unless the header alone is wrong (RFC 4271 section
   * 6.1): a marker that is not all ones, a length below 19 or above {@link
   * CodecContext#maxReceiveLength()}, or an unknown type. Then it is the 19 octets of the header,
   * which {@link #decode} answers with the error at once, instead of after octets the peer may
   * never send.
   */
  public static int frameLength(ByteBuffer buffer, CodecContext context) {
    int start = buffer.position();
    if (buffer.remaining() < UpdateWriter.HEADER_LENGTH) {
      return -1;
    }
    int length = buffer.getShort(start + 16) & 0xFFFF;
    boolean usable =
        hasMarker(buffer, start)
            && length >= UpdateWriter.HEADER_LENGTH
            && length <= context.maxReceiveLength()
            && MessageType.valueOf(buffer.get(start + 18) & 0xFF).isKnown();
    return usable ? length : UpdateWriter.HEADER_LENGTH;
  }

  /**
   * Decodes the message at the position of {@code buffer}, which holds at least the whole message,
   * and moves the position past it (to the limit when the header is unusable).
   */
  public DecodeResult decode(ByteBuffer buffer, CodecContext context) {
    int start = buffer.position();
    int available = buffer.remaining();
    try {
      if (available < UpdateWriter.HEADER_LENGTH) {
        throw headerError(
            BgpError.BAD_MESSAGE_LENGTH, Octets.EMPTY, available + " octets, too few for a header");
      }
      if (!hasMarker(buffer, start)) {
        throw headerError(
            BgpError.CONNECTION_NOT_SYNCHRONIZED, Octets.EMPTY, "marker is not all ones");
      }
      int length = buffer.getShort(start + 16) & 0xFFFF;
      int typeCode = buffer.get(start + 18) & 0xFF;
      MessageType type = MessageType.valueOf(typeCode);
      checkLength(type, length, available, context, buffer, start);
      buffer.position(start + length);
      return decodeBody(type, buffer, start, start + length, context);
    } catch (DecodeFailure failure) {
      if (buffer.position() == start) {
        buffer.position(buffer.limit());
      }
      return DecodeResult.failed(failure.error());
    }
  }

  private static boolean hasMarker(ByteBuffer buffer, int start) {
    return buffer.getLong(start) == -1L && buffer.getLong(start + 8) == -1L;
  }

  private static void checkLength(
      MessageType type,
      int length,
      int available,
      CodecContext context,
      ByteBuffer buffer,
      int start) {
    if (length < UpdateWriter.HEADER_LENGTH || length > context.maxReceiveLength()) {
      throw headerError(BgpError.BAD_MESSAGE_LENGTH, lengthField(length), "length " + length);
    }
    if (!type.isKnown()) {
      throw headerError(
          BgpError.BAD_MESSAGE_TYPE,
          Octets.copyOf(new byte[] {(byte) type.code()}),
          "message type " + type.code());
    }
    if (length > available) {
      throw headerError(
          BgpError.BAD_MESSAGE_LENGTH,
          lengthField(length),
          "length " + length + " but only " + available + " octets");
    }
    boolean fits;
    if (type.equals(MessageType.OPEN)) {
      fits = length >= OPEN_MIN_LENGTH && length <= CodecContext.MAX_MESSAGE_LENGTH;
    } else if (type.equals(MessageType.UPDATE)) {
      fits = length >= UpdateWriter.MIN_UPDATE_LENGTH;
    } else if (type.equals(MessageType.NOTIFICATION)) {
      fits = length >= NOTIFICATION_MIN_LENGTH;
    } else if (type.equals(MessageType.KEEPALIVE)) {
      fits = length == UpdateWriter.HEADER_LENGTH;
    } else {
      if (length != ROUTE_REFRESH_LENGTH && isEnhancedRefresh(buffer, start, length)) {
        // RFC 7313 section 5: a BoRR or EoRR of the wrong length, the whole message as data.
        byte[] message = new byte[length];
        buffer.get(start, message);
        throw new DecodeFailure(
            new DecodeError(
                BgpError.INVALID_ROUTE_REFRESH_LENGTH,
                Octets.copyOf(message),
                ErrorAction.SESSION_RESET,
                Optional.empty(),
                "BoRR/EoRR of length " + length));
      }
      // RFC 7313 section 5: a message of an unknown subtype is ignored, whatever follows its AFI,
      // subtype and SAFI; it is decoded from its first 23 octets, for the session to ignore.
      fits =
          length == ROUTE_REFRESH_LENGTH
              || (length > ROUTE_REFRESH_LENGTH && !isKnownRefresh(buffer, start));
    }
    if (!fits) {
      throw headerError(
          BgpError.BAD_MESSAGE_LENGTH, lengthField(length), "length " + length + " for " + type);
    }
  }

  private static boolean isKnownRefresh(ByteBuffer buffer, int start) {
    return RouteRefreshSubtype.valueOf(buffer.get(start + 21) & 0xFF).isKnown();
  }

  private static boolean isEnhancedRefresh(ByteBuffer buffer, int start, int length) {
    if (length < 22) {
      return false;
    }
    int subtype = buffer.get(start + 21) & 0xFF;
    return subtype == RouteRefreshSubtype.BORR.code() || subtype == RouteRefreshSubtype.EORR.code();
  }

  private DecodeResult decodeBody(
      MessageType type, ByteBuffer buffer, int start, int end, CodecContext context) {
    int body = start + UpdateWriter.HEADER_LENGTH;
    if (type.equals(MessageType.UPDATE)) {
      return updates.decode(buffer, body, end, context);
    }
    BgpMessage message;
    if (type.equals(MessageType.OPEN)) {
      message = OpenCodec.decode(buffer, body, end);
    } else if (type.equals(MessageType.NOTIFICATION)) {
      BgpError error = BgpError.valueOf(buffer.get(body) & 0xFF, buffer.get(body + 1) & 0xFF);
      byte[] data = new byte[end - body - 2];
      buffer.get(body + 2, data);
      message = new Notification(error, Octets.copyOf(data));
    } else if (type.equals(MessageType.KEEPALIVE)) {
      message = Keepalive.INSTANCE;
    } else {
      AfiSafi afiSafi = AfiSafi.of(buffer.getShort(body) & 0xFFFF, buffer.get(body + 3) & 0xFF);
      message = new RouteRefresh(afiSafi, RouteRefreshSubtype.valueOf(buffer.get(body + 2) & 0xFF));
    }
    return DecodeResult.of(message);
  }

  /** The data of Bad Message Length (RFC 4271 section 6.1): the erroneous length field. */
  private static Octets lengthField(int length) {
    return Octets.copyOf(new byte[] {(byte) (length >>> 8), (byte) length});
  }

  private static DecodeFailure headerError(BgpError error, Octets data, String detail) {
    return new DecodeFailure(
        new DecodeError(error, data, ErrorAction.SESSION_RESET, Optional.empty(), detail));
  }
}
