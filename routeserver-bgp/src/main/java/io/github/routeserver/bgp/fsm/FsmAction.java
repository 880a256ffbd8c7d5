package io.github.routeserver.bgp.fsm;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Open;

/**
 * An output of the state machine: what the host does, in list order, after a transition. Timers are
 * not actions: they are deadlines in the machine's state (see {@link BgpFsm#nextDeadline()}).
 */
public sealed interface FsmAction {
  /**
   * Initiate a TCP connection to the peer and report it with {@link FsmEvent.TcpConnected} or
   * {@link FsmEvent.TcpFailed} under {@code connection}.
   *
   * @param connection the outbound connection's name
   */
  record Connect(ConnectionId connection) implements FsmAction {
    /** Checks that the connection is outbound. */
    public Connect {
      checkArgument(
          connection.direction() == ConnectionId.Direction.OUTBOUND,
          "connection: %s (expected: outbound)",
          connection);
    }
  }

  /**
   * Send {@code message} on {@code connection}.
   *
   * @param connection the connection
   * @param message the message
   */
  record Send(ConnectionId connection, BgpMessage message) implements FsmAction {}

  /**
   * Close {@code connection} once what was sent on it is written, or abandon the connection
   * attempt. The host reports no {@link FsmEvent.TcpFailed} for it.
   *
   * @param connection the connection
   */
  record Disconnect(ConnectionId connection) implements FsmAction {}

  /**
   * The session reached Established (RFC 4271 section 8.2.2, OpenConfirm on KEEPALIVE): routes may
   * now be exchanged on {@code connection}.
   *
   * @param connection the connection the session runs on
   * @param received the peer's OPEN
   * @param holdTime the negotiated hold time in seconds: the smaller of both, 0 for no keepalives
   */
  record Established(ConnectionId connection, Open received, int holdTime) implements FsmAction {}

  /**
   * The session left Established: the routes learned on it are no longer current (RFC 4271 "deletes
   * all routes associated with this connection", unless graceful restart keeps them).
   *
   * @param connection the connection the session ran on
   * @param reason why
   */
  record SessionDown(ConnectionId connection, DownReason reason) implements FsmAction {}
}
