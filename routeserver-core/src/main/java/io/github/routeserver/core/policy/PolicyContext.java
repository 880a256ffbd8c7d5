package io.github.routeserver.core.policy;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.core.net.IpAddress;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a route is when a policy evaluates it: the direction, the peer it came from, the peer it
 * goes to (export only), our AS and our address on the session. Immutable; an engine builds one per
 * (from, to) pair and reuses it for every route between them.
 *
 * <p>"The session" is the BGP session the evaluation is for: the one with {@link #from()} on import
 * and the one with {@link #to()} on export ({@link #sessionPeer()}). {@link #localAddress()} is our
 * end of it, which is what next-hop-self sets.
 */
public final class PolicyContext {
  private final Direction direction;
  private final long localAsn;
  private final IpAddress localAddress;
  private final PeerInfo from;
  private final @Nullable PeerInfo to;

  private PolicyContext(
      Direction direction,
      long localAsn,
      IpAddress localAddress,
      PeerInfo from,
      @Nullable PeerInfo to) {
    checkArgument(
        localAsn >= 0 && localAsn <= 0xFFFF_FFFFL,
        "localAsn: %s (expected: 0 to 4294967295)",
        localAsn);
    this.direction = direction;
    this.localAsn = localAsn;
    this.localAddress = localAddress;
    this.from = from;
    this.to = to;
  }

  /** The context of a route received from {@code from}, before it enters the Adj-RIB-In. */
  public static PolicyContext importing(long localAsn, IpAddress localAddress, PeerInfo from) {
    return new PolicyContext(Direction.IMPORT, localAsn, localAddress, from, null);
  }

  /**
   * The context of a route learned from {@code from} (a peer, or a descriptor of ourselves for
   * locally originated routes) on its way to {@code to}.
   */
  public static PolicyContext exporting(
      long localAsn, IpAddress localAddress, PeerInfo from, PeerInfo to) {
    return new PolicyContext(Direction.EXPORT, localAsn, localAddress, from, to);
  }

  /** Whether the route is being imported or exported. */
  public Direction direction() {
    return direction;
  }

  /** Our AS (unsigned 32-bit). */
  public long localAsn() {
    return localAsn;
  }

  /** Our address on the session: what next-hop-self sets. */
  public IpAddress localAddress() {
    return localAddress;
  }

  /** The peer the route was learned from. */
  public PeerInfo from() {
    return from;
  }

  /** The peer the route is exported to; empty on import. */
  public Optional<PeerInfo> to() {
    return Optional.ofNullable(to);
  }

  /** {@link #to()} without the {@link Optional}, for matchers on the hot path. */
  @Nullable PeerInfo toOrNull() {
    return to;
  }

  /**
   * The peer at the other end of the session: {@link #from()} on import, {@link #to()} on export.
   */
  public PeerInfo sessionPeer() {
    return to != null ? to : from;
  }

  /** Whether the session is external (eBGP): the session peer's AS differs from ours. */
  public boolean isExternalSession() {
    return sessionPeer().asn() != localAsn;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PolicyContext c
        && c.direction == direction
        && c.localAsn == localAsn
        && c.localAddress.equals(localAddress)
        && c.from.equals(from)
        && Objects.equals(c.to, to);
  }

  @Override
  public int hashCode() {
    return Objects.hash(direction, localAsn, localAddress, from, to);
  }

  /**
   * For example {@code export from 10.1.0.4 AS65001 to 10.1.0.5 AS65002 (local AS65515 10.0.1.4)}.
   */
  @Override
  public String toString() {
    return (direction == Direction.IMPORT
            ? "import from " + from
            : "export from " + from + " to " + to)
        + " (local AS"
        + localAsn
        + " "
        + localAddress
        + ")";
  }
}
