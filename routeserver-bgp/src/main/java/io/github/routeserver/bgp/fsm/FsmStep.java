package io.github.routeserver.bgp.fsm;

import static io.github.routeserver.bgp.fsm.BgpFsm.NEVER;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.ErrorCode;
import io.github.routeserver.bgp.wire.GracefulRestartCapability;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.MessageType;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.Open;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One transition of a {@link BgpFsm} under construction: a mutable copy of the machine, the time,
 * and the actions so far. The event handlers below follow RFC 4271 section 8.2.2 state by state;
 * comments name the RFC event numbers. Not thread-safe; lives for one call.
 */
final class FsmStep {
  private static final Notification COLLISION =
      Notification.of(BgpError.CONNECTION_COLLISION_RESOLUTION);
  private static final Notification HOLD_TIMER_EXPIRED =
      Notification.of(BgpError.HOLD_TIMER_EXPIRED);

  /** What a transition to Idle does to the ConnectRetryCounter. */
  private enum Counter {
    RESET,
    KEEP,
    INCREMENT
  }

  final FsmConfig config;
  private final long now;

  /** The actions so far; null until the first, since most events (an UPDATE) have none. */
  private ImmutableList.@Nullable Builder<FsmAction> actions;

  FsmState state;
  boolean started;
  int connectRetryCounter;
  int consecutiveFailures;
  @Nullable ConnectionId connection;
  @Nullable ConnectionId pendingOutbound;
  @Nullable ConnectionId candidate;
  @Nullable Open received;
  int holdTime;
  long establishedAt;
  long nextOutboundSerial;
  long jitterState;
  final long[] deadlines;

  private FsmStep(FsmConfig config) {
    this.config = config;
    this.now = 0;
    this.state = FsmState.IDLE;
    this.jitterState = config.jitterSeed();
    this.deadlines = new long[Timer.values().length];
    Arrays.fill(deadlines, NEVER);
  }

  FsmStep(BgpFsm fsm, long now) {
    this(fsm, fsm.config, now);
  }

  /** A step from {@code fsm} under {@code config} instead of its own. */
  FsmStep(BgpFsm fsm, FsmConfig config, long now) {
    this.config = config;
    this.now = now;
    this.state = fsm.state;
    this.started = fsm.started;
    this.connectRetryCounter = fsm.connectRetryCounter;
    this.consecutiveFailures = fsm.consecutiveFailures;
    this.connection = fsm.connection;
    this.pendingOutbound = fsm.pendingOutbound;
    this.candidate = fsm.candidate;
    this.received = fsm.received;
    this.holdTime = fsm.holdTime;
    this.establishedAt = fsm.establishedAt;
    this.nextOutboundSerial = fsm.nextOutboundSerial;
    this.jitterState = fsm.jitterState;
    this.deadlines = fsm.deadlines();
  }

  static FsmStep initial(FsmConfig config) {
    return new FsmStep(config);
  }

  Transition result() {
    return new Transition(new BgpFsm(this), actions == null ? ImmutableList.of() : actions.build());
  }

  private void action(FsmAction action) {
    if (actions == null) {
      actions = ImmutableList.builder();
    }
    actions.add(action);
  }

  // ---------------------------------------------------------------------------------------------
  // Dispatch

  void handle(FsmEvent event) {
    if (event instanceof FsmEvent.ManualStart) {
      manualStart();
    } else if (event instanceof FsmEvent.AutomaticStart) {
      automaticStart();
    } else if (event instanceof FsmEvent.ManualStop stop) {
      stop(stop.cease(), true);
    } else if (event instanceof FsmEvent.AutomaticStop stop) {
      stop(stop.cease(), false);
    } else if (event instanceof FsmEvent.TcpConnected connected) {
      tcpConnected(connected.connection());
    } else {
      FsmEvent.ConnectionEvent onConnection = (FsmEvent.ConnectionEvent) event;
      ConnectionId id = onConnection.connection();
      if (id.equals(candidate)) {
        onCandidate(onConnection);
      } else if (id.equals(connection)) {
        onPrimary(onConnection);
      } else if (id.equals(pendingOutbound) && event instanceof FsmEvent.TcpFailed) {
        outboundAttemptFailed();
      }
      // Anything else comes from a connection already closed: ignored.
    }
  }

