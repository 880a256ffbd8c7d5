package io.github.routeserver.netty.interop;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.util.List;
import java.util.Set;

/**
 * A route a daemon originates, with one of each attribute the route server must pass on: MED, a
 * community, a large community and a route-target extended community (2-octet AS specific).
 *
 * @param prefix the prefix
 * @param nextHop a documentation address (GoBGP refuses loopback next hops; nothing is forwarded)
 * @param med the MULTI_EXIT_DISC
 * @param community a community {@code (communityAs, communityValue)}
 * @param largeCommunity a large community {@code (global, local1, local2)}
 * @param routeTarget a route target {@code (as, value)}, the AS of 2 octets
 */
record TestRoute(
    Prefix prefix,
    IpAddress nextHop,
    long med,
    Community community,
    LargeCommunity largeCommunity,
    RouteTarget routeTarget) {

  /** A standard community (RFC 1997). */
  record Community(int as, int value) {
    @Override
    public String toString() {
      return as + ":" + value;
    }
  }

  /** A large community (RFC 8092). */
  record LargeCommunity(long global, long local1, long local2) {
    @Override
    public String toString() {
      return global + ":" + local1 + ":" + local2;
    }
  }

  /** A route-target extended community, 2-octet AS specific (RFC 4360 type 0x00, subtype 0x02). */
  record RouteTarget(int as, long value) {
    @Override
    public String toString() {
      return "rt:" + as + ":" + value;
    }
  }

  /**
   * Three routes for the daemon at {@code address} in {@code asn}: two IPv4 and one IPv6, each with
   * attributes of its own, all derived from the address's last octet so that every daemon's routes
   * differ.
   */
  static List<TestRoute> threeFor(IpAddress address, long asn) {
    int n = address.toIpv4Bits() & 0xFF;
    IpAddress nextHop4 = IpAddress.parse("198.51.100." + n);
    IpAddress nextHop6 = IpAddress.parse("2001:db8::" + Integer.toHexString(n));
    return List.of(
        of(Prefix.parse("203.0.113." + 16 * n + "/28"), nextHop4, n, asn, 0),
        of(Prefix.parse("203.0.113." + (16 * n + 8) + "/29"), nextHop4, n, asn, 1),
        of(Prefix.parse("2001:db8:" + Integer.toHexString(n) + "::/48"), nextHop6, n, asn, 2));
  }

  private static TestRoute of(Prefix prefix, IpAddress nextHop, int n, long asn, int i) {
    return new TestRoute(
        prefix,
        nextHop,
        100L * n + i,
        new Community(64600 + n, 100 + i),
        new LargeCommunity(asn, n, i),
        new RouteTarget(64600 + n, i));
  }

  /** This route for another prefix. */
  TestRoute withPrefix(Prefix prefix) {
    return new TestRoute(prefix, nextHop, med, community, largeCommunity, routeTarget);
  }

  /** This route with another community. */
  TestRoute withCommunity(Community community) {
    return new TestRoute(prefix, nextHop, med, community, largeCommunity, routeTarget);
  }

  /** This route with another MED. */
  TestRoute withMed(long med) {
    return new TestRoute(prefix, nextHop, med, community, largeCommunity, routeTarget);
  }

  /**
   * What a route server client should see when this route, sent by a speaker in {@code asn}, passes
   * a transparent route server (RFC 7947): every attribute as sent.
   */
  ObservedRoute passedTransparentlyFrom(long asn) {
    return passedTransparentlyWith(List.of(asn));
  }

  /**
   * What a transparent route server's client should see of this route, sent with {@code asPath}.
   */
  ObservedRoute passedTransparentlyWith(List<Long> asPath) {
    return new ObservedRoute(
        prefix,
        asPath,
        nextHop,
        med,
        Set.of(community.toString()),
        Set.of(largeCommunity.toString()),
        Set.of(routeTarget.toString()));
  }
}
