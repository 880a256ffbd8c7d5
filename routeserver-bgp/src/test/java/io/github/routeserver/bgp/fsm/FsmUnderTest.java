package io.github.routeserver.bgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.ErrorCode;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.MessageType;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.Open;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A machine under a property test, with an independent model of what RFC 4271 and RFC 6608 allow on
 * each connection: every transition is checked against it as it happens.
 */
final class FsmUnderTest {
  /** What the machine has done on one connection so far. */
  private static final class Connection {
    boolean up;
    boolean closed;
    boolean openSent;
    boolean openReceived;
    boolean notificationSent;
    boolean established;
  }

  private final FsmConfig config;
  private BgpFsm fsm;
  private long now;
  private long nextInbound;
  private final Map<ConnectionId, Connection> connections = new HashMap<>();
  private boolean established;
  private final Set<FsmState> visited = EnumSet.of(FsmState.IDLE);

  FsmUnderTest(FsmConfig config) {
    this.config = config;
    this.fsm = BgpFsm.initial(config);
  }

  BgpFsm fsm() {
    return fsm;
  }

  /** The connections the machine holds (pending, primary, candidate), for events to name. */
  List<ConnectionId> liveConnections() {
    Set<ConnectionId> live = new LinkedHashSet<>();
    fsm.pendingOutbound().ifPresent(live::add);
    fsm.connection().ifPresent(live::add);
    fsm.collisionCandidate().ifPresent(live::add);
    return new ArrayList<>(live);
  }

  /** The connections that carry BGP messages (primary and candidate). */
  List<ConnectionId> openConnections() {
    List<ConnectionId> open = new ArrayList<>();
    fsm.connection().ifPresent(open::add);
    fsm.collisionCandidate().ifPresent(open::add);
    return open;
  }

  ConnectionId newInbound() {
    return ConnectionId.inbound(nextInbound++);
  }

  /** Feeds {@code event} and checks what the machine did. */
  FsmUnderTest feed(FsmEvent event) {
    Optional<List<Notification>> expected = expectedNotifications(event);
    BgpFsm before = fsm;
    Transition transition = fsm.on(event, now);
    if (event instanceof FsmEvent.TcpConnected connected) {
      connections.computeIfAbsent(connected.connection(), id -> new Connection()).up = true;
    }
    if (event instanceof FsmEvent.TcpFailed failed
        && connections.containsKey(failed.connection())) {
      connections.get(failed.connection()).closed = true;
    }
    if (event instanceof FsmEvent.OpenReceived open && connections.containsKey(open.connection())) {
      connections.get(open.connection()).openReceived = true;
    }
    check(before, transition, Optional.of(event));
    if (event instanceof FsmEvent.ConnectionEvent onConnection && expected.isPresent()) {
      assertEquals(
          expected.get(),
          FsmDriver.notifications(transition.actions(), onConnection.connection()),
          () -> "NOTIFICATION for " + event + " in " + before + ": " + transition.actions());
    }
    fsm = transition.fsm();
    visited.add(fsm.state());
    return this;
  }

  /** The deepest state the machine reached, for statistics. */
  FsmState deepestState() {
    FsmState deepest = FsmState.IDLE;
    for (FsmState state : visited) {
      deepest = state.compareTo(deepest) > 0 ? state : deepest;
    }
    return deepest;
  }

  /** Moves the clock forward by {@code nanos}, firing timers one deadline at a time. */
  FsmUnderTest advance(long nanos) {
    long until = now + nanos;
    while (fsm.nextDeadline().isPresent() && fsm.nextDeadline().getAsLong() <= until) {
      now = Math.max(now, fsm.nextDeadline().getAsLong());
      BgpFsm before = fsm;
      boolean holdExpires = before.deadline(Timer.HOLD).orElse(Long.MAX_VALUE) <= now;
      Transition transition = fsm.onTime(now);
      check(before, transition, Optional.empty());
      if (holdExpires) {
        ConnectionId primary = before.connection().orElseThrow();
        assertEquals(
            List.of(Notification.of(BgpError.HOLD_TIMER_EXPIRED)),
            FsmDriver.notifications(transition.actions(), primary),
            "hold timer expiry");
      }
      fsm = transition.fsm();
      visited.add(fsm.state());
    }
    now = until;
    return this;
  }

