package io.github.routeserver.netty;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.MessageEncoder;
import io.github.routeserver.bgp.fsm.FsmConfig;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.session.SelectionDeferral;
import io.github.routeserver.bgp.session.SessionConfig;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.engine.PeerHandle;
import io.github.routeserver.core.engine.PeerTemplate;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.PeerId;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link RouteServer}'s BGP sessions over TCP with Netty: listens for peers, connects to
 * those configured to be connected to, and drives each peer's session on one event loop with its
 * timers. A connection from an address that is neither a configured peer nor inside a {@link
 * PeerTemplate} is closed before any octet of it is read, and logged at most once a minute per
 * address.
 *
 * <p>Dynamic peers: a connection from a new address inside a template makes a peer with the
 * template's settings and {@link Builder#dynamicSessions}, unless the template already has its
 * {@link PeerTemplate#maxPeers}: then the connection gets a NOTIFICATION Cease, Out of Resources
 * (6/8, RFC 4486; before any OPEN, as SendNOTIFICATIONwithoutOPEN allows) and is closed before any
 * octet of it is read, and that is logged at most once a minute per template. A dynamic peer whose
 * session has waited for a connection for {@link Builder#dynamicPeerExpiry} (in Active: the
 * connection gone, the idle hold time after a failure over, no routes kept stale by graceful
 * restart) is removed, and its routes with it ({@link PeerHandle#remove}); its place in the
 * template is free again, and its address gets a new peer when it connects again.
 *
 * <p>Uses the epoll transport where the OS has it (required for TCP MD5, RFC 2385, and GTSM, RFC
 * 5082: see {@link PeerEndpoint}), NIO elsewhere. Each channel's write buffer has water marks; a
 * full buffer stops the session pulling routes, so a slow peer holds back only itself.
 *
 * <p>Restart in place with graceful restart (RFC 4724): the old instance ends with {@link
 * #closeWithoutNotification()}, so that peers with graceful restart keep its routes and go on
 * forwarding; the new one, on the same addresses and with an empty RIB, is built with {@link
 * Builder#restart(Duration)}. Its OPENs then set the Restart State bit (and the Forwarding State
 * bit of each family whose session configuration says forwarding is preserved, without which a peer
 * drops our routes at once), and it sends no route and no End-of-RIB until every configured peer
 * with graceful restart has come back and sent its End-of-RIB, or the selection deferral timer runs
 * out (section 4.1); then every peer gets its whole table and End-of-RIB.
 */
public final class NettyRouteServer implements AutoCloseable {
  /**
   * How long the session of a dynamic peer waits for a connection before the peer is removed,
   * unless {@link Builder#dynamicPeerExpiry} says otherwise: one minute.
   */
  public static final Duration DEFAULT_DYNAMIC_PEER_EXPIRY = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(NettyRouteServer.class);
  private static final WriteBufferWaterMark WATER_MARK =
      new WriteBufferWaterMark(256 << 10, 1 << 20);
  private static final byte[] OUT_OF_RESOURCES =
      MessageEncoder.encode(Notification.of(BgpError.OUT_OF_RESOURCES), CodecContext.BASE).array();

  private final RouteServer server;
  private final List<InetSocketAddress> listen;
  private final List<PeerEndpoint> endpoints;
  private final Function<PeerConfig, SessionConfig> dynamicSessions;
  private final Duration dynamicPeerExpiry;
  private final int threads;
  private final Optional<Duration> selectionDeferralTime;
  private final ConnectionLog connectionLog = new ConnectionLog(System::nanoTime);
  private final Map<PeerId, NettyPeer> peers = new ConcurrentHashMap<>();
  private final List<Channel> listeners = new ArrayList<>();
  private final Map<EventLoop, OutputTurns> turns = new ConcurrentHashMap<>();
  private @Nullable EventLoopGroup group;
  private @Nullable Bootstrap connector;
  private volatile SelectionDeferral deferral = SelectionDeferral.none();

  private NettyRouteServer(Builder b) {
    this.server = b.server;
    this.listen = List.copyOf(b.listen);
    this.endpoints = List.copyOf(b.endpoints.values());
    this.dynamicSessions = b.dynamicSessions;
    this.dynamicPeerExpiry = b.dynamicPeerExpiry;
    this.threads = b.threads;
    this.selectionDeferralTime = b.selectionDeferralTime;
  }

  /** A builder for {@code server}'s transport. */
  public static Builder builder(RouteServer server) {
    return new Builder(server);
  }

  /**
   * Binds the listeners and starts every configured peer's session.
   *
   * @throws IllegalStateException if a peer needs TCP MD5 or GTSM and the epoll transport is
   *     missing
   * @throws java.io.UncheckedIOException if a listener cannot bind
   */
  public synchronized void start() {
    checkState(group == null, "NettyRouteServer: already started");
    boolean epoll = Epoll.isAvailable();
    Map<InetAddress, byte[]> md5 = new LinkedHashMap<>();
    for (PeerEndpoint endpoint : endpoints) {
      endpoint
          .md5Password()
          .ifPresent(
              p ->
                  md5.put(
                      endpoint.peer().id().address().toInetAddress(),
                      p.getBytes(StandardCharsets.US_ASCII)));
    }
    checkState(
        md5.isEmpty() || epoll,
        "TCP MD5 needs the epoll transport (Linux), which is not available here");
    checkState(
        endpoints.stream().noneMatch(e -> e.gtsmHops().isPresent()) || epoll,
        "GTSM needs the epoll transport (Linux), which is not available here");
    EventLoopGroup loops =
        epoll
            ? new EpollEventLoopGroup(threads, new DefaultThreadFactory("routeserver-bgp", true))
            : new NioEventLoopGroup(threads, new DefaultThreadFactory("routeserver-bgp", true));
    group = loops;
    Bootstrap client =
        new Bootstrap()
            .group(loops)
            .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    connector = client;
    selectionDeferralTime.ifPresent(limit -> beginSelectionDeferral(limit, loops.next()));
    for (PeerEndpoint endpoint : endpoints) {
      PeerHandle handle = server.addPeer(endpoint.peer());
      Bootstrap peerConnector = client.clone();
      endpoint
          .md5Password()
          .ifPresent(
              p ->
                  peerConnector.option(
                      EpollChannelOption.TCP_MD5SIG,
                      Map.of(
                          endpoint.peer().id().address().toInetAddress(),
                          p.getBytes(StandardCharsets.US_ASCII))));
      EventLoop loop = loops.next();
      NettyPeer peer =
          new NettyPeer(endpoint, handle, loop, turnsOf(loop), peerConnector, deferral, null);
      peers.put(endpoint.peer().id(), peer);
    }
    // Sessions start before anything listens: a connection accepted on its peer's loop is handled
    // there at once, ahead of tasks already queued, and a session not yet started refuses it.
    peers.values().forEach(peer -> peer.execute(s -> s.start(NettyPeer.now())));
    PeerLoopGroup children = new PeerLoopGroup(loops, this::loopOfPeerAt);
    for (InetSocketAddress address : listen) {
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(loops, children)
              .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
              .childHandler(new Gate());
      if (!md5.isEmpty()) {
        bootstrap.option(EpollChannelOption.TCP_MD5SIG, md5);
      }
      listenerMinimumTtl()
          .ifPresent(
              minimumTtl ->
                  bootstrap.option(GtsmSocketOptions.minimumTtl(address.getAddress()), minimumTtl));
      try {
        listeners.add(bootstrap.bind(address).sync().channel());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted binding " + address, e);
      } catch (RuntimeException e) {
        close();
        throw new java.io.UncheckedIOException(
            new java.io.IOException("cannot listen on " + address + ": " + e.getMessage(), e));
      }
      log.info("listening for BGP on {}", address);
    }
  }

  /** The event loop of the peer at {@code remote}'s address, or null when there is none yet. */
  private @Nullable EventLoop loopOfPeerAt(InetSocketAddress remote) {
    NettyPeer peer = peers.get(new PeerId(IpAddress.of(remote.getAddress())));
    return peer == null ? null : peer.loop;
  }

  /**
   * The lowest TTL a listener accepts a SYN with: when every configured peer uses GTSM, the lowest
   * of their minimum TTLs, so that the kernel drops a SYN from farther away before any connection
   * exists; otherwise none, and each accepted connection gets its peer's own minimum before any
   * octet of it is read (octets the kernel queued before that are not checked). Peers admitted by
   * templates then have to meet it too.
   */
  private OptionalInt listenerMinimumTtl() {
    OptionalInt lowest = OptionalInt.empty();
    for (PeerEndpoint endpoint : endpoints) {
      OptionalInt minimumTtl = endpoint.gtsmMinimumTtl();
      if (minimumTtl.isEmpty()) {
        return OptionalInt.empty();
      }
      if (lowest.isEmpty() || minimumTtl.getAsInt() < lowest.getAsInt()) {
        lowest = minimumTtl;
      }
    }
    return lowest;
  }

  /**
   * Defers route selection after a restart: awaits the configured peers with graceful restart, ends
   * the wait after {@code limit} at the latest, and then lets every session send its tables.
   */
  private void beginSelectionDeferral(Duration limit, EventLoop timerLoop) {
    Set<PeerId> awaited =
        endpoints.stream()
            .filter(e -> e.session().gracefulRestart().isPresent())
            .map(e -> e.peer().id())
            .collect(Collectors.toCollection(LinkedHashSet::new));
    deferral =
        SelectionDeferral.begin(
            awaited,
            limit,
            NettyPeer.now(),
            // The last End-of-RIB may be ahead of the routes before it in the engine's queue.
            () ->
                server.afterPendingChanges(
                    () -> peers.values().forEach(NettyPeer::selectionDeferralEnded)));
    pollSelectionDeferral(timerLoop);
  }

  /** Polls the deferral at its deadline until it is over. */
  private void pollSelectionDeferral(EventLoop timerLoop) {
    deferral.poll(NettyPeer.now());
    deferral
        .deadline()
        .ifPresent(
            deadline ->
                timerLoop.schedule(
                    () -> pollSelectionDeferral(timerLoop),
                    Math.max(0, deadline - NettyPeer.now()),
                    TimeUnit.NANOSECONDS));
  }

  /** Whether route selection after a restart ({@link Builder#restart}) is still deferred. */
  public boolean selectionDeferred() {
    return deferral.inProgress();
  }

  private OutputTurns turnsOf(EventLoop loop) {
    return turns.computeIfAbsent(loop, OutputTurns::new);
  }

  /** The addresses the listeners are bound to (with the ports chosen, when 0 was asked). */
  public List<InetSocketAddress> boundAddresses() {
    List<InetSocketAddress> bound = new ArrayList<>();
    for (Channel channel : listeners) {
      bound.add((InetSocketAddress) channel.localAddress());
    }
    return bound;
  }

  /** The state of every peer's session, as of its last event. */
  public Map<PeerId, FsmState> states() {
    Map<PeerId, FsmState> states = new LinkedHashMap<>();
    peers.forEach((id, peer) -> states.put(id, peer.state()));
    return states;
  }

  /**
   * Shuts the session with {@code peer} down administratively: CEASE with {@code communication}
   * (RFC 9003), and no reconnecting until {@link #startPeer}.
   */
  public void stopPeer(PeerId peer, String communication) {
    NettyPeer p = peers.get(peer);
    checkArgument(p != null, "peer: %s (not configured)", peer);
    p.execute(s -> s.stop(communication, NettyPeer.now()));
  }

  /** Starts the session with {@code peer} again after {@link #stopPeer}. */
  public void startPeer(PeerId peer) {
    NettyPeer p = peers.get(peer);
    checkArgument(p != null, "peer: %s (not configured)", peer);
    p.execute(s -> s.start(NettyPeer.now()));
  }

  /**
   * Sends every established peer a CEASE administrative shutdown, waits up to a second for the
   * NOTIFICATIONs to go out, then closes every connection and listener. Peers then drop our routes
   * at once, graceful restart or not (RFC 4724 section 4.2; RFC 8538 is not implemented).
   */
  @Override
  public void close() {
    close(peer -> peer.stopAndClose("route server shutting down"));
  }

  /**
   * Closes every connection and listener without a NOTIFICATION, as a crash or a kill would: the
   * way to stop before a restart in place ({@link Builder#restart}). Peers that negotiated graceful
   * restart keep our routes, marked stale, and go on forwarding for the restart time we advertised
   * (RFC 4724 section 4.2), until the new instance's End-of-RIB; the others drop them when they see
   * the connection go.
   */
  public void closeWithoutNotification() {
    close(NettyPeer::dropConnections);
  }

  private synchronized void close(Function<NettyPeer, Future<Void>> ending) {
    EventLoopGroup loops = group;
    if (loops == null) {
      return;
    }
    listeners.forEach(Channel::close); // first: a peer that reconnects meanwhile finds no one
    List<Future<Void>> closing = new ArrayList<>();
    peers.values().forEach(peer -> closing.add(ending.apply(peer)));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    for (Future<Void> peer : closing) {
      peer.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
    loops
        .shutdownGracefully(200, 1000, TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(5, TimeUnit.SECONDS);
    group = null;
  }

  /**
   * A started peer for {@code remote}, which has none in this transport yet: the server's new
   * dynamic peer there (or a peer added to the server alone); null when the server makes none.
   */
  private @Nullable NettyPeer newPeer(IpAddress remote, EventLoop loop) {
    Optional<PeerHandle> handle = server.peerFor(remote);
    if (handle.isEmpty()) {
      return null;
    }
    PeerConfig config = handle.get().config();
    NettyPeer.Expiry expiry =
        handle.get().template().isPresent()
            ? new NettyPeer.Expiry(dynamicPeerExpiry, peer -> peers.remove(config.id(), peer))
            : null;
    NettyPeer peer =
        new NettyPeer(
            PeerEndpoint.of(config, dynamicSessions.apply(config), 179),
            handle.get(),
            loop,
            turnsOf(loop),
            connector,
            deferral,
            expiry);
    peer.execute(s -> s.start(NettyPeer.now()));
    return peer;
  }

  /**
   * Closes a connection that no peer takes, unread: at once when no template has its address, after
   * a Cease, Out of Resources when its template is full.
   */
  private void refuse(SocketChannel channel, IpAddress remote) {
    Optional<PeerTemplate> template = server.templateFor(remote);
    if (template.isEmpty()) {
      connectionLog.refused(remote);
      channel.close();
    } else {
      connectionLog.refusedFull(remote, template.get());
      channel
          .writeAndFlush(Unpooled.wrappedBuffer(OUT_OF_RESOURCES))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Admits connections of known peers only, before any octet is read. */
  private final class Gate extends ChannelInitializer<SocketChannel> {
    @Override
    protected void initChannel(SocketChannel channel) {
      IpAddress remote = IpAddress.of(channel.remoteAddress().getAddress());
      NettyPeer peer =
          peers.computeIfAbsent(new PeerId(remote), id -> newPeer(remote, channel.eventLoop()));
      if (peer == null) {
        refuse(channel, remote);
        return;
      }
      if (peer.loop != channel.eventLoop()) {
        // Two first connections of a new dynamic peer were registered before it existed, on loops
        // of their own, and this one lost. Its reads would have to be copied to the peer's loop
        // without bound (see PeerLoopGroup); the peer's other connection or its next one serves.
        log.debug("{}: closing {}, accepted on another event loop than the peer's", peer, channel);
        channel.close();
        return;
      }
      OptionalInt minimumTtl = peer.endpoint.gtsmMinimumTtl();
      if (minimumTtl.isPresent()) {
        try {
          GtsmSocketOptions.apply(channel.config(), remote.toInetAddress(), minimumTtl.getAsInt());
        } catch (ChannelException e) {
          log.warn("{}: cannot set up GTSM on {}; closing it: {}", peer, channel, e.toString());
          channel.close();
          return;
        }
      }
      channel.pipeline().addLast(new SessionChannelHandler(peer, null));
    }
  }

  /** Builds a {@link NettyRouteServer}. Not thread-safe. */
  public static final class Builder {
    private final RouteServer server;
    private final List<InetSocketAddress> listen = new ArrayList<>();
    private final Map<PeerId, PeerEndpoint> endpoints = new LinkedHashMap<>();
    private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private Function<PeerConfig, SessionConfig> dynamicSessions;
    private Duration dynamicPeerExpiry = DEFAULT_DYNAMIC_PEER_EXPIRY;
    private Optional<Duration> selectionDeferralTime = Optional.empty();

    private Builder(RouteServer server) {
      this.server = server;
      this.dynamicSessions =
          config ->
              SessionConfig.builder(config.id(), server.localAsn(), server.routerId())
                  .name(config.name())
                  .peerAs(config.asn())
                  .fsm(f -> f.connectMode(FsmConfig.ConnectMode.LISTEN_ONLY))
                  .build();
    }

    /** Listens for peers on {@code address} (port 179 normally; 0 picks a free port). */
    public Builder listen(InetSocketAddress address) {
      listen.add(address);
      return this;
    }

    /** Runs {@code endpoint}'s peer. */
    public Builder peer(PeerEndpoint endpoint) {
      checkArgument(
          endpoints.putIfAbsent(endpoint.peer().id(), endpoint) == null,
          "peer: %s (already configured)",
          endpoint.peer().id());
      return this;
    }

    /** Sets the session settings of peers admitted by templates (default: passive, IPv4). */
    public Builder dynamicSessions(Function<PeerConfig, SessionConfig> dynamicSessions) {
      this.dynamicSessions = dynamicSessions;
      return this;
    }

    /**
     * Sets how long the session of a peer admitted by a template may wait for a connection before
     * the peer is removed (default {@link #DEFAULT_DYNAMIC_PEER_EXPIRY}). The wait begins when the
     * session is back in Active with no connection: after the idle hold time that follows a failed
     * session, and after the routes graceful restart keeps stale are gone.
     */
    public Builder dynamicPeerExpiry(Duration expiry) {
      checkArgument(
          !expiry.isNegative() && !expiry.isZero(),
          "dynamicPeerExpiry: %s (expected: positive)",
          expiry);
      this.dynamicPeerExpiry = expiry;
      return this;
    }

    /** Sets the number of event-loop threads (default: the number of processors, at least 2). */
    public Builder threads(int threads) {
      checkArgument(threads > 0, "threads: %s (expected: > 0)", threads);
      this.threads = threads;
      return this;
    }

    /**
     * Makes this start a restart in place with graceful restart (RFC 4724 section 4.1), waiting for
     * the peers' End-of-RIB at most {@link SelectionDeferral#DEFAULT_TIME}.
     *
     * @see #restart(Duration)
     */
    public Builder restart() {
      return restart(SelectionDeferral.DEFAULT_TIME);
    }

    /**
     * Makes this start a restart in place with graceful restart (RFC 4724 section 4.1), after the
     * previous instance on the same addresses ended with {@link #closeWithoutNotification()}: OPENs
     * set the Restart State bit, and no route nor End-of-RIB goes to any peer until every
     * configured peer whose session has graceful restart on has come back and sent End-of-RIB for
     * each family (peers that come back without graceful restart, or restarting themselves, are not
     * waited for), or until {@code selectionDeferralTime} has passed since {@link #start}. Keep it
     * below the peers' bound on how long they keep stale routes once the session is back (see
     * {@link SelectionDeferral#DEFAULT_TIME}).
     */
    public Builder restart(Duration selectionDeferralTime) {
      checkArgument(
          !selectionDeferralTime.isNegative() && !selectionDeferralTime.isZero(),
          "selectionDeferralTime: %s (expected: positive)",
          selectionDeferralTime);
      this.selectionDeferralTime = Optional.of(selectionDeferralTime);
      return this;
    }

    /** The transport, not started. */
    public NettyRouteServer build() {
      return new NettyRouteServer(this);
    }
  }
}