  private void onPrimary(FsmEvent.ConnectionEvent event) {
    if (event instanceof FsmEvent.TcpFailed) {
      primaryTcpFailed();
    } else if (event instanceof FsmEvent.OpenReceived open) {
      primaryOpen(open.open());
    } else if (event instanceof FsmEvent.KeepaliveReceived) {
      primaryKeepalive();
    } else if (event instanceof FsmEvent.UpdateReceived) {
      primaryMessage(MessageType.UPDATE);
    } else if (event instanceof FsmEvent.RouteRefreshReceived) {
      primaryMessage(MessageType.ROUTE_REFRESH);
    } else if (event instanceof FsmEvent.NotificationReceived notification) {
      primaryNotification(notification.notification());
    } else if (event instanceof FsmEvent.MessageError error) {
      primaryMessageError(error.error());
    } else if (event instanceof FsmEvent.UpdateSent && state == FsmState.ESTABLISHED) {
      armKeepalive(); // RFC 4271 section 10: an UPDATE sent restarts the keepalive timer
    } else if (event instanceof FsmEvent.ReadingHeldBack && state == FsmState.ESTABLISHED) {
      restartHold(); // our own flow control, not the peer's silence
    }
  }

  void fireExpiredTimers() {
    while (true) {
      Timer expired = null;
      for (Timer timer : Timer.values()) {
        long deadline = deadlines[timer.ordinal()];
        if (deadline <= now && (expired == null || deadline < deadlines[expired.ordinal()])) {
          expired = timer;
        }
      }
      if (expired == null) {
        return;
      }
      stop(expired);
      fire(expired);
    }
  }

