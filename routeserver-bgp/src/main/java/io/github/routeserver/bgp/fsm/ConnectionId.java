package io.github.routeserver.bgp.fsm;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Names one TCP connection of a peer. The machine numbers the connections it initiates ({@link
 * Direction#OUTBOUND}); the host numbers the connections the peer initiates ({@link
 * Direction#INBOUND}). The direction is what connection collision resolution (RFC 4271 section 6.8)
 * keeps or closes.
 *
 * @param direction who initiated the connection
 * @param serial a number that no other connection of the same direction and peer has had
 */
public record ConnectionId(Direction direction, long serial) {
  /** Validates the serial. */
  public ConnectionId {
    checkArgument(serial >= 0, "serial: %s (expected: 0 or more)", serial);
  }

  /** A connection the peer initiated, numbered {@code serial}. */
  public static ConnectionId inbound(long serial) {
    return new ConnectionId(Direction.INBOUND, serial);
  }

  /** A connection this speaker initiated, numbered {@code serial}. */
  public static ConnectionId outbound(long serial) {
    return new ConnectionId(Direction.OUTBOUND, serial);
  }

  /** {@code in#3} or {@code out#1}. */
  @Override
  public String toString() {
    return (direction == Direction.INBOUND ? "in#" : "out#") + serial;
  }

  /** Who initiated a TCP connection. */
  public enum Direction {
    /** This speaker connected to the peer. */
    OUTBOUND,
    /** The peer connected to this speaker. */
    INBOUND
  }
}
