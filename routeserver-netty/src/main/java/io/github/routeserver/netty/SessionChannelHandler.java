package io.github.routeserver.netty;

import io.github.routeserver.bgp.fsm.ConnectionId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one channel's events to its peer's session. A channel lives on its peer's event loop (the
 * listeners register accepted channels there, see {@link PeerLoopGroup}) and is handed its octets
 * in place; only a connection accepted while its dynamic peer was still being made can be on
 * another loop, and has its octets copied and handed over to the peer's loop. Not sharable.
 */
final class SessionChannelHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(SessionChannelHandler.class);

  private final NettyPeer peer;
  private final @Nullable ConnectionId outbound;

  SessionChannelHandler(NettyPeer peer, @Nullable ConnectionId outbound) {
    this.peer = peer;
    this.outbound = outbound;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Channel channel = ctx.channel();
    onPeerLoop(channel, () -> peer.active(channel, outbound));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    Channel channel = ctx.channel();
    try {
      if (peer.loop.inEventLoop()) {
        peer.read(channel, buf.nioBuffer());
      } else {
        ByteBuffer copy = ByteBuffer.allocate(buf.readableBytes());
        buf.readBytes(copy);
        copy.flip();
        peer.loop.execute(() -> peer.read(channel, copy));
      }
    } finally {
      buf.release();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Channel channel = ctx.channel();
    onPeerLoop(channel, () -> peer.writableLater(channel));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.info("{}: connection {} failed: {}", peer, ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  private void onPeerLoop(Channel channel, Runnable task) {
    if (peer.loop.inEventLoop()) {
      task.run();
    } else {
      peer.loop.execute(task);
    }
  }
}
