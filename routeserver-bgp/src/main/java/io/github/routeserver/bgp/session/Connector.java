package io.github.routeserver.bgp.session;

import io.github.routeserver.bgp.fsm.ConnectionId;

/** How a session asks the host to open and abandon outbound TCP connections to its peer. */
public interface Connector {
  /**
   * Opens a TCP connection to the peer; the host reports the result with {@link
   * BgpSession#connected} or {@link BgpSession#connectFailed} under {@code connection}.
   */
  void connect(ConnectionId connection);

  /** Abandons the attempt {@code connection}; the host reports nothing more about it. */
  void cancel(ConnectionId connection);
}
