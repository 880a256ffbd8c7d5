package io.github.routeserver.core.route;

import io.github.routeserver.core.net.IpAddress;

/**
 * The AGGREGATOR attribute (RFC 4271 section 5.1.7; 4-octet AS per RFC 6793): the AS and BGP
 * identifier of the speaker that formed an aggregate route.
 *
 * @param asn the aggregating AS (unsigned 32-bit)
 * @param address the aggregator's BGP identifier, an IPv4 address
 */
public record Aggregator(long asn, IpAddress address) {
  /** Validates the aggregator. */
  public Aggregator {
    if (asn < 0 || asn > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("asn: " + asn + " (expected: 0 to 4294967295)");
    }
    if (!address.isIpv4()) {
      throw new IllegalArgumentException("address: " + address + " (expected: an IPv4 address)");
    }
  }

  @Override
  public String toString() {
    return asn + " " + address;
  }
}
