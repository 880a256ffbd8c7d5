package io.github.routeserver.netty;

import io.github.routeserver.bgp.session.Transport;
import io.github.routeserver.core.net.IpAddress;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * A Netty channel as a session's {@link Transport}. Writes are buffered in the channel until the
 * peer's dispatcher flushes them at the end of each session call, so a burst of UPDATEs costs one
 * system call. Writability comes from the channel's write-buffer water marks and from a budget per
 * session call: once a call has written {@link #BYTES_PER_TURN} octets the transport reports itself
 * not writable until {@link #endTurn}, so that one peer with a large table to send never holds its
 * event loop, and the keepalives and hold timers of the other peers on it, for longer than it takes
 * to encode that many octets.
 */
final class ChannelTransport implements Transport {
  /** Octets one session call may write before it yields the event loop. */
  static final int BYTES_PER_TURN = 4 << 10;

  /** How long {@link #close} waits for the last writes to drain before it drops the connection. */
  static final long CLOSE_GRACE_SECONDS = 5;

  final Channel channel;
  private int writtenThisTurn;

  ChannelTransport(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void send(ByteBuffer bytes) {
    writtenThisTurn += bytes.remaining();
    channel.write(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
  }

  @Override
  public boolean isWritable() {
    return channel.isWritable() && writtenThisTurn < BYTES_PER_TURN;
  }

  /**
   * Ends a session call's turn and starts the next one with a full budget.
   *
   * @return whether the call used up its budget, so that it may have more to write once it gets
   *     another turn
   */
  boolean endTurn() {
    boolean usedUp = writtenThisTurn >= BYTES_PER_TURN;
    writtenThisTurn = 0;
    return usedUp;
  }

  @Override
  public IpAddress localAddress() {
    return IpAddress.of(((InetSocketAddress) channel.localAddress()).getAddress());
  }

  /**
   * Closes the channel once what was written before (a NOTIFICATION) has reached the socket, or
   * after {@link #CLOSE_GRACE_SECONDS} if it has not by then: a peer that does not read (a zero
   * receive window) would otherwise hold the connection and its buffers for ever, even past its
   * hold timer (RFC 4271 section 8.2.2: "drops the TCP connection").
   */
  @Override
  public void close() {
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    ScheduledFuture<?> drop =
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    channel.closeFuture().addListener(closed -> drop.cancel(false));
  }

  @Override
  public String toString() {
    return channel.remoteAddress() + " <- " + channel.localAddress();
  }
}
