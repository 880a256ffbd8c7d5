package io.github.routeserver.netty.interop;

import io.github.routeserver.core.net.IpAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * How a daemon peers with the route server.
 *
 * @param server the route server's address
 * @param serverPort the port the route server listens on
 * @param serverAsn the route server's AS
 * @param daemonConnects whether the daemon opens the connection (else it waits for ours)
 * @param holdTime the hold time both sides propose, in seconds
 * @param gracefulRestart the restart time the daemon advertises as a restarting speaker (RFC 4724,
 *     forwarding state preserved for both families), or empty to negotiate no graceful restart
 */
record Peering(
    IpAddress server,
    int serverPort,
    long serverAsn,
    boolean daemonConnects,
    int holdTime,
    Optional<Duration> gracefulRestart) {}
