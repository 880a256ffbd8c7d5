package io.github.routeserver.core.route;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.core.net.IpAddress;
import org.jspecify.annotations.Nullable;

/**
 * Where a route was learned: the peer, its AS, its BGP identifier, whether the session is internal
 * (iBGP), and which session of that peer it was. One source is shared by every route of a session;
 * the decision process reads the eBGP-over-iBGP, router-id and peer-address rungs from it, and
 * graceful restart tells the routes of a session that went down (stale) from those of the session
 * that replaced it by the session number.
 *
 * @param peer the neighbour
 * @param asn the neighbour's AS (unsigned 32-bit)
 * @param bgpIdentifier the BGP identifier the neighbour sent in its OPEN
 * @param internal whether the neighbour is in our own AS (iBGP)
 * @param session a number that tells successive sessions with the same peer apart (0 if unused)
 */
public record RouteSource(
    PeerId peer, long asn, IpAddress bgpIdentifier, boolean internal, long session)
    implements Comparable<RouteSource> {

  /** Validates the source. */
  public RouteSource {
    checkArgument(asn >= 0 && asn <= 0xFFFF_FFFFL, "asn: %s (expected: 0 to 4294967295)", asn);
    checkArgument(
        bgpIdentifier.isIpv4(), "bgpIdentifier: %s (expected: an IPv4 address)", bgpIdentifier);
  }

  /** A source of session 0. */
  public RouteSource(PeerId peer, long asn, IpAddress bgpIdentifier, boolean internal) {
    this(peer, asn, bgpIdentifier, internal, 0);
  }

  /**
   * An external peer at {@code address} in {@code asn} whose BGP identifier is its address (IPv4)
   * or 0.0.0.0 (IPv6), session 0.
   */
  public static RouteSource external(String address, long asn) {
    PeerId peer = PeerId.of(address);
    IpAddress id = peer.address().isIpv4() ? peer.address() : IpAddress.ofIpv4(0);
    return new RouteSource(peer, asn, id, false);
  }

  /** This source as seen in another session of the same peer. */
  public RouteSource withSession(long session) {
    return new RouteSource(peer, asn, bgpIdentifier, internal, session);
  }

  // equals and hashCode are written out: the generated ones go through method handles, which C1
  // (the only compiler of our tuned JVM, see benchmarks/README.md) does not inline, at about ten
  // times the cost; these run for every route on every export and decision. They return what
  // the generated ones return.
  @Override
  public boolean equals(@Nullable Object o) {
    return o == this
        || (o instanceof RouteSource other
            && asn == other.asn
            && session == other.session
            && internal == other.internal
            && peer.equals(other.peer)
            && bgpIdentifier.equals(other.bgpIdentifier));
  }

  @Override
  public int hashCode() {
    int h = peer.hashCode();
    h = 31 * h + Long.hashCode(asn);
    h = 31 * h + bgpIdentifier.hashCode();
    h = 31 * h + Boolean.hashCode(internal);
    return 31 * h + Long.hashCode(session);
  }

  /** Orders by peer, then AS, then identifier, then eBGP before iBGP, then session. */
  @Override
  public int compareTo(RouteSource o) {
    int c = peer.compareTo(o.peer);
    if (c == 0) {
      c = Long.compare(asn, o.asn);
    }
    if (c == 0) {
      c = bgpIdentifier.compareTo(o.bgpIdentifier);
    }
    if (c == 0) {
      c = Boolean.compare(internal, o.internal);
    }
    return c != 0 ? c : Long.compare(session, o.session);
  }

  @Override
  public String toString() {
    return peer + " AS" + asn + (internal ? " (iBGP)" : "");
  }
}
