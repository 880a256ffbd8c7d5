package io.github.routeserver.core.engine;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableSet;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PeerId;

/**
 * Dynamic neighbours: any address inside {@code range} may peer, with AS {@code asn}; each such
 * peer is named {@code name-ADDRESS} in logs and belongs to {@code groups}, to which policies may
 * be bound. At most {@code maxPeers} of them exist at a time ({@link #DEFAULT_MAX_PEERS} unless
 * set): a connection from one more address is refused until one of them has been removed (see
 * {@link PeerHandle#remove}).
 *
 * @param name the template's name
 * @param range the addresses the template covers
 * @param asn the AS those peers must announce
 * @param groups the groups of those peers
 * @param maxPeers how many of those peers may exist at a time
 */
public record PeerTemplate(
    String name, Prefix range, long asn, ImmutableSet<String> groups, int maxPeers) {
  /** How many peers a template admits unless told otherwise. */
  public static final int DEFAULT_MAX_PEERS = 100;

  /** Validates the template. */
  public PeerTemplate {
    checkArgument(!name.isBlank(), "name: blank (expected: a name)");
    checkArgument(asn > 0 && asn <= 0xFFFF_FFFFL, "asn: %s (expected: 1 to 4294967295)", asn);
    checkArgument(maxPeers > 0, "maxPeers: %s (expected: > 0)", maxPeers);
  }

  /** A template of at most {@link #DEFAULT_MAX_PEERS} peers. */
  public PeerTemplate(String name, Prefix range, long asn, ImmutableSet<String> groups) {
    this(name, range, asn, groups, DEFAULT_MAX_PEERS);
  }

  /** A template of at most {@link #DEFAULT_MAX_PEERS} peers, which belong to {@code groups}. */
  public static PeerTemplate of(String name, Prefix range, long asn, String... groups) {
    return new PeerTemplate(name, range, asn, ImmutableSet.copyOf(groups));
  }

  /** This template with at most {@code maxPeers} peers at a time. */
  public PeerTemplate withMaxPeers(int maxPeers) {
    return new PeerTemplate(name, range, asn, groups, maxPeers);
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
