package io.github.routeserver.bgp.session;

import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.MessageDecoder;
import io.github.routeserver.bgp.fsm.ConnectionId;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * One TCP connection of a session: its transport, its decoder, and the octets received but not yet
 * a whole message. Not thread-safe.
 */
final class Connection {
  private static final int INITIAL_BUFFER = 8192;

  final ConnectionId id;
  final Transport transport;
  final MessageDecoder decoder = new MessageDecoder();
  private ByteBuffer pending = ByteBuffer.allocate(INITIAL_BUFFER).flip();

  Connection(ConnectionId id, Transport transport) {
    this.id = id;
    this.transport = transport;
  }

  /** Keeps the remaining octets of {@code bytes} after those not yet framed. */
  void append(ByteBuffer bytes) {
    if (pending.capacity() - pending.remaining() < bytes.remaining()) {
      ByteBuffer larger =
          ByteBuffer.allocate(
              Math.max(pending.capacity() * 2, pending.remaining() + bytes.remaining()));
      larger.put(pending).flip();
      pending = larger;
    }
    pending.compact().put(bytes).flip();
  }

  /**
   * The next whole message received in {@code context}, as a buffer positioned at its first octet
   * whose limit is its end (a bad header alone, see {@link MessageDecoder#frameLength}), or {@code
   * null} until more octets arrive.
   */
  @Nullable ByteBuffer nextMessage(CodecContext context) {
    int length = MessageDecoder.frameLength(pending, context);
    if (length < 0 || length > pending.remaining()) {
      return null;
    }
    ByteBuffer message = pending.slice(pending.position(), length);
    pending.position(pending.position() + length);
    return message;
  }

  @Override
  public String toString() {
    return id.toString();
  }
}
