package io.github.routeserver.bgp.session;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.DecodeError;
import io.github.routeserver.bgp.codec.DecodeResult;
import io.github.routeserver.bgp.codec.ErrorAction;
import io.github.routeserver.bgp.codec.MessageEncoder;
import io.github.routeserver.bgp.fsm.BgpFsm;
import io.github.routeserver.bgp.fsm.ConnectionId;
import io.github.routeserver.bgp.fsm.DownReason;
import io.github.routeserver.bgp.fsm.FsmAction;
import io.github.routeserver.bgp.fsm.FsmEvent;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.fsm.OpenCheck;
import io.github.routeserver.bgp.fsm.Transition;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.ErrorCode;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.RouteRefresh;
import io.github.routeserver.bgp.wire.RouteRefreshSubtype;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.text.LogRateLimit;
import io.github.routeserver.core.text.SingleLine;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BGP session with one peer: the state machine ({@link BgpFsm}) and the codec bound to the
 * engine, behind a {@link Transport} that any I/O stack can implement. Sans-IO and not thread-safe:
 * the host calls every method from one thread (or serialises the calls), passes the time as {@code
 * now} (nanoseconds of a monotonic clock, never going back), and calls {@link #poll} at {@link
 * #nextDeadline()}.
 *
 * <p>What it does:
 *
 * <ul>
 *   <li>Capability negotiation (RFC 5492) into the codec's context: common families, 4-octet AS
 *       numbers with AS_TRANS for 2-octet peers (RFC 6793), ADD-PATH per family and direction (RFC
 *       7911), extended messages (RFC 8654), extended next hop (RFC 8950), route refresh (RFC 2918)
 *       and enhanced route refresh (RFC 7313); roles (RFC 9234), a mismatch refusing the session
 *       with Role Mismatch (2/11).
 *   <li>UPDATEs to routes with a {@link io.github.routeserver.core.route.RouteSource} that names
 *       the session, after the codec's RFC 7606 actions (attributes discarded, treat-as-withdraw,
 *       AFI/SAFI disable, session reset) and with LOCAL_PREF gone from external peers (RFC 4271
 *       section 5.1.5); per-family prefix limits (RFC 4486).
 *   <li>Outbound UPDATEs pulled from {@link OutboundRoutes} while the transport is writable, with
 *       End-of-RIB after the initial table and BoRR/EoRR around an enhanced refresh.
 *   <li>Graceful restart as receiving speaker (RFC 4724) and long-lived graceful restart (RFC
 *       9494); as restarting speaker, the Restart State bit in the OPEN and no route nor End-of-RIB
 *       sent while a {@link SelectionDeferral} is in progress (RFC 4724 section 4.1).
 *   <li>Administrative shutdown and reset with an RFC 9003 shutdown communication.
 * </ul>
 *
 * <p>Listener and route source callbacks must not call back into the session.
 */
public final class BgpSession {
  private static final Logger log = LoggerFactory.getLogger(BgpSession.class);

  private final SessionConfig config;
  private final Connector connector;
  private final SessionListener listener;
  private final OutboundRoutes outbound;
  private final StaleRoutes staleRoutes;
  private final SelectionDeferral deferral;
  private final OpenCheck openCheck;
  private final List<Connection> connections = new ArrayList<>(2);
  private final LogRateLimit malformedUpdates = new LogRateLimit(Duration.ofMinutes(1));
  private BgpFsm fsm;
  private long nextInbound;
  private long sessions;
  private @Nullable Up up;
  private boolean tablesDeferred;

  /** The established session: what was negotiated and its two halves. */
  private record Up(
      NegotiatedSession negotiated,
      Connection connection,
      RouteReceiver receiver,
      UpdateSender sender) {}

  /**
   * A session in Idle; {@link #start} starts it.
   *
   * @param config the configuration
   * @param connector how to open outbound connections
   * @param listener where received routes and session events go
   * @param outbound where the routes to send come from
   */
  public BgpSession(
      SessionConfig config,
      Connector connector,
      SessionListener listener,
      OutboundRoutes outbound) {
    this(config, connector, listener, outbound, SelectionDeferral.none());
  }

