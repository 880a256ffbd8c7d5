package io.github.routeserver.bgp.fsm;

/** The six states of the BGP finite state machine (RFC 4271 section 8.2.2). */
public enum FsmState {
  /** Refuses connections; waits for a start event or for the idle hold timer to restart it. */
  IDLE,
  /** Waits for the outbound TCP connection it initiated to complete. */
  CONNECT,
  /** Listens for the peer to connect; initiates a connection when the connect retry timer fires. */
  ACTIVE,
  /** Has sent its OPEN and waits for the peer's. */
  OPEN_SENT,
  /** Has both OPENs and waits for the KEEPALIVE that acknowledges its own. */
  OPEN_CONFIRM,
  /** Exchanges UPDATE, KEEPALIVE and NOTIFICATION messages with the peer. */
  ESTABLISHED
}
