package io.github.routeserver.netty;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.bgp.session.SessionConfig;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.net.IpAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to run one configured peer over TCP: what the route server knows of it, its BGP session
 * settings (hold time, families, graceful restart, prefix limits, whether we connect or wait:
 * {@link io.github.routeserver.bgp.fsm.FsmConfig.ConnectMode}), the port it listens on when we
 * connect, the local address our connections come from, an optional TCP MD5 password (RFC 2385),
 * and an optional GTSM hop count (RFC 5082).
 *
 * <p>With GTSM the peer must be at most {@code gtsmHops} router hops away: our packets to it leave
 * with TTL (IPv6: hop limit) 255, and the kernel drops its packets that arrive with less than 256 -
 * {@code gtsmHops}, before TCP sees them. The peer must send with TTL 255 too (BIRD: {@code ttl
 * security on}; FRR: {@code neighbor ... ttl-security hops N}). Both MD5 and GTSM need the epoll
 * transport (Linux).
 *
 * @param peer what the route server knows of the peer
 * @param session the BGP session settings; its peer must be {@code peer}'s address
 * @param port the peer's TCP port, for connections we open (179 normally)
 * @param localAddress the address our connections to the peer come from (empty: the OS chooses)
 * @param md5Password the TCP MD5 key, if the session is signed
 * @param gtsmHops how many router hops away the peer may be under GTSM (1: directly connected), or
 *     empty for no GTSM
 */
public record PeerEndpoint(
    PeerConfig peer,
    SessionConfig session,
    int port,
    Optional<IpAddress> localAddress,
    Optional<String> md5Password,
    OptionalInt gtsmHops) {
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
    gtsmHops.ifPresent(
        h -> checkArgument(h >= 1 && h <= 255, "gtsmHops: %s (expected: 1 to 255)", h));
  }

  /** An endpoint without GTSM. */
  public PeerEndpoint(
      PeerConfig peer,
      SessionConfig session,
      int port,
      Optional<IpAddress> localAddress,
      Optional<String> md5Password) {
    this(peer, session, port, localAddress, md5Password, OptionalInt.empty());
  }

  /** An endpoint on port {@code port}, from an address the OS chooses, without TCP MD5. */
  public static PeerEndpoint of(PeerConfig peer, SessionConfig session, int port) {
    return new PeerEndpoint(peer, session, port, Optional.empty(), Optional.empty());
  }

  /** This endpoint with GTSM for a peer at most {@code hops} router hops away (1 to 255). */
  public PeerEndpoint withGtsm(int hops) {
    return new PeerEndpoint(peer, session, port, localAddress, md5Password, OptionalInt.of(hops));
  }

  /**
   * The lowest TTL (IPv6: hop limit) the kernel lets through from the peer under GTSM: 256 minus
   * the hop count (RFC 5082 section 3).
   */
  OptionalInt gtsmMinimumTtl() {
    return gtsmHops.isPresent() ? OptionalInt.of(256 - gtsmHops.getAsInt()) : OptionalInt.empty();
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
        + (gtsmHops.isPresent() ? " gtsm " + gtsmHops.getAsInt() : "")
        + "]";
  }
}
