package io.github.routeserver.netty;

import io.github.routeserver.bgp.fsm.ConnectionId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one channel's events to its peer's session, on the peer's event loop, where every channel
 * of the peer lives: the listeners register accepted channels there (see {@link PeerLoopGroup}),
 * the peer makes its outbound ones there, and the listeners close one that raced to another loop.
 * The octets read are handed over in place. Not sharable.
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
    peer.active(ctx.channel(), outbound);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    try {
      peer.read(ctx.channel(), buf.nioBuffer());
    } finally {
      buf.release();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    peer.writableLater(ctx.channel());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.info("{}: connection {} failed: {}", peer, ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
