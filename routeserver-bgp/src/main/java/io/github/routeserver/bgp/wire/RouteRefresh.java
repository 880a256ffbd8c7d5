package io.github.routeserver.bgp.wire;

/**
 * ROUTE-REFRESH, message type 5 (RFC 2918 section 3, with the subtypes of RFC 7313 section 3.2): a
 * request to re-advertise the Adj-RIB-Out of one address family, or the markers that bracket such a
 * re-advertisement (BoRR, EoRR). The message is 23 octets: a BoRR or EoRR of another length is a
 * ROUTE-REFRESH Message Error, Invalid Message Length (7/1), a normal request of another length a
 * Bad Message Length (1/2). A message of an unknown subtype may be longer; it is decoded from its
 * first 23 octets, and the receiver ignores it (RFC 7313 section 5).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              AFI              |    Subtype    |     SAFI      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param afiSafi the address family to refresh
 * @param subtype normal request, BoRR or EoRR (an unknown subtype is kept; RFC 7313 says the
 *     receiver ignores such a message)
 */
public record RouteRefresh(AfiSafi afiSafi, RouteRefreshSubtype subtype) implements BgpMessage {
  /** A normal route refresh request (subtype 0) for {@code afiSafi}. */
  public static RouteRefresh request(AfiSafi afiSafi) {
    return new RouteRefresh(afiSafi, RouteRefreshSubtype.NORMAL);
  }

  @Override
  public MessageType type() {
    return MessageType.ROUTE_REFRESH;
  }
}
