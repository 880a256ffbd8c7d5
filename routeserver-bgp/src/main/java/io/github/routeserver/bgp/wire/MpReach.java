package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.PathAttributes;

/**
 * The MP_REACH_NLRI attribute, type code 14 (RFC 4760 section 3), of IPv4 or IPv6 unicast: routes
 * and their next hop. The next hop is part of {@link #attributes()}, so that these routes carry
 * their own attribute set: the UPDATE's attributes with this next hop. MP_REACH_NLRI of other
 * families is kept opaque in {@link Update#otherFamilies()}.
 *
 * <pre>
 * +---------------------------------------------------------+
 * | Address Family Identifier (2 octets)                    |
 * | Subsequent Address Family Identifier (1 octet)          |
 * | Length of Next Hop Network Address (1 octet)            |
 * | Network Address of Next Hop (variable):                 |
 * |   IPv4: 4;  IPv6 (RFC 2545): 16, or 32 with link-local; |
 * |   IPv4 NLRI over IPv6 (RFC 8950): 16 or 32              |
 * | Reserved (1 octet)                                      |
 * | Network Layer Reachability Information (variable)       |
 * +---------------------------------------------------------+
 * </pre>
 *
 * @param afiSafi IPv4 unicast or IPv6 unicast
 * @param attributes the attributes of these routes, with the MP next hop as next hop (and the IPv6
 *     link-local next hop when one was sent)
 * @param nlri the reachable prefixes, all of the family of {@code afiSafi}
 */
public record MpReach(AfiSafi afiSafi, PathAttributes attributes, NlriList nlri) {
  /** Validates family, next hop and prefixes. */
  public MpReach {
    AddressFamily family = checkUnicast(afiSafi);
    checkArgument(nlri.isAll(family), "nlri: %s (expected: %s prefixes only)", nlri, family);
    IpAddress nextHop =
        attributes
            .nextHop()
            .orElseThrow(() -> new IllegalArgumentException("attributes: no next hop"));
    checkArgument(
        family == AddressFamily.IPV4 || nextHop.isIpv6(),
        "next hop: %s (expected: an IPv6 address for IPv6 NLRI)",
        nextHop);
    checkArgument(
        attributes.linkLocalNextHop().isEmpty() || nextHop.isIpv6(),
        "link-local next hop: %s (expected: only with an IPv6 next hop)",
        attributes.linkLocalNextHop());
  }

  static AddressFamily checkUnicast(AfiSafi afiSafi) {
    return afiSafi
        .unicastFamily()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "afiSafi: " + afiSafi + " (expected: IPv4 or IPv6 unicast)"));
  }
}
