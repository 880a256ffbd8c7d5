package io.github.routeserver.netty;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.bgp.session.SessionConfig;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.net.IpAddress;
import java.util.Optional;

/**
 * How to run one configured peer over TCP: what the route server knows of it, its BGP session
 * settings (hold time, families, graceful restart, prefix limits, whether we connect or wait:
 * {@link io.github.routeserver.bgp.fsm.FsmConfig.ConnectMode}), the port it listens on when we
 * connect, the local address our connections come from, and an optional TCP MD5 password (RFC
 * 2385).
 *
 * @param peer what the route server knows of the peer
 * @param session the BGP session settings; its peer must be {@code peer}'s address
 * @param port the peer's TCP port, for connections we open (179 normally)
 * @param localAddress the address our connections to the peer come from (empty: the OS chooses)
 * @param md5Password the TCP MD5 key, if the session is signed
 */
public record PeerEndpoint(
    PeerConfig peer,
    SessionConfig session,
    int port,
    Optional<IpAddress> localAddress,
    Optional<String> md5Password) {
  /** Validates the endpoint. */
  public PeerEndpoint {
    checkArgument(
        session.peer().equals(peer.id()),
        "session: peer %s (expected: %s)",
        session.peer(),
        peer.id());
    checkArgument(port > 0 && port <= 0xFFFF, "port: %s (expected: 1 to 65535)", port);
    md5Password.ifPresent(
        p -> checkArgument(p.length() >= 1 && p.length() <= 80, "md5Password: 1 to 80 characters"));
  }

  /** An endpoint on port {@code port}, from an address the OS chooses, without TCP MD5. */
  public static PeerEndpoint of(PeerConfig peer, SessionConfig session, int port) {
    return new PeerEndpoint(peer, session, port, Optional.empty(), Optional.empty());
  }

  @Override
  public String toString() {
    // Never the password.
    return "PeerEndpoint["
        + peer.name()
        + " "
        + peer.id()
        + ":"
        + port
        + (md5Password.isPresent() ? " md5" : "")
        + "]";
  }
}
