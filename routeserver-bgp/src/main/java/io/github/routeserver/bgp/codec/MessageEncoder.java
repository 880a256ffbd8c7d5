package io.github.routeserver.bgp.codec;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.MpReach;
import io.github.routeserver.bgp.wire.MpUnreach;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.RouteRefresh;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.route.OpaqueAttribute;
import io.github.routeserver.core.route.PathAttributes;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Encodes BGP messages into {@link ByteBuffer}s, as the records say: an {@link Open} with any
 * version, a {@link Notification} with any code (its data cut to what the session's message length
 * allows). What {@link CodecContext} forbids is refused with an {@link IllegalArgumentException}: a
 * message longer than the session sends (OPEN and KEEPALIVE: 4,096 octets; others: {@link
 * CodecContext#maxSendLength()}), path identifiers without ADD-PATH, an IPv6 next hop for IPv4
 * without extended next hop. To turn many routes into UPDATEs that fit, use an {@link
 * UpdatePacker}. Stateless and thread-safe.
 */
public final class MessageEncoder {
  private MessageEncoder() {}

  /** The message in a new buffer, positioned at 0 with the message's length as limit. */
  public static ByteBuffer encode(BgpMessage message, CodecContext context) {
    ByteBuffer out = ByteBuffer.allocate(context.maxSendLength() + 1);
    encode(message, context, out);
    return ByteBuffer.wrap(Arrays.copyOf(out.array(), out.position()));
  }

  /**
   * Writes the message at the position of {@code out}, which needs room for the longest message the
   * session allows plus one octet.
   *
   * @throws IllegalArgumentException if the context does not allow the message
   */
  public static void encode(BgpMessage message, CodecContext context, ByteBuffer out) {
    int maxLength = context.maxSendLength();
    int start = UpdateWriter.beginMessage(out, message.type());
    if (message instanceof Open open) {
      OpenCodec.encode(open, out);
      maxLength = CodecContext.MAX_MESSAGE_LENGTH;
    } else if (message instanceof Update update) {
      writeUpdate(update, context, out);
    } else if (message instanceof Notification notification) {
      out.put((byte) notification.error().code().code());
      out.put((byte) notification.error().subcode());
      // The data may quote more than fits (RFC 7313 section 5 quotes a whole ROUTE-REFRESH, RFC
      // 4271 section 6.3 a whole attribute), and RFC 8654 section 5 caps the message: cut it.
      notification.data().writeTo(out, maxLength - (out.position() - start));
    } else if (message instanceof RouteRefresh refresh) {
      out.putShort((short) refresh.afiSafi().afi().code());
      out.put((byte) refresh.subtype().code());
      out.put((byte) refresh.afiSafi().safi().code());
    } else {
      checkArgument(message instanceof Keepalive, "message: %s", message);
    }
    UpdateWriter.endMessage(out, start, maxLength);
  }

  private static void writeUpdate(Update update, CodecContext context, ByteBuffer out) {
    int withdrawnAt = out.position();
    out.putShort((short) 0);
    UpdateWriter.writeNlri(
        out, update.withdrawnRoutes(), context.addPathSend(AfiSafi.IPV4_UNICAST));
    out.putShort(withdrawnAt, (short) (out.position() - withdrawnAt - 2));
    int attributesAt = out.position();
    out.putShort((short) 0);
    if (update.mpUnreach().isPresent()) {
      MpUnreach unreach = update.mpUnreach().get();
      int start = UpdateWriter.beginMpUnreach(out, unreach.afiSafi());
      UpdateWriter.writeNlri(out, unreach.withdrawn(), context.addPathSend(unreach.afiSafi()));
      AttributeWriter.endExtended(out, start);
    }
    if (update.mpReach().isPresent()) {
      MpReach reach = update.mpReach().get();
      int start = UpdateWriter.beginMpReach(out, reach.afiSafi(), reach.attributes(), context);
      UpdateWriter.writeNlri(out, reach.nlri(), context.addPathSend(reach.afiSafi()));
      AttributeWriter.endExtended(out, start);
    }
    for (OpaqueAttribute attribute : update.otherFamilies()) {
      UpdateWriter.writeOpaque(out, attribute);
    }
    if (update.attributes().isPresent()) {
      PathAttributes attributes = update.attributes().get();
      UpdateWriter.writeAttributes(out, attributes, context, !update.nlri().isEmpty());
    }
    out.putShort(attributesAt, (short) (out.position() - attributesAt - 2));
    UpdateWriter.writeNlri(out, update.nlri(), context.addPathSend(AfiSafi.IPV4_UNICAST));
  }
}
