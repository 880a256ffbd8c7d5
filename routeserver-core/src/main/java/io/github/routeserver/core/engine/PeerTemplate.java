package io.github.routeserver.core.engine;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableSet;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PeerId;

/**
 * Dynamic neighbours: any address inside {@code range} may peer, with AS {@code asn}; each such
 * peer is named {@code name-ADDRESS} in logs and belongs to {@code groups}, to which policies may
 * be bound.
 *
 * @param name the template's name
 * @param range the addresses the template covers
 * @param asn the AS those peers must announce
 * @param groups the groups of those peers
 */
public record PeerTemplate(String name, Prefix range, long asn, ImmutableSet<String> groups) {
  /** Validates the template. */
  public PeerTemplate {
    checkArgument(!name.isBlank(), "name: blank (expected: a name)");
    checkArgument(asn > 0 && asn <= 0xFFFF_FFFFL, "asn: %s (expected: 1 to 4294967295)", asn);
  }

  /** A template whose peers belong to {@code groups}. */
  public static PeerTemplate of(String name, Prefix range, long asn, String... groups) {
    return new PeerTemplate(name, range, asn, ImmutableSet.copyOf(groups));
  }

  /** The configuration of the peer at {@code address}, which must be in the range. */
  PeerConfig configFor(IpAddress address) {
    checkArgument(range.contains(address), "address: %s (expected: inside %s)", address, range);
    return PeerConfig.builder()
        .name(name + "-" + address)
        .id(new PeerId(address))
        .asn(asn)
        .groups(groups.toArray(String[]::new))
        .build();
  }
}