  /**
   * The NOTIFICATIONs the RFCs prescribe on the event's connection, or empty where the outcome
   * depends on more than the event (a valid OPEN may resolve a collision).
   */
  private Optional<List<Notification>> expectedNotifications(FsmEvent event) {
    if (!(event instanceof FsmEvent.ConnectionEvent onConnection)) {
      return Optional.empty();
    }
    ConnectionId id = onConnection.connection();
    FsmState state;
    if (fsm.collisionCandidate().map(id::equals).orElse(false)) {
      state = FsmState.OPEN_SENT; // a candidate has our OPEN and waits for the peer's
    } else if (fsm.connection().map(id::equals).orElse(false)) {
      state = fsm.state();
    } else {
      return Optional.empty();
    }
    boolean beforeOpen = state == FsmState.CONNECT || state == FsmState.ACTIVE;
    Optional<MessageType> type = messageType(event);
    if (event instanceof FsmEvent.NotificationReceived
        || event instanceof FsmEvent.TcpFailed
        || event instanceof FsmEvent.UpdateSent) {
      return Optional.of(List.of());
    }
    if (event instanceof FsmEvent.MessageError error) {
      ErrorCode code = error.error().error().code();
      boolean headerOrOpen =
          code.equals(ErrorCode.MESSAGE_HEADER_ERROR) || code.equals(ErrorCode.OPEN_MESSAGE_ERROR);
      if (state == FsmState.ESTABLISHED) {
        return Optional.of(
            List.of(
                code.equals(ErrorCode.OPEN_MESSAGE_ERROR)
                    ? fsmError(BgpError.UNEXPECTED_MESSAGE_IN_ESTABLISHED, MessageType.OPEN)
                    : error.error()));
      }
      Notification answer = headerOrOpen ? error.error() : unexpected(state, type.orElseThrow());
      return Optional.of(
          beforeOpen && !config.sendNotificationWithoutOpen() ? List.of() : List.of(answer));
    }
    if (event instanceof FsmEvent.OpenReceived) {
      return switch (state) {
        case OPEN_CONFIRM, ESTABLISHED -> Optional.of(List.of(unexpected(state, MessageType.OPEN)));
        default -> Optional.empty();
      };
    }
    boolean expectedHere =
        switch (state) {
          case OPEN_CONFIRM -> type.get().equals(MessageType.KEEPALIVE);
          case ESTABLISHED -> true;
          default -> false;
        };
    if (expectedHere) {
      return Optional.of(List.of());
    }
    return Optional.of(
        beforeOpen && !config.sendNotificationWithoutOpen()
            ? List.of()
            : List.of(unexpected(state, type.get())));
  }

  private static Optional<MessageType> messageType(FsmEvent event) {
    if (event instanceof FsmEvent.KeepaliveReceived) {
      return Optional.of(MessageType.KEEPALIVE);
    }
    if (event instanceof FsmEvent.UpdateReceived) {
      return Optional.of(MessageType.UPDATE);
    }
    if (event instanceof FsmEvent.RouteRefreshReceived) {
      return Optional.of(MessageType.ROUTE_REFRESH);
    }
    if (event instanceof FsmEvent.MessageError error) {
      ErrorCode code = error.error().error().code();
      if (code.equals(ErrorCode.UPDATE_MESSAGE_ERROR)) {
        return Optional.of(MessageType.UPDATE);
      }
      if (code.equals(ErrorCode.ROUTE_REFRESH_MESSAGE_ERROR)) {
        return Optional.of(MessageType.ROUTE_REFRESH);
      }
    }
    return Optional.empty();
  }

  private static Notification unexpected(FsmState state, MessageType type) {
    return switch (state) {
      case OPEN_SENT -> fsmError(BgpError.UNEXPECTED_MESSAGE_IN_OPEN_SENT, type);
      case OPEN_CONFIRM -> fsmError(BgpError.UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM, type);
      case ESTABLISHED -> fsmError(BgpError.UNEXPECTED_MESSAGE_IN_ESTABLISHED, type);
      default -> Notification.of(BgpError.FINITE_STATE_MACHINE_ERROR);
    };
  }

  private static Notification fsmError(BgpError error, MessageType type) {
    return new Notification(error, Octets.copyOf(new byte[] {(byte) type.code()}));
  }

