package io.github.routeserver.core.policy;

import com.google.common.collect.ImmutableMap;
import io.github.routeserver.core.route.PeerId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The import and export policy of every peer: chains bound to peers by address, or to peer groups,
 * with a default for peers that have neither. Immutable, with {@code equals}: an engine that swaps
 * configurations compares the old and new policy of each peer to find the peers whose routes must
 * be re-evaluated.
 *
 * <p>Lookup, for each direction separately: the chain bound to the peer's address; else the chain
 * of the first group, in the order bound, that the peer belongs to; else the default, which is
 * {@link StandardPolicies#rfc8212DefaultDeny()} unless set otherwise: routes of an external peer
 * without policy are neither imported nor exported (RFC 8212 section 3), and those of an internal
 * peer pass.
 */
public final class PeerPolicies {
  private final ImmutableMap<PeerId, RoutePolicy> importByPeer;
  private final ImmutableMap<PeerId, RoutePolicy> exportByPeer;
  private final ImmutableMap<String, RoutePolicy> importByGroup;
  private final ImmutableMap<String, RoutePolicy> exportByGroup;
  private final RoutePolicy importDefault;
  private final RoutePolicy exportDefault;

  private PeerPolicies(Builder b) {
    this.importByPeer = ImmutableMap.copyOf(b.importByPeer);
    this.exportByPeer = ImmutableMap.copyOf(b.exportByPeer);
    this.importByGroup = ImmutableMap.copyOf(b.importByGroup);
    this.exportByGroup = ImmutableMap.copyOf(b.exportByGroup);
    this.importDefault = b.importDefault;
    this.exportDefault = b.exportDefault;
  }

  /** A builder with no bindings and the RFC 8212 default in both directions. */
  public static Builder builder() {
    return new Builder();
  }

  /** The policy for routes received from {@code peer}. */
  public RoutePolicy importPolicy(PeerInfo peer) {
    return lookup(peer, importByPeer, importByGroup, importDefault);
  }

  /** The policy for routes sent to {@code peer}. */
  public RoutePolicy exportPolicy(PeerInfo peer) {
    return lookup(peer, exportByPeer, exportByGroup, exportDefault);
  }

  private static RoutePolicy lookup(
      PeerInfo peer,
      Map<PeerId, RoutePolicy> byPeer,
      Map<String, RoutePolicy> byGroup,
      RoutePolicy otherwise) {
    RoutePolicy own = byPeer.get(peer.id());
    if (own != null) {
      return own;
    }
    for (Map.Entry<String, RoutePolicy> group : byGroup.entrySet()) {
      if (peer.inGroup(group.getKey())) {
        return group.getValue();
      }
    }
    return otherwise;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PeerPolicies p
        && p.importByPeer.equals(importByPeer)
        && p.exportByPeer.equals(exportByPeer)
        && p.importByGroup.entrySet().asList().equals(importByGroup.entrySet().asList())
        && p.exportByGroup.entrySet().asList().equals(exportByGroup.entrySet().asList())
        && p.importDefault.equals(importDefault)
        && p.exportDefault.equals(exportDefault);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        importByPeer, exportByPeer, importByGroup, exportByGroup, importDefault, exportDefault);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("PeerPolicies{");
    importByPeer.forEach(
        (p, r) -> text.append("\n  import peer ").append(p).append(": ").append(r.name()));
    exportByPeer.forEach(
        (p, r) -> text.append("\n  export peer ").append(p).append(": ").append(r.name()));
    importByGroup.forEach(
        (g, r) -> text.append("\n  import group ").append(g).append(": ").append(r.name()));
    exportByGroup.forEach(
        (g, r) -> text.append("\n  export group ").append(g).append(": ").append(r.name()));
    text.append("\n  import default: ").append(importDefault.name());
    text.append("\n  export default: ").append(exportDefault.name());
    return text.append("\n}").toString();
  }

  /** Builds {@link PeerPolicies}; a later binding for the same key replaces an earlier one. */
  public static final class Builder {
    private final Map<PeerId, RoutePolicy> importByPeer = new LinkedHashMap<>();
    private final Map<PeerId, RoutePolicy> exportByPeer = new LinkedHashMap<>();
    private final Map<String, RoutePolicy> importByGroup = new LinkedHashMap<>();
    private final Map<String, RoutePolicy> exportByGroup = new LinkedHashMap<>();
    private RoutePolicy importDefault = StandardPolicies.rfc8212DefaultDeny();
    private RoutePolicy exportDefault = StandardPolicies.rfc8212DefaultDeny();

    private Builder() {}

    /** Binds the import policy of the peer at {@code peer}. */
    public Builder importPolicy(PeerId peer, RoutePolicy policy) {
      importByPeer.put(peer, policy);
      return this;
    }

    /** Binds the export policy of the peer at {@code peer}. */
    public Builder exportPolicy(PeerId peer, RoutePolicy policy) {
      exportByPeer.put(peer, policy);
      return this;
    }

    /** Binds the import policy of peers in {@code group} that have none of their own. */
    public Builder importPolicy(String group, RoutePolicy policy) {
      importByGroup.put(group, policy);
      return this;
    }

    /** Binds the export policy of peers in {@code group} that have none of their own. */
    public Builder exportPolicy(String group, RoutePolicy policy) {
      exportByGroup.put(group, policy);
      return this;
    }

    /** Sets the import policy of peers bound to nothing (RFC 8212 default deny by default). */
    public Builder importDefault(RoutePolicy policy) {
      importDefault = policy;
      return this;
    }

    /** Sets the export policy of peers bound to nothing (RFC 8212 default deny by default). */
    public Builder exportDefault(RoutePolicy policy) {
      exportDefault = policy;
      return this;
    }

    /** The bindings. */
    public PeerPolicies build() {
      return new PeerPolicies(this);
    }
  }
}
