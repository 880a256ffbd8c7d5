package io.github.routeserver.core.route;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.core.net.IpAddress;

/**
 * Where a route was learned: the peer, its AS, its BGP identifier and whether the session is
 * internal (iBGP). One source is shared by every route of a session; the decision process reads the
 * eBGP-over-iBGP, router-id and peer-address rungs from it.
 *
 * @param peer the neighbour
 * @param asn the neighbour's AS (unsigned 32-bit)
 * @param bgpIdentifier the BGP identifier the neighbour sent in its OPEN
 * @param internal whether the neighbour is in our own AS (iBGP)
 */
public record RouteSource(PeerId peer, long asn, IpAddress bgpIdentifier, boolean internal)
    implements Comparable<RouteSource> {

  /** Validates the source. */
  public RouteSource {
    checkArgument(asn >= 0 && asn <= 0xFFFF_FFFFL, "asn: %s (expected: 0 to 4294967295)", asn);
    checkArgument(
        bgpIdentifier.isIpv4(), "bgpIdentifier: %s (expected: an IPv4 address)", bgpIdentifier);
  }

  /**
   * An external peer at {@code address} in {@code asn} whose BGP identifier is its address (IPv4)
   * or 0.0.0.0.
   */
  public static RouteSource external(String address, long asn) {
    PeerId peer = PeerId.of(address);
    IpAddress id = peer.address().isIpv4() ? peer.address() : IpAddress.ofIpv4(0);
    return new RouteSource(peer, asn, id, false);
  }

  /** Orders by peer, then AS, then identifier, then eBGP before iBGP. */
  @Override
  public int compareTo(RouteSource o) {
    int c = peer.compareTo(o.peer);
    if (c == 0) {
      c = Long.compare(asn, o.asn);
    }
    if (c == 0) {
      c = bgpIdentifier.compareTo(o.bgpIdentifier);
    }
    return c != 0 ? c : Boolean.compare(internal, o.internal);
  }

  @Override
  public String toString() {
    return peer + " AS" + asn + (internal ? " (iBGP)" : "");
  }
}
