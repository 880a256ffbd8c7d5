package io.github.routeserver.netty;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Accepted connections land on the event loop of the peer they come from. */
class PeerLoopGroupTest {
  private final NioEventLoopGroup loops = new NioEventLoopGroup(4);
  private final BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() {
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void aConnectionFromAPeerIsRegisteredOnThatPeersLoop() throws Exception {
    EventLoop[] peerLoops = {loops.next(), loops.next(), loops.next(), loops.next()};
    // The peer at 127.0.0.2 has the last loop, the one the group would hand out fourth.
    InetSocketAddress listener =
        listen(remote -> remote.getAddress().equals(loopback(2)) ? peerLoops[3] : null);

    for (int i = 0; i < 3; i++) {
      try (Socket socket = connectFrom(loopback(2), listener)) {
        assertSame(peerLoops[3], take().eventLoop(), "connection " + i + " from the peer");
      }
    }
  }

  @Test
  void aConnectionFromNoKnownPeerIsAcceptedOnOneOfTheGroupsLoops() throws Exception {
    InetSocketAddress listener = listen(remote -> null);

    try (Socket socket = connectFrom(loopback(3), listener)) {
      Channel channel = take();
      assertTrue(contains(channel.eventLoop()), "a loop of the group: " + channel.eventLoop());
    }
  }

  private InetSocketAddress listen(Function<InetSocketAddress, EventLoop> peerLoop) {
    Channel server =
        new ServerBootstrap()
            .group(loops, new PeerLoopGroup(loops, peerLoop))
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    accepted.add(channel);
                  }
                })
            .bind(new InetSocketAddress(loopback(1), 0))
            .syncUninterruptibly()
            .channel();
    return (InetSocketAddress) server.localAddress();
  }

  private Channel take() throws InterruptedException {
    Channel channel = accepted.poll(10, TimeUnit.SECONDS);
    if (channel == null) {
      throw new AssertionError("no connection accepted within 10 s");
    }
    return channel;
  }

  private boolean contains(EventLoop loop) {
    for (var executor : loops) {
      if (executor == loop) {
        return true;
      }
    }
    return false;
  }

  private static Socket connectFrom(InetAddress local, InetSocketAddress remote) throws Exception {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(local, 0));
    socket.connect(remote, 10_000);
    return socket;
  }

  private static InetAddress loopback(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
