package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;

/**
 * Extended Next Hop Encoding, capability code 5 (RFC 8950 section 3): the NLRI families the sender
 * accepts with a next hop of another address family, typically IPv4 unicast over an IPv6 next hop.
 *
 * <pre>
 * +-----------------------------------------------------+
 * | NLRI AFI (2 octets)                                 |
 * | NLRI SAFI (2 octets)                                |
 * | Nexthop AFI (2 octets)                              |
 * +-----------------------------------------------------+  repeated per tuple
 * </pre>
 *
 * @param entries the tuples, in wire order
 */
public record ExtendedNextHopCapability(ImmutableList<Entry> entries) implements Capability {
  /** Validates that the entries fit in one capability (255 octets, 6 per entry). */
  public ExtendedNextHopCapability {
    checkArgument(entries.size() <= 42, "entries: %s (expected: at most 42)", entries.size());
  }

  /** An extended next hop capability with {@code entries}. */
  public static ExtendedNextHopCapability of(Entry... entries) {
    return new ExtendedNextHopCapability(ImmutableList.copyOf(entries));
  }

  @Override
  public CapabilityCode code() {
    return CapabilityCode.EXTENDED_NEXT_HOP;
  }

  /**
   * One tuple of the capability.
   *
   * @param nlri the family of the NLRI
   * @param nextHopAfi the address family of the next hop
   */
  public record Entry(AfiSafi nlri, Afi nextHopAfi) {}
}