  /**
   * A session in Idle of a speaker that has restarted (RFC 4724 section 4.1): while {@code
   * deferral} is in progress its OPEN sets the Restart State bit and it sends its peer nothing; the
   * host calls {@link #selectionDeferralEnded} when the deferral ends.
   *
   * @param config the configuration
   * @param connector how to open outbound connections
   * @param listener where received routes and session events go
   * @param outbound where the routes to send come from
   * @param deferral the deferral of route selection this session reports to and waits for
   */
  public BgpSession(
      SessionConfig config,
      Connector connector,
      SessionListener listener,
      OutboundRoutes outbound,
      SelectionDeferral deferral) {
    this.config = config;
    this.connector = connector;
    this.listener = listener;
    this.outbound = outbound;
    this.deferral = deferral;
    this.staleRoutes = new StaleRoutes(config.peer(), listener);
    this.openCheck = received -> Negotiation.check(config, received);
    this.fsm = BgpFsm.initial(config.fsmConfig(openCheck, deferral.inProgress()));
  }

  // ---------------------------------------------------------------------------------------------
  // Administration

  /** Starts the session (ManualStart, RFC 4271 event 1 or 4). */
  public void start(long now) {
    feed(new FsmEvent.ManualStart(), now);
  }

  /**
   * Shuts the session down with Cease, Administrative Shutdown (6/2) and {@code communication} (RFC
   * 9003: up to 255 octets of UTF-8, cut at a character boundary); it stays down until {@link
   * #start}.
   */
  public void stop(String communication, long now) {
    feed(new FsmEvent.ManualStop(Notification.administrativeShutdown(communication)), now);
  }

  /**
   * Resets the session with Cease, Administrative Reset (6/4) and {@code communication} (RFC 9003),
   * and starts it again.
   */
  public void reset(String communication, long now) {
    feed(new FsmEvent.ManualStop(Notification.administrativeReset(communication)), now);
    feed(new FsmEvent.ManualStart(), now);
  }

  /**
   * Asks the peer to send its routes of {@code family} again (RFC 2918), for example after an
   * import policy changed.
   *
   * @return whether the request was sent: false unless established with a peer that accepts route
   *     refresh and negotiated {@code family}
   */
  public boolean requestRouteRefresh(AfiSafi family, long now) {
    Up session = up;
    if (session == null
        || !session.negotiated().routeRefresh()
        || !session.receiver().accepts(family)) {
      return false;
    }
    send(session.connection(), RouteRefresh.request(family));
    return true;
  }

  /**
   * The {@link SelectionDeferral} this session was built with has ended: the initial tables held
   * back are sent now, each followed by End-of-RIB, and OPENs from now on leave the Restart State
   * bit clear.
   */
  public void selectionDeferralEnded(long now) {
    fsm = fsm.withConfig(config.fsmConfig(openCheck, false));
    Up session = up;
    if (session != null && tablesDeferred) {
      tablesDeferred = false;
      log.info("BGP peer {}: route selection done, sending the tables", config.name());
      session.sender().sendInitialTables();
      pump(now);
    }
  }