  private void fire(Timer timer) {
    switch (timer) {
      case CONNECT_RETRY -> connectRetryExpired();
      case DELAY_OPEN -> delayOpenExpired();
      case HOLD -> failPrimary(HOLD_TIMER_EXPIRED); // event 10
      case KEEPALIVE -> { // event 11
        send(connection(), Keepalive.INSTANCE);
        armKeepalive();
      }
      case IDLE_HOLD -> start(); // event 13: the damped automatic start
      case COLLISION_HOLD -> closeCandidate(HOLD_TIMER_EXPIRED);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Administrative events

  /** Events 1 and 4: only Idle reacts; a running idle hold timer is overridden. */
  private void manualStart() {
    if (state == FsmState.IDLE) {
      started = true;
      start();
    }
  }

  /** Events 3, 5, 6 and 7: only Idle reacts, and not while the idle hold timer damps it. */
  private void automaticStart() {
    if (state == FsmState.IDLE
        && config.allowAutomaticStart()
        && deadlines[Timer.IDLE_HOLD.ordinal()] == NEVER) {
      started = true;
      start();
    }
  }

  /** Idle on a start: Connect when this speaker connects first, Active when it waits. */
  private void start() {
    connectRetryCounter = 0;
    stop(Timer.IDLE_HOLD);
    switch (config.connectMode()) {
      case ACTIVE -> {
        connectOutbound();
        state = FsmState.CONNECT;
      }
      case PASSIVE -> {
        armConnectRetry();
        state = FsmState.ACTIVE;
      }
      case LISTEN_ONLY -> state = FsmState.ACTIVE;
    }
  }

  /**
   * Events 2 and 8. In Connect and Active the Cease goes out only on a connection held for the
   * delay open timer and when a NOTIFICATION may precede the OPEN.
   */
  private void stop(Notification cease, boolean manual) {
    switch (state) {
      case IDLE -> {
        if (manual) { // cancels a pending automatic restart
          started = false;
          stop(Timer.IDLE_HOLD);
        }
        return;
      }
      case CONNECT, ACTIVE -> {
        if (connection != null) {
          closeBeforeOpen(connection, cease);
        }
      }
      case OPEN_SENT, OPEN_CONFIRM, ESTABLISHED -> {
        ConnectionId closing = connection();
        send(closing, cease);
        disconnect(closing);
        if (state == FsmState.ESTABLISHED) {
          action(new FsmAction.SessionDown(closing, DownReason.sent(cease)));
        }
      }
    }
    connection = null;
    if (candidate != null) {
      closeCandidate(cease);
    }
    if (manual) {
      started = false;
      goIdle(Counter.RESET, false);
    } else {
      goIdle(Counter.INCREMENT, true);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // TCP events

  /** Events 16 and 17. */
  private void tcpConnected(ConnectionId id) {
    if (id.equals(pendingOutbound)) {
      pendingOutbound = null;
      adopt(id);
      return;
    }
    if (id.equals(connection) || id.equals(candidate)) {
      return; // reported twice
    }
    if (id.direction() == ConnectionId.Direction.OUTBOUND) {
      disconnect(id); // an attempt this machine gave up on
      return;
    }
    switch (state) {
      case IDLE -> closeBeforeOpen(id, Notification.of(BgpError.CONNECTION_REJECTED));
      case CONNECT, ACTIVE -> {
        if (connection == null) {
          cancelPendingOutbound();
          adopt(id);
        } else {
          // One connection already waits for the delay open timer. No OPEN was compared, so this
          // is a refusal (RFC 4486 section 3), not a collision.
          closeBeforeOpen(id, Notification.of(BgpError.CONNECTION_REJECTED));
        }
      }
      case OPEN_SENT, OPEN_CONFIRM, ESTABLISHED -> {
        if (candidate == null) {
          // RFC 4271 section 6.8: tracked until its OPEN arrives.
          candidate = id;
          send(id, config.localOpen());
          arm(Timer.COLLISION_HOLD, config.largeHoldTime().toNanos());
        } else {
          closeBeforeOpen(id, Notification.of(BgpError.CONNECTION_REJECTED));
        }
      }
    }
  }

  /** Connect or Active gains its connection: OpenSent, or wait for the delay open timer. */
  private void adopt(ConnectionId id) {
    connection = id;
    stop(Timer.CONNECT_RETRY);
    if (config.delayOpen()) {
      arm(Timer.DELAY_OPEN, config.delayOpenTime().toNanos());
    } else {
      sendOpen();
    }
  }

  /** Event 18 for the outbound attempt of Connect: Idle (RFC 4271 section 8.2.2, Connect). */
  private void outboundAttemptFailed() {
    pendingOutbound = null;
    goIdle(Counter.KEEP, true);
  }

  /** Event 18 for the connection of the session. */
  private void primaryTcpFailed() {
    ConnectionId lost = connection();
    connection = null;
    switch (state) {
      case CONNECT -> { // the delay open timer ran
        stop(Timer.DELAY_OPEN);
        armConnectRetry();
        state = FsmState.ACTIVE;
      }
      case ACTIVE -> goIdle(Counter.INCREMENT, true);
      case OPEN_SENT -> {
        if (candidate != null) {
          promoteCandidate();
        } else {
          stop(Timer.HOLD);
          armConnectRetry();
          state = FsmState.ACTIVE;
        }
      }
      default -> lose(lost, DownReason.connectionLost(), Counter.INCREMENT);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Messages on the connection of the session

  /** Events 19, 20 and 22. */
  private void primaryOpen(Open open) {
    switch (state) {
      case CONNECT, ACTIVE -> { // event 20: the delay open timer runs
        Optional<Notification> error = checkOpen(open);
        if (error.isPresent()) {
          closeBeforeOpen(connection(), error.get());
          connection = null;
          goIdle(Counter.INCREMENT, true);
        } else {
          stop(Timer.DELAY_OPEN);
          send(connection(), config.localOpen());
          acceptOpen(open);
        }
      }
      case OPEN_SENT -> {
        Optional<Notification> error = checkOpen(open);
        if (error.isPresent()) {
          failPrimary(error.get());
        } else if (candidate != null && !keepsPrimary(open)) {
          dropPrimaryForCandidate();
        } else {
          if (candidate != null) {
            closeCandidate(COLLISION);
          }
          acceptOpen(open);
        }
      }
      default -> failPrimary(unexpected(MessageType.OPEN)); // RFC 6608: 5/2 and 5/3
    }
  }

  /** Event 26. */
  private void primaryKeepalive() {
    switch (state) {
      case CONNECT, ACTIVE -> failBeforeOpen(MessageType.KEEPALIVE);
      case OPEN_SENT -> failPrimary(unexpected(MessageType.KEEPALIVE));
      case OPEN_CONFIRM -> {
        restartHold();
        state = FsmState.ESTABLISHED;
        establishedAt = now;
        action(new FsmAction.Established(connection(), received(), holdTime));
      }
      default -> restartHold();
    }
  }

  /** Event 27, and a ROUTE-REFRESH (RFC 2918), which is expected in Established only. */
  private void primaryMessage(MessageType type) {
    switch (state) {
      case CONNECT, ACTIVE -> failBeforeOpen(type);
      case OPEN_SENT, OPEN_CONFIRM -> failPrimary(unexpected(type));
      default -> {
        if (type.equals(MessageType.UPDATE)) {
          restartHold();
        }
      }
    }
  }

  /** Events 24 and 25: close without answering. */
  private void primaryNotification(Notification notification) {
    Counter counter =
        notification.error().equals(BgpError.UNSUPPORTED_VERSION_NUMBER)
            ? Counter.KEEP // event 24
            : Counter.INCREMENT;
    ConnectionId closing = connection();
    disconnect(closing);
    connection = null;
    if (state == FsmState.CONNECT || state == FsmState.ACTIVE) {
      goIdle(counter, counter == Counter.INCREMENT);
    } else {
      lose(closing, DownReason.received(notification), counter);
    }
  }

  /** Events 21, 22 and 28, and a ROUTE-REFRESH Message Error. */
  private void primaryMessageError(Notification error) {
    Optional<MessageType> type = typeOf(error);
    boolean headerOrOpen = type.isEmpty() || type.get().equals(MessageType.OPEN);
    switch (state) {
      case CONNECT, ACTIVE -> {
        if (headerOrOpen) {
          closeBeforeOpen(connection(), error);
          connection = null;
          goIdle(Counter.INCREMENT, true);
        } else {
          failBeforeOpen(type.get());
        }
      }
      case OPEN_SENT, OPEN_CONFIRM -> failPrimary(headerOrOpen ? error : unexpected(type.get()));
      default -> {
        boolean open = type.isPresent() && type.get().equals(MessageType.OPEN);
        failPrimary(open ? unexpected(MessageType.OPEN) : error);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The second connection (RFC 4271 section 6.8); it always has our OPEN and awaits the peer's

  private void onCandidate(FsmEvent.ConnectionEvent event) {
    if (event instanceof FsmEvent.TcpFailed) {
      candidate = null;
      stop(Timer.COLLISION_HOLD);
    } else if (event instanceof FsmEvent.OpenReceived open) {
      candidateOpen(open.open());
    } else if (event instanceof FsmEvent.KeepaliveReceived) {
      closeCandidate(unexpectedInOpenSent(MessageType.KEEPALIVE));
    } else if (event instanceof FsmEvent.UpdateReceived) {
      closeCandidate(unexpectedInOpenSent(MessageType.UPDATE));
    } else if (event instanceof FsmEvent.RouteRefreshReceived) {
      closeCandidate(unexpectedInOpenSent(MessageType.ROUTE_REFRESH));
    } else if (event instanceof FsmEvent.NotificationReceived) {
      disconnect(candidate());
      candidate = null;
      stop(Timer.COLLISION_HOLD);
    } else if (event instanceof FsmEvent.MessageError error) {
      Optional<MessageType> type = typeOf(error.error());
      boolean headerOrOpen = type.isEmpty() || type.get().equals(MessageType.OPEN);
      closeCandidate(headerOrOpen ? error.error() : unexpectedInOpenSent(type.get()));
    }
  }

  private void candidateOpen(Open open) {
    Optional<Notification> error = checkOpen(open);
    if (error.isPresent()) {
      closeCandidate(error.get());
      return;
    }
    if (state != FsmState.ESTABLISHED) {
      if (keepsPrimary(open)) {
        closeCandidate(COLLISION);
      } else {
        dropPrimaryForCandidate();
        acceptOpen(open);
      }
      return;
    }
    ConnectionId old = connection();
    if (bothAdvertiseGracefulRestart()) {
      // RFC 4724 section 4.2: the peer restarted; close the old connection, keep the new one.
      disconnect(old);
      action(new FsmAction.SessionDown(old, DownReason.peerRestarted()));
    } else if (config.collisionDetectEstablishedState() && !keepsPrimary(open)) {
      send(old, COLLISION);
      disconnect(old);
      action(new FsmAction.SessionDown(old, DownReason.sent(COLLISION)));
    } else {
      closeCandidate(COLLISION); // RFC 4271 section 6.8: the established connection stays
      return;
    }
    connection = null;
    promoteCandidate();
    acceptOpen(open);
  }

  /**
   * Whether the connection of the session survives a collision with the candidate, given the peer's
   * OPEN (RFC 4271 section 6.8): the connection initiated by the speaker with the higher BGP
   * identifier survives; with equal identifiers, the one with the higher AS (RFC 6286 section 2.3).
   * Two connections initiated by the same side are no collision: the newer one replaces the older.
   */
  private boolean keepsPrimary(Open peer) {
    ConnectionId primary = connection();
    if (primary.direction() == candidate().direction()) {
      return false;
    }
    Open local = config.localOpen();
    int byIdentifier =
        Integer.compareUnsigned(
            local.bgpIdentifier().toIpv4Bits(), peer.bgpIdentifier().toIpv4Bits());
    boolean localWins = byIdentifier != 0 ? byIdentifier > 0 : local.asn() > peer.asn();
    ConnectionId.Direction survivor =
        localWins ? ConnectionId.Direction.OUTBOUND : ConnectionId.Direction.INBOUND;
    return primary.direction() == survivor;
  }

  private boolean bothAdvertiseGracefulRestart() {
    return !received().capabilities(GracefulRestartCapability.class).isEmpty()
        && !config.localOpen().capabilities(GracefulRestartCapability.class).isEmpty();
  }

  /** Closes the connection of the session (not established) for the candidate, which stays. */
  private void dropPrimaryForCandidate() {
    ConnectionId old = connection();
    send(old, COLLISION);
    disconnect(old);
    connection = null;
    promoteCandidate();
  }

  /** The candidate becomes the connection of the session, in OpenSent: it has our OPEN. */
  private void promoteCandidate() {
    connection = candidate();
    candidate = null;
    received = null;
    holdTime = 0;
    deadlines[Timer.HOLD.ordinal()] = deadlines[Timer.COLLISION_HOLD.ordinal()];
    stop(Timer.COLLISION_HOLD);
    stop(Timer.KEEPALIVE);
    state = FsmState.OPEN_SENT;
  }

  private void closeCandidate(Notification notification) {
    ConnectionId closing = candidate();
    send(closing, notification);
    disconnect(closing);
    candidate = null;
    stop(Timer.COLLISION_HOLD);
  }

  // ---------------------------------------------------------------------------------------------
  // Timers

  /** Event 9: Connect tries again; Active starts trying. */
  private void connectRetryExpired() {
    cancelPendingOutbound();
    connectOutbound();
    state = FsmState.CONNECT;
  }

  /** Event 12. */
  private void delayOpenExpired() {
    sendOpen();
  }

  // ---------------------------------------------------------------------------------------------
  // Building blocks

  /**
   * RFC 4271 section 6.2 and RFC 6286: version 4, the configured peer AS, a hold time of 0 or at
   * least the minimum (never 1 or 2), and a BGP identifier that is not 0 and, from an internal
   * peer, not ours; then the configured check.
   */
  private Optional<Notification> checkOpen(Open open) {
    if (open.version() != Open.VERSION) {
      return Optional.of(
          new Notification(
              BgpError.UNSUPPORTED_VERSION_NUMBER, Octets.copyOf(new byte[] {0, Open.VERSION})));
    }
    Open local = config.localOpen();
    if (config.peerAs().isPresent() && config.peerAs().getAsLong() != open.asn()) {
      return Optional.of(Notification.of(BgpError.BAD_PEER_AS));
    }
    if (open.holdTime() != 0 && open.holdTime() < config.minimumHoldTime()) {
      return Optional.of(Notification.of(BgpError.UNACCEPTABLE_HOLD_TIME));
    }
    int identifier = open.bgpIdentifier().toIpv4Bits();
    boolean internal = open.asn() == local.asn();
    if (identifier == 0 || (internal && identifier == local.bgpIdentifier().toIpv4Bits())) {
      return Optional.of(Notification.of(BgpError.BAD_BGP_IDENTIFIER));
    }
    return config.openCheck().check(open);
  }

  /** OpenSent (or a delayed OPEN) on a valid OPEN: KEEPALIVE, negotiated timers, OpenConfirm. */
  private void acceptOpen(Open open) {
    received = open;
    holdTime = Math.min(config.localOpen().holdTime(), open.holdTime());
    send(connection(), Keepalive.INSTANCE);
    stop(Timer.CONNECT_RETRY);
    if (holdTime == 0) {
      stop(Timer.HOLD);
      stop(Timer.KEEPALIVE);
    } else {
      restartHold();
      armKeepalive();
    }
    state = FsmState.OPEN_CONFIRM;
  }

  private void sendOpen() {
    send(connection(), config.localOpen());
    arm(Timer.HOLD, config.largeHoldTime().toNanos());
    state = FsmState.OPEN_SENT;
  }

  /** Sends {@code notification} and closes the session's connection; see {@link #lose}. */
  private void failPrimary(Notification notification) {
    ConnectionId closing = connection();
    send(closing, notification);
    disconnect(closing);
    connection = null;
    lose(closing, DownReason.sent(notification), Counter.INCREMENT);
  }

  /**
   * The connection of the session is gone: the session is down if it was established, and the
   * candidate takes over if there is one; else Idle.
   */
  private void lose(ConnectionId lost, DownReason reason, Counter counter) {
    if (state == FsmState.ESTABLISHED) {
      if (now - establishedAt >= config.dampingForgetTime().toNanos()) {
        consecutiveFailures = 0;
      }
      action(new FsmAction.SessionDown(lost, reason));
    }
    received = null;
    holdTime = 0;
    if (candidate != null) {
      promoteCandidate();
    } else {
      goIdle(counter, counter == Counter.INCREMENT);
    }
  }

  /** An unexpected message in Connect or Active, on the connection held for DelayOpen. */
  private void failBeforeOpen(MessageType type) {
    closeBeforeOpen(connection(), unexpected(type));
    connection = null;
    goIdle(Counter.INCREMENT, true);
  }

  /** Closes {@code id} before our OPEN went out: the NOTIFICATION only if configured so. */
  private void closeBeforeOpen(ConnectionId id, Notification notification) {
    if (config.sendNotificationWithoutOpen()) {
      send(id, notification);
    }
    disconnect(id);
  }

  /**
   * Idle: every timer stops and every connection is closed. After a failure the ConnectRetry and
   * damping counters grow; a started machine that may restart itself arms the idle hold timer.
   */
  private void goIdle(Counter counter, boolean failure) {
    cancelPendingOutbound();
    connection = null;
    received = null;
    holdTime = 0;
    Arrays.fill(deadlines, NEVER);
    state = FsmState.IDLE;
    switch (counter) {
      case RESET -> connectRetryCounter = 0;
      case INCREMENT -> connectRetryCounter++;
      case KEEP -> {}
    }
    if (failure) {
      consecutiveFailures++;
    }
    if (started && config.allowAutomaticStart()) {
      arm(Timer.IDLE_HOLD, idleHoldTime());
    }
  }

  /**
   * The idle hold time: the configured one, doubled for each consecutive failure after the first
   * when damping, up to the maximum.
   */
  private long idleHoldTime() {
    long first = config.idleHoldTime().toNanos();
    long longest = config.maxIdleHoldTime().toNanos();
    if (!config.dampPeerOscillations() || consecutiveFailures <= 1) {
      return first;
    }
    int doublings = consecutiveFailures - 1;
    if (doublings >= Long.numberOfLeadingZeros(first) - 1) {
      return longest;
    }
    return Math.min(first << doublings, longest);
  }

  private void connectOutbound() {
    ConnectionId id = ConnectionId.outbound(nextOutboundSerial++);
    pendingOutbound = id;
    action(new FsmAction.Connect(id));
    armConnectRetry();
  }

  private void cancelPendingOutbound() {
    if (pendingOutbound != null) {
      disconnect(pendingOutbound);
      pendingOutbound = null;
    }
  }

  private void armConnectRetry() {
    if (config.connectMode() != FsmConfig.ConnectMode.LISTEN_ONLY) {
      arm(Timer.CONNECT_RETRY, jittered(config.connectRetryTime().toNanos()));
    }
  }

  private void armKeepalive() {
    if (holdTime > 0) {
      arm(Timer.KEEPALIVE, jittered(holdTime * 1_000_000_000L / 3));
    }
  }

  private void restartHold() {
    if (holdTime > 0) {
      arm(Timer.HOLD, holdTime * 1_000_000_000L);
    }
  }

  private void arm(Timer timer, long nanos) {
    deadlines[timer.ordinal()] = now + nanos;
  }

  private void stop(Timer timer) {
    deadlines[timer.ordinal()] = NEVER;
  }

  /**
   * {@code nanos} shortened by a uniformly random 0 to 25% (RFC 4271 section 10), drawn from a
   * SplitMix64 sequence kept in the machine so that the machine stays a pure function.
   */
  private long jittered(long nanos) {
    if (!config.jitter()) {
      return nanos;
    }
    jitterState += 0x9E37_79B9_7F4A_7C15L;
    long z = jitterState;
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    z ^= z >>> 31;
    double uniform = (z >>> 11) * 0x1.0p-53;
    return nanos - (long) (nanos * 0.25 * uniform);
  }

  /** The RFC 6608 Finite State Machine Error for an unexpected {@code type} in this state. */
  private Notification unexpected(MessageType type) {
    return switch (state) {
      case OPEN_SENT -> unexpectedInOpenSent(type);
      case OPEN_CONFIRM -> fsmError(BgpError.UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM, type);
      case ESTABLISHED -> fsmError(BgpError.UNEXPECTED_MESSAGE_IN_ESTABLISHED, type);
      default -> Notification.of(BgpError.FINITE_STATE_MACHINE_ERROR);
    };
  }

  private static Notification unexpectedInOpenSent(MessageType type) {
    return fsmError(BgpError.UNEXPECTED_MESSAGE_IN_OPEN_SENT, type);
  }

  /** RFC 6608 section 3: the data is the type of the unexpected message, one octet. */
  private static Notification fsmError(BgpError error, MessageType type) {
    return new Notification(error, Octets.copyOf(new byte[] {(byte) type.code()}));
  }

  /** The message type a decode error is about; empty for a header error. */
  private static Optional<MessageType> typeOf(Notification error) {
    ErrorCode code = error.error().code();
    if (code.equals(ErrorCode.OPEN_MESSAGE_ERROR)) {
      return Optional.of(MessageType.OPEN);
    }
    if (code.equals(ErrorCode.UPDATE_MESSAGE_ERROR)) {
      return Optional.of(MessageType.UPDATE);
    }
    if (code.equals(ErrorCode.ROUTE_REFRESH_MESSAGE_ERROR)) {
      return Optional.of(MessageType.ROUTE_REFRESH);
    }
    return Optional.empty();
  }

  private void send(ConnectionId id, BgpMessage message) {
    action(new FsmAction.Send(id, message));
  }

  private void disconnect(ConnectionId id) {
    action(new FsmAction.Disconnect(id));
  }

  private ConnectionId connection() {
    if (connection == null) {
      throw new IllegalStateException("no connection in " + state);
    }
    return connection;
  }

  private ConnectionId candidate() {
    if (candidate == null) {
      throw new IllegalStateException("no collision candidate in " + state);
    }
    return candidate;
  }

  private Open received() {
    if (received == null) {
      throw new IllegalStateException("no OPEN received in " + state);
    }
    return received;
  }
}
