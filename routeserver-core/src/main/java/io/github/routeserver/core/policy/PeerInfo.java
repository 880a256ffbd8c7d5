package io.github.routeserver.core.policy;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableSet;
import io.github.routeserver.core.route.PeerId;
import java.util.Arrays;
import java.util.Optional;

/**
 * What policies know about a configured peer: its identity, its AS, its RFC 9234 role and the
 * groups it belongs to. The engine builds one per configured peer and reuses it for every
 * evaluation; policies match on it through {@link PolicyContext#from()} and {@link
 * PolicyContext#to()}.
 *
 * <p>Groups are free-form tags ("nva", "transit", "customers"); the Azure Route Server built-ins
 * use the well-known names in {@link AzureRouteServerPolicies} ({@link
 * AzureRouteServerPolicies#NVA}, {@link AzureRouteServerPolicies#VPN_GATEWAY}, {@link
 * AzureRouteServerPolicies#EXPRESSROUTE_GATEWAY}).
 *
 * @param id the peer's transport address
 * @param asn the peer's AS (unsigned 32-bit)
 * @param role the role the peer plays towards us (RFC 9234), if configured or negotiated
 * @param groups the groups the peer belongs to
 */
public record PeerInfo(PeerId id, long asn, Optional<Role> role, ImmutableSet<String> groups) {

  /** Validates the descriptor. */
  public PeerInfo {
    checkArgument(asn >= 0 && asn <= 0xFFFF_FFFFL, "asn: %s (expected: 0 to 4294967295)", asn);
    for (String group : groups) {
      checkArgument(!group.isBlank(), "groups: %s (expected: non-blank names)", groups);
    }
  }

  /** The peer at {@code address} in {@code asn}, with no role and no groups. */
  public static PeerInfo of(String address, long asn) {
    return new PeerInfo(PeerId.of(address), asn, Optional.empty(), ImmutableSet.of());
  }

  /** This peer with the RFC 9234 role {@code role}. */
  public PeerInfo withRole(Role role) {
    return new PeerInfo(id, asn, Optional.of(role), groups);
  }

  /** This peer with exactly the groups {@code groups}. */
  public PeerInfo withGroups(String... groups) {
    return new PeerInfo(id, asn, role, ImmutableSet.copyOf(Arrays.asList(groups)));
  }

  /** Whether the peer belongs to {@code group}. */
  public boolean inGroup(String group) {
    return groups.contains(group);
  }

  /** For example {@code 10.1.0.4 AS65001 role=CUSTOMER groups=[nva]}. */
  @Override
  public String toString() {
    return id
        + " AS"
        + asn
        + role.map(r -> " role=" + r).orElse("")
        + (groups.isEmpty() ? "" : " groups=" + groups);
  }
}
