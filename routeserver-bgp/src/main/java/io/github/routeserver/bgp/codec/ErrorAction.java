package io.github.routeserver.bgp.codec;

/**
 * What a receiver does about an error in an UPDATE (RFC 7606 section 2), from the weakest to the
 * strongest; when an UPDATE has several errors the strongest wins (section 3 g). Errors in other
 * messages always reset the session.
 */
public enum ErrorAction {
  /** The malformed attribute is dropped and the UPDATE otherwise processed. */
  ATTRIBUTE_DISCARD,
  /** Every route the UPDATE announces is handled as withdrawn. */
  TREAT_AS_WITHDRAW,
  /**
   * The routes of one address family learned on the session are dropped and the family is ignored
   * from then on (RFC 4760 section 7); a session that cannot do that resets instead.
   */
  AFI_SAFI_DISABLE,
  /** A NOTIFICATION is sent and the session closed (RFC 4271 section 6). */
  SESSION_RESET
}