  /** What RFC 4271 allows to be sent, connection by connection, whatever the event. */
  private void check(BgpFsm before, Transition transition, Optional<FsmEvent> event) {
    Set<ConnectionId> notifiedNow = new LinkedHashSet<>();
    for (FsmAction action : transition.actions()) {
      if (action instanceof FsmAction.Connect connect) {
        assertNull(connections.put(connect.connection(), new Connection()), "fresh: " + connect);
      } else if (action instanceof FsmAction.Send send) {
        Connection connection = connections.get(send.connection());
        assertNotNull(connection, "send on an unknown connection: " + send);
        assertTrue(connection.up && !connection.closed, "send on a closed connection: " + send);
        assertFalse(connection.notificationSent, "send after a NOTIFICATION: " + send);
        checkMessage(connection, send.message(), before);
        if (send.message() instanceof Notification) {
          notifiedNow.add(send.connection());
        }
      } else if (action instanceof FsmAction.Disconnect disconnect) {
        Connection connection = connections.get(disconnect.connection());
        if (connection != null) {
          connection.closed = true;
        }
        notifiedNow.remove(disconnect.connection());
      } else if (action instanceof FsmAction.Established up) {
        assertFalse(established, "established twice");
        assertEquals(FsmState.OPEN_CONFIRM, before.state());
        assertTrue(event.orElse(null) instanceof FsmEvent.KeepaliveReceived, "on a KEEPALIVE only");
        established = true;
        connections.get(up.connection()).established = true;
      } else if (action instanceof FsmAction.SessionDown down) {
        assertTrue(established, "down without being up");
        assertTrue(connections.get(down.connection()).established, "down on another connection");
        established = false;
      }
    }
    assertTrue(notifiedNow.isEmpty(), "NOTIFICATION without closing: " + transition.actions());
    assertEquals(
        established, transition.fsm().state() == FsmState.ESTABLISHED, "up iff Established");
  }

  private void checkMessage(Connection connection, BgpMessage message, BgpFsm before) {
    if (message instanceof Open) {
      assertFalse(connection.openSent, "a second OPEN");
      connection.openSent = true;
    } else if (message instanceof Keepalive) {
      assertTrue(connection.openSent && connection.openReceived, "KEEPALIVE before both OPENs");
    } else if (message instanceof Notification) {
      assertTrue(
          connection.openSent || config.sendNotificationWithoutOpen(),
          "NOTIFICATION before OPEN though not allowed");
      connection.notificationSent = true;
    } else {
      fail("the machine sent " + message + " in " + before);
    }
  }

  /** The structure each state implies. */
  void checkStructure() {
    BgpFsm f = fsm;
    boolean connectRetry = f.deadline(Timer.CONNECT_RETRY).isPresent();
    boolean delayOpen = f.deadline(Timer.DELAY_OPEN).isPresent();
    boolean hold = f.deadline(Timer.HOLD).isPresent();
    boolean keepalive = f.deadline(Timer.KEEPALIVE).isPresent();
    assertEquals(
        f.state() == FsmState.IDLE && f.isStarted() && config.allowAutomaticStart(),
        f.deadline(Timer.IDLE_HOLD).isPresent(),
        () -> "idle hold in " + f);
    assertEquals(f.collisionCandidate().isPresent(), f.deadline(Timer.COLLISION_HOLD).isPresent());
    switch (f.state()) {
      case IDLE -> {
        assertTrue(f.connection().isEmpty() && f.pendingOutbound().isEmpty(), f::toString);
        assertTrue(f.collisionCandidate().isEmpty(), f::toString);
        assertFalse(connectRetry || delayOpen || hold || keepalive, f::toString);
      }
      case CONNECT, ACTIVE -> {
        assertTrue(f.collisionCandidate().isEmpty(), f::toString);
        assertFalse(hold || keepalive, f::toString);
        if (f.connection().isPresent()) {
          assertTrue(delayOpen && !connectRetry && f.pendingOutbound().isEmpty(), f::toString);
        } else if (f.state() == FsmState.CONNECT) {
          assertTrue(f.pendingOutbound().isPresent() && connectRetry, f::toString);
        } else {
          assertTrue(f.pendingOutbound().isEmpty(), f::toString);
          assertEquals(
              config.connectMode() != FsmConfig.ConnectMode.LISTEN_ONLY, connectRetry, f::toString);
        }
      }
      case OPEN_SENT -> {
        assertTrue(f.connection().isPresent() && f.received().isEmpty() && hold, f::toString);
        assertFalse(keepalive || delayOpen || connectRetry, f::toString);
      }
      case OPEN_CONFIRM, ESTABLISHED -> {
        assertTrue(f.connection().isPresent() && f.received().isPresent(), f::toString);
        boolean timed = f.negotiatedHoldTime().getAsInt() > 0;
        assertEquals(timed, hold, f::toString);
        assertEquals(timed, keepalive, f::toString);
        assertFalse(delayOpen || connectRetry, f::toString);
      }
    }
    for (ConnectionId id : openConnections()) {
      Connection connection = connections.get(id);
      assertTrue(connection.up && !connection.closed, () -> id + " held but closed in " + f);
    }
  }
}
