package io.github.routeserver.bgp.fsm;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.bgp.wire.ErrorCode;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;

/**
 * An input of the state machine (RFC 4271 section 8.1). Timer events (8.1.3) are not here: the
 * machine raises them itself in {@link BgpFsm#onTime(long)}. Which of the optional variants an
 * administrative event stands for depends on the {@link FsmConfig}: {@link ManualStart} is event 1
 * or 4 (passive), {@link AutomaticStart} is event 3, 5, 6 or 7 (passive, damped).
 *
 * <p>TcpConnection_Valid and Tcp_CR_Invalid (events 14 and 15) are not modelled: a host that sees a
 * connection from an unknown address closes it before it reaches a machine (TrackTcpState is off).
 */
public sealed interface FsmEvent {
  /** ManualStart (event 1), or ManualStart_with_PassiveTcpEstablishment (event 4). */
  record ManualStart() implements FsmEvent {}

  /**
   * AutomaticStart (event 3) or its passive and damped variants (events 5, 6 and 7). Ignored when
   * the configuration does not allow automatic start, and while the idle hold timer runs.
   */
  record AutomaticStart() implements FsmEvent {}

  /**
   * ManualStop (event 2): the operator stops the session. The machine stays in Idle until the next
   * start.
   *
   * @param cease the Cease NOTIFICATION to send if a session is open, for example an RFC 9003
   *     Administrative Shutdown with a shutdown communication
   */
  record ManualStop(Notification cease) implements FsmEvent {
    /** Checks that {@code cease} is a Cease. */
    public ManualStop {
      checkCease(cease);
    }
  }

  /**
   * AutomaticStop (event 8): the local system stops the session, for example because the peer sent
   * more prefixes than allowed. The machine restarts itself after the idle hold time when automatic
   * start is allowed.
   *
   * @param cease the Cease NOTIFICATION to send, for example Maximum Number of Prefixes Reached
   */
  record AutomaticStop(Notification cease) implements FsmEvent {
    /** Checks that {@code cease} is a Cease. */
    public AutomaticStop {
      checkCease(cease);
    }
  }

  /**
   * Tcp_CR_Acked (event 16) for an {@link ConnectionId.Direction#OUTBOUND outbound} connection the
   * machine asked for with {@link FsmAction.Connect}, TcpConnectionConfirmed (event 17) for an
   * {@link ConnectionId.Direction#INBOUND inbound} one.
   *
   * @param connection the connection that is now open
   */
  record TcpConnected(ConnectionId connection) implements ConnectionEvent {}

  /**
   * TcpConnectionFails (event 18): the connection closed, was reset, or could not be opened.
   *
   * @param connection the connection
   */
  record TcpFailed(ConnectionId connection) implements ConnectionEvent {}

  /**
   * BGPOpen (event 19), or event 20 when the delay open timer runs: an OPEN arrived. The machine
   * checks it (RFC 4271 section 6.2) and raises BGPOpenMsgErr (event 22) itself when it fails.
   *
   * @param connection the connection it arrived on
   * @param open the message
   */
  record OpenReceived(ConnectionId connection, Open open) implements ConnectionEvent {}

  /**
   * KeepAliveMsg (event 26).
   *
   * @param connection the connection it arrived on
   */
  record KeepaliveReceived(ConnectionId connection) implements ConnectionEvent {}

  /**
   * UpdateMsg (event 27): an UPDATE arrived, valid or with errors that RFC 7606 lets the session
   * survive.
   *
   * @param connection the connection it arrived on
   */
  record UpdateReceived(ConnectionId connection) implements ConnectionEvent {}

  /**
   * A ROUTE-REFRESH arrived (RFC 2918). Not an RFC 4271 event: expected only in Established, an
   * unexpected message elsewhere (RFC 6608).
   *
   * @param connection the connection it arrived on
   */
  record RouteRefreshReceived(ConnectionId connection) implements ConnectionEvent {}

  /**
   * NotifMsgVerErr (event 24) when the error is Unsupported Version Number, NotifMsg (event 25)
   * otherwise. The machine never answers a NOTIFICATION with one.
   *
   * @param connection the connection it arrived on
   * @param notification the message
   */
  record NotificationReceived(ConnectionId connection, Notification notification)
      implements ConnectionEvent {}

  /**
   * A message that failed to decode in a way that resets the session: BGPHeaderErr (event 21) for a
   * Message Header Error, BGPOpenMsgErr (event 22) for an OPEN Message Error, UpdateMsgErr (event
   * 28) for an UPDATE Message Error, and a ROUTE-REFRESH Message Error (RFC 7313). The machine
   * sends {@code error}, or the RFC 6608 Finite State Machine Error when the message was not
   * expected in the current state.
   *
   * @param connection the connection it arrived on
   * @param error the NOTIFICATION the decoder prescribes
   */
  record MessageError(ConnectionId connection, Notification error) implements ConnectionEvent {
    /** Checks that {@code error} is one a decoder reports. */
    public MessageError {
      ErrorCode code = error.error().code();
      checkArgument(
          code.equals(ErrorCode.MESSAGE_HEADER_ERROR)
              || code.equals(ErrorCode.OPEN_MESSAGE_ERROR)
              || code.equals(ErrorCode.UPDATE_MESSAGE_ERROR)
              || code.equals(ErrorCode.ROUTE_REFRESH_MESSAGE_ERROR),
          "error: %s (expected: a message header, OPEN, UPDATE or ROUTE-REFRESH error)",
          error);
    }
  }

  /**
   * This speaker sent an UPDATE: RFC 4271 section 10 restarts the keepalive timer on every
   * KEEPALIVE or UPDATE sent, so a busy session sends no extra KEEPALIVEs.
   *
   * @param connection the connection it was sent on
   */
  record UpdateSent(ConnectionId connection) implements ConnectionEvent {}

  /**
   * The host has held back, or is holding back, reading from the connection for its own flow
   * control (its route engine was busy), so what the peer sent may be waiting unread: in
   * Established the hold timer restarts, as a message received restarts it. Not an RFC 4271 event:
   * RFC 4271 has no local flow control, and a peer must not lose its session because this speaker
   * stopped reading (BIRD likewise restarts its hold timer, instead of expiring it, while input
   * waits in its socket: {@code bgp_hold_timeout}).
   *
   * @param connection the connection not read
   */
  record ReadingHeldBack(ConnectionId connection) implements ConnectionEvent {}

  /** An event about one connection. */
  sealed interface ConnectionEvent extends FsmEvent {
    /** The connection the event concerns. */
    ConnectionId connection();
  }

  private static void checkCease(Notification cease) {
    checkArgument(
        cease.error().code().equals(ErrorCode.CEASE),
        "cease: %s (expected: a Cease NOTIFICATION)",
        cease);
  }
}
