package io.github.routeserver.netty;

import io.github.routeserver.bgp.session.Transport;
import io.github.routeserver.core.net.IpAddress;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A Netty channel as a session's {@link Transport}. Writes are buffered in the channel until the
 * peer's dispatcher flushes them at the end of each session call, so a burst of UPDATEs costs one
 * system call. Writability comes from the channel's write-buffer water marks.
 */
final class ChannelTransport implements Transport {
  final Channel channel;

  ChannelTransport(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void send(ByteBuffer bytes) {
    channel.write(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
  }

  @Override
  public boolean isWritable() {
    return channel.isWritable();
  }

  @Override
  public IpAddress localAddress() {
    return IpAddress.of(((InetSocketAddress) channel.localAddress()).getAddress());
  }

  @Override
  public void close() {
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public String toString() {
    return channel.remoteAddress() + " <- " + channel.localAddress();
  }
}
