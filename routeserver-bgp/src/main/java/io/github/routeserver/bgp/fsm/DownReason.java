package io.github.routeserver.bgp.fsm;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.bgp.wire.Notification;
import java.util.Optional;

/**
 * Why a session left Established. What graceful restart keeps depends on it: RFC 4724 section 4.2
 * keeps a peer's routes when the TCP session ends without a NOTIFICATION, or when the peer opens a
 * new connection while the old one still looks established.
 *
 * @param kind what happened
 * @param notification the NOTIFICATION sent or received, for those two kinds
 */
public record DownReason(Kind kind, Optional<Notification> notification) {
  /** Checks that a notification is present exactly for the two kinds that have one. */
  public DownReason {
    boolean needsOne = kind == Kind.NOTIFICATION_SENT || kind == Kind.NOTIFICATION_RECEIVED;
    checkArgument(
        notification.isPresent() == needsOne,
        "notification: %s (expected: present exactly when %s sends or receives one)",
        notification,
        kind);
  }

  /** This speaker sent {@code notification} (an error it found, a hold timer expiry, a stop). */
  public static DownReason sent(Notification notification) {
    return new DownReason(Kind.NOTIFICATION_SENT, Optional.of(notification));
  }

  /** The peer sent {@code notification}. */
  public static DownReason received(Notification notification) {
    return new DownReason(Kind.NOTIFICATION_RECEIVED, Optional.of(notification));
  }

  /** The TCP connection failed or was closed without a NOTIFICATION. */
  public static DownReason connectionLost() {
    return new DownReason(Kind.CONNECTION_LOST, Optional.empty());
  }

  /** The peer opened a new connection and was let in by RFC 4724 section 4.2. */
  public static DownReason peerRestarted() {
    return new DownReason(Kind.PEER_RESTARTED, Optional.empty());
  }

  /** {@code NOTIFICATION_SENT NOTIFICATION HOLD_TIMER_EXPIRED (4/0)}, or the kind alone. */
  @Override
  public String toString() {
    return kind + notification.map(n -> " " + n).orElse("");
  }

  /** What ended the session. */
  public enum Kind {
    /** This speaker sent a NOTIFICATION and closed the connection. */
    NOTIFICATION_SENT,
    /** The peer sent a NOTIFICATION. */
    NOTIFICATION_RECEIVED,
    /** The connection ended without a NOTIFICATION. */
    CONNECTION_LOST,
    /**
     * The peer connected again and sent an OPEN while the session was established, and both sides
     * advertised graceful restart: the old connection was closed (RFC 4724 section 4.2).
     */
    PEER_RESTARTED
  }
}
