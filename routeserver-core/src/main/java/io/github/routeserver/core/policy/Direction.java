package io.github.routeserver.core.policy;

/** Which way a route crosses a session when a policy sees it (RFC 4271 section 9.1). */
public enum Direction {
  /** A route received from a peer, before it enters the Adj-RIB-In (section 9.1.1). */
  IMPORT,
  /** A route selected for a peer, before it enters that peer's Adj-RIB-Out (section 9.1.3). */
  EXPORT
}