  /** The engine has changed routes for this peer: they are pulled as the transport allows. */
  public void routesChanged(long now) {
    Up session = up;
    if (session != null) {
      session.sender().changesAvailable();
      pump(now);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Connections

  /**
   * The peer connected (TcpConnectionConfirmed). The session sends its OPEN on {@code transport},
   * or closes it if it does not want the connection.
   *
   * @return the name the state machine gives the connection
   */
  public ConnectionId accept(Transport transport, long now) {
    ConnectionId id = ConnectionId.inbound(nextInbound++);
    connections.add(new Connection(id, transport));
    feed(new FsmEvent.TcpConnected(id), now);
    return id;
  }

  /** The outbound connection {@code id} asked for with {@link Connector#connect} is open. */
  public void connected(ConnectionId id, Transport transport, long now) {
    checkArgument(
        id.direction() == ConnectionId.Direction.OUTBOUND, "id: %s (expected: outbound)", id);
    connections.add(new Connection(id, transport));
    feed(new FsmEvent.TcpConnected(id), now);
  }

  /** The outbound connection {@code id} could not be opened. */
  public void connectFailed(ConnectionId id, long now) {
    feed(new FsmEvent.TcpFailed(id), now);
  }

  /** The connection of {@code transport} closed or failed without the session closing it. */
  public void closed(Transport transport, long now) {
    Connection connection = find(transport);
    if (connection != null) {
      connections.remove(connection);
      feed(new FsmEvent.TcpFailed(connection.id), now);
    }
  }

  /**
   * Octets arrived on {@code transport}; the session takes all of them, decodes every whole message
   * and keeps the rest for the next call.
   */
  public void received(Transport transport, ByteBuffer bytes, long now) {
    Connection connection = find(transport);
    if (connection == null) {
      return; // closed by the session meanwhile
    }
    connection.append(bytes);
    ByteBuffer message;
    while (connections.contains(connection)
        && (message = connection.nextMessage(contextOf(connection))) != null) {
      receive(connection, message, now);
    }
    pump(now);
  }

  /** {@code transport} can take octets again: the session sends what is pending. */
  public void writable(Transport transport, long now) {
    if (up != null && up.connection().transport == transport) {
      pump(now);
    }
  }

  /**
   * The host has held back, or is holding back, reading from the established connection because the
   * engine asked it to (its inbound queue was full): the hold timer restarts, since what the peer
   * sent may be waiting unread. A host that pauses reading calls this when its hold timer is due
   * while paused, and when it resumes.
   */
  public void readingHeldBack(long now) {
    Up session = up;
    if (session != null) {
      feed(new FsmEvent.ReadingHeldBack(session.connection().id), now);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Time

  /** Fires the timers whose deadline is {@code now} or earlier. */
  public void poll(long now) {
    staleRoutes.poll(now);
    apply(fsm.onTime(now), now);
    pump(now);
  }

  /** When {@link #poll} must be called next, or empty when no timer runs. */
  public OptionalLong nextDeadline() {
    long earliest = Math.min(fsm.nextDeadline().orElse(Long.MAX_VALUE), staleRoutes.nextDeadline());
    return earliest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(earliest);
  }

  // ---------------------------------------------------------------------------------------------
  // State

  /** The configuration. */
  public SessionConfig config() {
    return config;
  }

  /** The state of the state machine. */
  public FsmState state() {
    return fsm.state();
  }

  /** The state machine. */
  public BgpFsm fsm() {
    return fsm;
  }

  /** What the established session negotiated; empty when not established. */
  public Optional<NegotiatedSession> negotiated() {
    return Optional.ofNullable(up).map(Up::negotiated);
  }

  /** The families whose routes from an earlier session are kept stale. */
  public Set<AfiSafi> staleFamilies() {
    return staleRoutes.families();
  }

  @Override
  public String toString() {
    return "BgpSession{" + config.name() + " " + fsm + "}";
  }

  // ---------------------------------------------------------------------------------------------
  // Inbound

  private void receive(Connection connection, ByteBuffer bytes, long now) {
    int start = bytes.position();
    DecodeResult result = connection.decoder.decode(bytes, contextOf(connection));
    if (!result.errors().isEmpty()) {
      logErrors(connection, result, bytes.position(start), now);
    }
    if (result.isSessionReset()) {
      feed(new FsmEvent.MessageError(connection.id, result.notification()), now);
      return;
    }
    BgpMessage message = result.message().orElseThrow();
    if (message instanceof Open open) {
      feed(new FsmEvent.OpenReceived(connection.id, open), now);
    } else if (message instanceof Keepalive) {
      feed(new FsmEvent.KeepaliveReceived(connection.id), now);
    } else if (message instanceof Notification notification) {
      logNotification("received", notification);
      feed(new FsmEvent.NotificationReceived(connection.id, notification), now);
    } else if (message instanceof Update update) {
      feed(new FsmEvent.UpdateReceived(connection.id), now);
      if (isUpOn(connection)) {
        receiveUpdate(update, result, now);
      }
    } else if (message instanceof RouteRefresh refresh) {
      feed(new FsmEvent.RouteRefreshReceived(connection.id), now);
      if (isUpOn(connection)) {
        receiveRouteRefresh(refresh);
      }
    }
  }

  /**
   * Logs what decoding {@code message} found. An UPDATE with something malformed in it that is
   * processed all the same gets the line RFC 7606 section 6 asks for, with the NLRI involved and
   * the whole message, at WARN, at most once a minute so that a peer cannot flood the log. Errors
   * that reset the session are at WARN too (the NOTIFICATION sent follows); the rest, for example
   * LOCAL_PREF discarded from every UPDATE of an external peer (RFC 7606 section 7.5), at DEBUG.
   */
  private void logErrors(Connection connection, DecodeResult result, ByteBuffer message, long now) {
    if (!result.isSessionReset()
        && result.errors().stream().anyMatch(DecodeError::isMalformed)
        && malformedUpdates.tryAcquire(now)) {
      Update update = (Update) result.message().orElseThrow(); // other messages have no such error
      long skipped = malformedUpdates.skipped();
      log.warn(
          "BGP peer {} {}: {}{}",
          config.name(),
          connection,
          MalformedUpdateLine.of(update, result.errors(), message),
          skipped == 0 ? "" : "; " + skipped + " more since the last such line, at DEBUG");
      return;
    }
    for (DecodeError error : result.errors()) {
      if (result.isSessionReset() && error.action() != ErrorAction.ATTRIBUTE_DISCARD) {
        log.warn("BGP peer {} {}: {}", config.name(), connection, error);
      } else {
        log.debug("BGP peer {} {}: {}", config.name(), connection, error);
      }
    }
  }

  private void receiveUpdate(Update update, DecodeResult result, long now) {
    Up session = up();
    NegotiatedSession negotiated = session.negotiated();
    long number = negotiated.source().session();
    for (AfiSafi family : result.disabledFamilies()) {
      if (session.receiver().disable(family)) {
        // RFC 7606 section 5.2 / RFC 4760 section 7: the family's routes go, and the family too.
        log.warn("BGP peer {}: {} disabled after a malformed UPDATE", config.name(), family);
        staleRoutes.forget(family);
        listener.removeRoutes(config.peer(), family, number + 1);
      }
    }
    // An UPDATE that RFC 7606 emptied is no End-of-RIB marker.
    Optional<AfiSafi> endOfRib = result.isClean() ? update.endOfRibFamily() : Optional.empty();
    if (endOfRib.isPresent()) {
      if (session.receiver().accepts(endOfRib.get())) {
        listener.endOfRib(negotiated.source(), endOfRib.get());
        staleRoutes.endOfRib(endOfRib.get());
        deferral.endOfRib(config.peer(), endOfRib.get(), now);
      }
      return;
    }
    RouteReceiver.Outcome outcome = session.receiver().receive(update);
    if (outcome instanceof RouteReceiver.Exceeded exceeded) {
      log.warn(
          "BGP peer {}: {} routes of {}, above the limit of {}: closing the session",
          config.name(),
          exceeded.count(),
          exceeded.family(),
          exceeded.limit().maximum());
      feed(
          new FsmEvent.AutomaticStop(
              Notification.maximumPrefixesReached(exceeded.family(), exceeded.limit().maximum())),
          now);
      return;
    }
    RouteReceiver.Changes changes = (RouteReceiver.Changes) outcome;
    for (RouteReceiver.Exceeded warning : changes.newlyOverWarnLimit()) {
      log.warn(
          "BGP peer {}: {} routes of {}, above the limit of {}",
          config.name(),
          warning.count(),
          warning.family(),
          warning.limit().maximum());
    }
    if (!changes.announced().isEmpty() || !changes.withdrawn().isEmpty()) {
      listener.routesReceived(negotiated.source(), changes.announced(), changes.withdrawn());
    }
  }

  private void receiveRouteRefresh(RouteRefresh refresh) {
    Up session = up();
    AfiSafi family = refresh.afiSafi();
    RouteRefreshSubtype subtype = refresh.subtype();
    if (subtype.equals(RouteRefreshSubtype.BORR) || subtype.equals(RouteRefreshSubtype.EORR)) {
      receiveRefreshMarker(session, family, subtype);
      return;
    }
    if (!subtype.equals(RouteRefreshSubtype.NORMAL)) {
      log.debug("BGP peer {}: ignored {} for {}", config.name(), subtype, family); // RFC 7313 5
      return;
    }
    if (config
            .localOpen()
            .capabilities(io.github.routeserver.bgp.wire.RouteRefreshCapability.class)
            .isEmpty()
        || !session.receiver().accepts(family)) {
      // RFC 2918 section 4: a request for a family not advertised is ignored.
      log.info("BGP peer {}: ignored ROUTE-REFRESH for {}", config.name(), family);
      return;
    }
    listener.routeRefreshRequested(session.negotiated().source(), family);
    if (!tablesDeferred) { // else the table after the deferral answers it
      session.sender().refresh(family);
    }
  }

  /**
   * RFC 7313 section 4.2: a BoRR makes the peer's routes of {@code family} stale, and the routes it
   * announces from then on are numbered as a new generation of the session; the EoRR removes the
   * routes still stale. An EoRR with no BoRR before it, or a marker in a session that did not
   * negotiate enhanced route refresh or {@code family}, is ignored. No timer bounds a refresh: the
   * stale routes stay until the EoRR or the end of the session.
   */
  private void receiveRefreshMarker(Up session, AfiSafi family, RouteRefreshSubtype subtype) {
    if (!session.negotiated().enhancedRouteRefresh() || !session.receiver().accepts(family)) {
      log.info("BGP peer {}: ignored {} for {}", config.name(), subtype, family);
      return;
    }
    if (subtype.equals(RouteRefreshSubtype.BORR)) {
      NegotiatedSession renumbered = session.negotiated().withSessionNumber(++sessions);
      session.receiver().beginRefresh(family, renumbered.source());
      up = new Up(renumbered, session.connection(), session.receiver(), session.sender());
      log.debug("BGP peer {}: enhanced route refresh of {} begins", config.name(), family);
      return;
    }
    OptionalLong began = session.receiver().endRefresh(family);
    if (began.isEmpty()) {
      log.info("BGP peer {}: ignored EoRR for {} without BoRR", config.name(), family);
      return;
    }
    log.debug("BGP peer {}: enhanced route refresh of {} ends", config.name(), family);
    listener.removeRoutes(config.peer(), family, began.getAsLong());
  }

  // ---------------------------------------------------------------------------------------------
  // The state machine

  private void feed(FsmEvent event, long now) {
    apply(fsm.on(event, now), now);
  }

  /**
   * Moves to the transition's state and carries out its actions, all of them even if one fails, so
   * that a failure to send cannot leave a connection open or a session down unreported; the first
   * failure is thrown afterwards.
   */
  private void apply(Transition transition, long now) {
    FsmState before = fsm.state();
    fsm = transition.fsm();
    RuntimeException failure = null;
    for (FsmAction action : transition.actions()) {
      try {
        execute(action, now);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (fsm.state() != before) {
      log.info("BGP peer {}: {} -> {}", config.name(), before, fsm.state());
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void execute(FsmAction action, long now) {
    if (action instanceof FsmAction.Connect connect) {
      connector.connect(connect.connection());
    } else if (action instanceof FsmAction.Send send) {
      Connection connection = find(send.connection());
      if (connection != null) {
        if (send.message() instanceof Notification notification) {
          logNotification("sent", notification);
        }
        send(connection, send.message());
      }
    } else if (action instanceof FsmAction.Disconnect disconnect) {
      Connection connection = find(disconnect.connection());
      if (connection != null) {
        connections.remove(connection);
        connection.transport.close();
      } else {
        connector.cancel(disconnect.connection());
      }
    } else if (action instanceof FsmAction.Established established) {
      sessionUp(established, now);
    } else if (action instanceof FsmAction.SessionDown down) {
      sessionDown(down.reason(), now);
    }
  }

  private void sessionUp(FsmAction.Established established, long now) {
    Connection connection = find(established.connection());
    if (connection == null) {
      throw new IllegalStateException("established on a closed connection: " + established);
    }
    NegotiatedSession negotiated =
        Negotiation.negotiate(
            config,
            established.received(),
            established.holdTime(),
            ++sessions,
            connection.transport.localAddress());
    log.info("BGP peer {}: established {}", config.name(), negotiated);
    RouteReceiver receiver = new RouteReceiver(negotiated, config.prefixLimits());
    UpdateSender sender =
        new UpdateSender(config.name(), negotiated, receiver, connection.transport, outbound);
    up = new Up(negotiated, connection, receiver, sender);
    listener.established(negotiated);
    staleRoutes.sessionUp(negotiated, config.staleRoutesTime().toNanos(), now);
    deferral.established(negotiated, now);
    if (deferral.inProgress()) {
      tablesDeferred = true;
      log.info(
          "BGP peer {}: tables held back until route selection after the restart", config.name());
    } else {
      sender.sendInitialTables();
    }
  }

  private void sessionDown(DownReason reason, long now) {
    NegotiatedSession negotiated = up().negotiated();
    up = null;
    tablesDeferred = false;
    Set<AfiSafi> kept = staleRoutes.sessionDown(negotiated, reason, now);
    // The kind alone: a NOTIFICATION sent or received was logged as it crossed, at its level.
    log.info(
        "BGP peer {}: session down, {}{}",
        config.name(),
        reason.kind(),
        kept.isEmpty() ? "" : ", routes kept stale for " + kept);
    listener.down(negotiated.source(), reason, kept);
  }

  /**
   * A Cease at INFO (someone decided it), any other error at WARN; with RFC 9003 text, kept on one
   * line whatever the peer put in it.
   */
  private void logNotification(String direction, Notification notification) {
    String text =
        notification.shutdownCommunication().map(t -> " \"" + SingleLine.of(t) + "\"").orElse("");
    if (notification.error().code().equals(ErrorCode.CEASE)) {
      log.info("BGP peer {}: {} {}{}", config.name(), direction, notification, text);
    } else {
      log.warn("BGP peer {}: {} {}{}", config.name(), direction, notification, text);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Outbound

  private void pump(long now) {
    Up session = up;
    if (session != null && !tablesDeferred && session.sender().pump() > 0) {
      feed(new FsmEvent.UpdateSent(session.connection().id), now);
    }
  }

  private void send(Connection connection, BgpMessage message) {
    connection.transport.send(MessageEncoder.encode(message, contextOf(connection)));
  }

  private CodecContext contextOf(Connection connection) {
    return isUpOn(connection) ? up().negotiated().codec() : CodecContext.BASE;
  }

  private boolean isUpOn(Connection connection) {
    return up != null && up.connection() == connection;
  }

  private Up up() {
    if (up == null) {
      throw new IllegalStateException("not established: " + this);
    }
    return up;
  }

  private @Nullable Connection find(Transport transport) {
    for (Connection connection : connections) {
      if (connection.transport == transport) {
        return connection;
      }
    }
    return null;
  }

  private @Nullable Connection find(ConnectionId id) {
    for (Connection connection : connections) {
      if (connection.id.equals(id)) {
        return connection;
      }
    }
    return null;
  }
}
