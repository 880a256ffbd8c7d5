package io.github.routeserver.netty;

import io.github.routeserver.bgp.fsm.ConnectionId;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.session.BgpSession;
import io.github.routeserver.bgp.session.Connector;
import io.github.routeserver.bgp.session.RouteServerBinding;
import io.github.routeserver.bgp.session.SelectionDeferral;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.core.engine.PeerHandle;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.PromiseCombiner;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's BGP session driven on one Netty event loop: every call into the session, whatever
 * channel or timer it comes from, runs on that loop; after each call the peer's channels are
 * flushed and the session's next deadline is scheduled. A call writes at most {@link
 * ChannelTransport#BYTES_PER_TURN} octets per channel; the rest is written in later turns, which
 * the loop's {@link OutputTurns} serves a few at a time behind the timers and input due. While
 * reads are paused because the route server's inbound queue is full, the hold timer does not
 * expire: the peer's messages wait unread on our side. Implements the session's {@link Connector}
 * by opening channels on the same loop. A dynamic peer (one with an {@link Expiry}) is removed once
 * its session has waited for a connection for the expiry time. Not thread-safe except where noted:
 * its methods run on {@link #loop}.
 */
final class NettyPeer implements Connector {
  private static final Logger log = LoggerFactory.getLogger(NettyPeer.class);

  final PeerEndpoint endpoint;
  final EventLoop loop;
  private final OutputTurns turns;
  private final Bootstrap connector;
  private final PeerHandle handle;
  private final @Nullable Expiry expiry;
  private final BgpSession session;
  private final Map<ConnectionId, ChannelFuture> connecting = new HashMap<>();
  private final Set<ChannelTransport> transports = new LinkedHashSet<>();
  private @Nullable ScheduledFuture<?> timer;
  private long timerDeadline = Long.MIN_VALUE;
  private boolean readsPaused;
  private @Nullable ScheduledFuture<?> removal;
  private boolean removed;
  private volatile FsmState state = FsmState.IDLE;

  /**
   * When and how a dynamic peer goes: once its session has waited for a connection for {@code
   * after} without a break (in Active, no connection open or being opened, no routes kept stale by
   * graceful restart), the peer's handle is removed, which withdraws its routes, and {@code forget}
   * takes the peer out of the transport.
   */
  record Expiry(Duration after, Consumer<NettyPeer> forget) {}

  /** A peer in Idle; {@code expiry} is null for a configured peer, which is never removed. */
  NettyPeer(
      PeerEndpoint endpoint,
      PeerHandle handle,
      EventLoop loop,
      OutputTurns turns,
      Bootstrap connector,
      SelectionDeferral deferral,
      @Nullable Expiry expiry) {
    this.endpoint = endpoint;
    this.loop = loop;
    this.turns = turns;
    this.connector = connector;
    this.handle = handle;
    this.expiry = expiry;
    RouteServerBinding binding = new RouteServerBinding(handle, this::pauseReads);
    this.session = new BgpSession(endpoint.session(), this, binding, binding, deferral);
    handle.onOutboundWork(
        () -> loop.execute(() -> turns.add(() -> run(s -> s.routesChanged(now())))));
    handle.onResume(() -> loop.execute(this::resumeReads));
    handle.onImportPolicyChange(() -> execute(this::refreshAll));
  }

  /**
   * Asks the peer for all its routes again after its import policy changed: ROUTE-REFRESH per
   * family (RFC 2918), or, for a peer that cannot refresh, a session reset, as Azure Route Server
   * does.
   */
  private void refreshAll(BgpSession session) {
    session
        .negotiated()
        .ifPresent(
            negotiated -> {
              for (AfiSafi family : negotiated.families()) {
                if (!session.requestRouteRefresh(family, now())) {
                  session.reset("import policy changed; no route refresh", now());
                  return;
                }
              }
            });
  }

  static long now() {
    return System.nanoTime();
  }

  /** Any thread: runs {@code call} on the session's loop. */
  void execute(Consumer<BgpSession> call) {
    if (loop.inEventLoop()) {
      run(call);
    } else {
      loop.execute(() -> run(call));
    }
  }

  /**
   * Any thread: shuts the session down administratively with {@code communication} (a CEASE to an
   * established peer) and completes once each of the peer's channels has written what it had and
   * closed. The caller waits for this before it shuts the loops down, since a loop that shuts down
   * closes its channels at once, unwritten.
   */
  Future<Void> stopAndClose(String communication) {
    return closeAfter(session -> session.stop(communication, now()));
  }

  /**
   * Any thread: closes the peer's connections as a crash would, without a NOTIFICATION, so that a
   * peer with graceful restart keeps our routes (RFC 4724 section 4.2); completes once they are
   * closed. The session is left to see the connections fail; the caller shuts the loops down next.
   */
  Future<Void> dropConnections() {
    return closeAfter(
        session -> {
          List.copyOf(connecting.keySet()).forEach(this::cancel);
          List.copyOf(transports).forEach(transport -> transport.channel.close());
        });
  }

  /** Runs {@code ending} on the loop; completes when every channel open then has closed. */
  private Future<Void> closeAfter(Consumer<BgpSession> ending) {
    Promise<Void> closed = loop.newPromise();
    execute(
        session -> {
          PromiseCombiner channels = new PromiseCombiner(loop);
          for (ChannelTransport transport : transports) {
            channels.add(transport.channel.closeFuture());
          }
          ending.accept(session);
          channels.finish(closed);
        });
    return closed;
  }

  /** Any thread: the restart's route selection is done; the session sends what it held back. */
  void selectionDeferralEnded() {
    // Posted, never inline: the deferral ends inside a call of some session, maybe this one.
    loop.execute(() -> run(s -> s.selectionDeferralEnded(now())));
  }

  /** Any thread: the session's state as of its last call. */
  FsmState state() {
    return state;
  }

  private void run(Consumer<BgpSession> call) {
    try {
      call.accept(session);
    } catch (RuntimeException e) {
      log.error("{}: session failed; resetting it", endpoint.peer().name(), e);
      session.reset("internal error", now());
    }
    for (ChannelTransport transport : transports) {
      transport.channel.flush();
      if (transport.endTurn()) {
        // More to write, perhaps: go on in a later turn, after the other channels' input and the
        // timers that are due, so that a large table never starves them.
        writableLater(transport.channel);
      }
    }
    state = session.state();
    reschedule();
    armRemoval();
  }

  private void reschedule() {
    OptionalLong deadline = session.nextDeadline();
    if (deadline.isPresent() && deadline.getAsLong() == timerDeadline && timer != null) {
      return;
    }
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    timerDeadline = deadline.orElse(Long.MIN_VALUE);
    if (deadline.isPresent()) {
      long delay = Math.max(0, deadline.getAsLong() - now());
      timer =
          loop.schedule(
              () -> {
                timer = null;
                timerDeadline = Long.MIN_VALUE;
                run(
                    s -> {
                      if (readsPaused) {
                        s.readingHeldBack(now()); // what we have not read is no silence of theirs
                      }
                      s.poll(now());
                    });
              },
              delay,
              TimeUnit.NANOSECONDS);
    }
  }

  /** A dynamic peer: arms its removal while its session waits for a connection, disarms it else. */
  private void armRemoval() {
    if (expiry == null || removed) {
      return;
    }
    if (!waitingForConnection()) {
      if (removal != null) {
        removal.cancel(false);
        removal = null;
      }
    } else if (removal == null) {
      removal = loop.schedule(this::remove, expiry.after().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** Whether the session waits for a connection with nothing of the peer's left to tend. */
  private boolean waitingForConnection() {
    return session.state() == FsmState.ACTIVE
        && transports.isEmpty()
        && connecting.isEmpty()
        && session.staleFamilies().isEmpty();
  }

  private void remove() {
    removal = null;
    if (expiry == null || removed || !waitingForConnection()) {
      return;
    }
    removed = true;
    run(s -> s.stop("dynamic peer removed", now())); // no timer of its session runs any more
    // The handle first: a connection that finds this peer still in the transport is closed (see
    // active), one that does not gets a new handle.
    handle.remove();
    expiry.forget().accept(this);
    log.info(
        "{}: removed, its session having waited {} ms for a connection",
        this,
        expiry.after().toMillis());
  }

  // Connector: the session asks for outbound connections.

  @Override
  public void connect(ConnectionId id) {
    InetSocketAddress remote =
        new InetSocketAddress(endpoint.peer().id().address().toInetAddress(), endpoint.port());
    Bootstrap bootstrap =
        connector
            .clone(loop)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    // Before the SYN; if the kernel refuses, Netty closes the channel and the
                    // connect fails: never a session without the GTSM it was configured with.
                    endpoint
                        .gtsmMinimumTtl()
                        .ifPresent(
                            minimumTtl ->
                                GtsmSocketOptions.apply(
                                    channel.config(), remote.getAddress(), minimumTtl));
                    channel.pipeline().addLast(new SessionChannelHandler(NettyPeer.this, id));
                  }
                });
    ChannelFuture future =
        endpoint
            .localAddress()
            .map(
                local -> bootstrap.connect(remote, new InetSocketAddress(local.toInetAddress(), 0)))
            .orElseGet(() -> bootstrap.connect(remote));
    connecting.put(id, future);
    future.addListener(
        f -> {
          if (connecting.remove(id) != null && !f.isSuccess()) {
            log.debug(
                "{}: connect to {} failed: {}",
                endpoint.peer().name(),
                remote,
                f.cause().toString());
            run(s -> s.connectFailed(id, now()));
          }
        });
  }

  @Override
  public void cancel(ConnectionId id) {
    ChannelFuture future = connecting.remove(id);
    if (future != null) {
      future.cancel(false);
      future.channel().close();
    }
  }

  // Channel events, on the loop.

  void active(Channel channel, @Nullable ConnectionId outbound) {
    if (removed) {
      channel.close(); // accepted as the peer was removed: the peer's next attempt makes a new one
      return;
    }
    ChannelTransport transport = new ChannelTransport(channel);
    transports.add(transport);
    if (readsPaused) {
      channel.config().setAutoRead(false);
    }
    if (outbound != null) {
      connecting.remove(outbound);
      run(s -> s.connected(outbound, transport, now()));
    } else {
      run(s -> s.accept(transport, now()));
    }
    channel.closeFuture().addListener(f -> execute(s -> inactive(transport)));
  }

  void read(Channel channel, java.nio.ByteBuffer bytes) {
    ChannelTransport transport = transportOf(channel);
    if (transport == null) {
      return;
    }
    run(s -> s.received(transport, bytes, now()));
  }

  /** The channel can take octets again: the session writes in its next turn. */
  void writableLater(Channel channel) {
    turns.add(() -> writable(channel));
  }

  private void writable(Channel channel) {
    ChannelTransport transport = transportOf(channel);
    if (transport != null && channel.isWritable()) {
      run(s -> s.writable(transport, now()));
    }
  }

  private void inactive(ChannelTransport transport) {
    if (transports.remove(transport)) {
      session.closed(transport, now());
    }
  }

  private @Nullable ChannelTransport transportOf(Channel channel) {
    for (ChannelTransport transport : transports) {
      if (transport.channel == channel) {
        return transport;
      }
    }
    return null;
  }

  private void pauseReads() {
    readsPaused = true;
    for (ChannelTransport transport : transports) {
      transport.channel.config().setAutoRead(false);
    }
  }

  private void resumeReads() {
    readsPaused = false;
    for (ChannelTransport transport : transports) {
      transport.channel.config().setAutoRead(true);
    }
    run(s -> s.readingHeldBack(now()));
  }

  @Override
  public String toString() {
    return endpoint.peer().name();
  }
}
