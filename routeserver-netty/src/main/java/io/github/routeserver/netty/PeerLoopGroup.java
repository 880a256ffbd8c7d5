package io.github.routeserver.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The child group of the listeners: registers an accepted connection on the event loop of the peer
 * it comes from, so that the peer's session reads it in place. Otherwise each read would be copied
 * and queued to the peer's loop without bound, out of reach of the reads the route server pauses
 * when its inbound queue is full. Connections from addresses with no peer yet get the group's next
 * loop; everything else is the group's.
 */
final class PeerLoopGroup extends AbstractEventExecutorGroup implements EventLoopGroup {
  private final EventLoopGroup loops;
  private final Function<InetSocketAddress, @Nullable EventLoop> peerLoop;

  /**
   * @param loops the loops of every channel
   * @param peerLoop the loop of the peer at a remote address, or null when there is none
   */
  PeerLoopGroup(EventLoopGroup loops, Function<InetSocketAddress, @Nullable EventLoop> peerLoop) {
    this.loops = loops;
    this.peerLoop = peerLoop;
  }

  @Override
  public ChannelFuture register(Channel channel) {
    return loopOf(channel).register(channel);
  }

  @Override
  public ChannelFuture register(ChannelPromise promise) {
    return loopOf(promise.channel()).register(promise);
  }

  @Deprecated
  @Override
  public ChannelFuture register(Channel channel, ChannelPromise promise) {
    return loopOf(channel).register(promise);
  }

  private EventLoop loopOf(Channel channel) {
    SocketAddress remote = channel.remoteAddress();
    EventLoop loop = remote instanceof InetSocketAddress inet ? peerLoop.apply(inet) : null;
    return loop != null ? loop : loops.next();
  }

  @Override
  public EventLoop next() {
    return loops.next();
  }

  @Override
  public Iterator<EventExecutor> iterator() {
    return loops.iterator();
  }

  @Override
  public boolean isShuttingDown() {
    return loops.isShuttingDown();
  }

  @Override
  public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
    return loops.shutdownGracefully(quietPeriod, timeout, unit);
  }

  @Override
  public Future<?> terminationFuture() {
    return loops.terminationFuture();
  }

  @Deprecated
  @Override
  public void shutdown() {
    loops.shutdown();
  }

  @Override
  public boolean isShutdown() {
    return loops.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return loops.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return loops.awaitTermination(timeout, unit);
  }
}
