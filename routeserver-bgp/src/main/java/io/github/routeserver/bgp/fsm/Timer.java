package io.github.routeserver.bgp.fsm;

/**
 * The timers of the state machine (RFC 4271 section 8, 10). The machine keeps each running timer as
 * a deadline on the host's clock; {@link BgpFsm#nextDeadline()} tells the host when to call {@link
 * BgpFsm#onTime(long)} next.
 */
public enum Timer {
  /** ConnectRetryTimer: when to try the outbound connection again. */
  CONNECT_RETRY,
  /** HoldTimer: when the peer counts as dead without a KEEPALIVE or UPDATE. */
  HOLD,
  /** KeepaliveTimer: when to send the next KEEPALIVE. */
  KEEPALIVE,
  /** DelayOpenTimer: how long to wait for the peer's OPEN before sending ours. */
  DELAY_OPEN,
  /** IdleHoldTimer: how long to stay in Idle before an automatic restart (peer damping). */
  IDLE_HOLD,
  /**
   * The hold timer of a second connection tracked for collision detection (RFC 4271 section 6.8):
   * when it is closed if the peer has sent no OPEN on it.
   */
  COLLISION_HOLD
}
