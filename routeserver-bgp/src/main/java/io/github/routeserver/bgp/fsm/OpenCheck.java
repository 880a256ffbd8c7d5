package io.github.routeserver.bgp.fsm;

import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import java.util.Optional;

/**
 * A check of the peer's OPEN beyond those of RFC 4271 section 6.2 that the machine makes itself
 * (version, peer AS, hold time, BGP identifier): for example capability negotiation, which refuses
 * a role mismatch (RFC 9234 section 4.2). Must be a pure function of the OPEN.
 */
@FunctionalInterface
public interface OpenCheck {
  /** Accepts every OPEN. */
  OpenCheck NONE = received -> Optional.empty();

  /**
   * The OPEN Message Error NOTIFICATION that refuses {@code received}, or empty to accept it.
   *
   * @param received the peer's OPEN, which passed the RFC 4271 checks
   */
  Optional<Notification> check(Open received);
}
