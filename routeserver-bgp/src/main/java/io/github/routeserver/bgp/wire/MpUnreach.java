package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.core.net.AddressFamily;

/**
 * The MP_UNREACH_NLRI attribute, type code 15 (RFC 4760 section 4), of IPv4 or IPv6 unicast:
 * withdrawn routes. Empty, and alone in an UPDATE, it is the End-of-RIB marker of its family (RFC
 * 4724 section 2). MP_UNREACH_NLRI of other families is kept opaque in {@link
 * Update#otherFamilies()}.
 *
 * <pre>
 * +---------------------------------------------------------+
 * | Address Family Identifier (2 octets)                    |
 * | Subsequent Address Family Identifier (1 octet)          |
 * | Withdrawn Routes (variable)                             |
 * +---------------------------------------------------------+
 * </pre>
 *
 * @param afiSafi IPv4 unicast or IPv6 unicast
 * @param withdrawn the withdrawn prefixes, all of the family of {@code afiSafi}
 */
public record MpUnreach(AfiSafi afiSafi, NlriList withdrawn) {
  /** Validates family and prefixes. */
  public MpUnreach {
    AddressFamily family = MpReach.checkUnicast(afiSafi);
    checkArgument(
        withdrawn.isAll(family), "withdrawn: %s (expected: %s prefixes only)", withdrawn, family);
  }
}
