package io.github.routeserver.core.engine;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.core.policy.PeerInfo;
import io.github.routeserver.core.policy.Role;
import io.github.routeserver.core.route.PeerId;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the route server knows of a peer before any session: its name (for logs), its address, its
 * AS, its role and groups (which select its policies), and how routes sent to it are treated.
 * Transport settings (ports, timers, passwords) belong to the transport. Immutable; build with
 * {@link #builder()}.
 */
public final class PeerConfig {
  private final String name;
  private final PeerId id;
  private final long asn;
  private final @Nullable Boolean nextHopSelf;
  private final PeerInfo info;

  private PeerConfig(Builder b) {
    this.name = b.name == null ? b.id.toString() : b.name;
    this.id = b.id;
    this.asn = b.asn;
    this.nextHopSelf = b.nextHopSelf;
    this.info =
        new PeerInfo(b.id, b.asn, Optional.ofNullable(b.role), ImmutableSet.copyOf(b.groups));
  }

  /** A builder; {@code id} and {@code asn} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The peer's name, for logs (its address unless set). */
  public String name() {
    return name;
  }

  /** The peer's address. */
  public PeerId id() {
    return id;
  }

  /** The AS the peer must announce in its OPEN. */
  public long asn() {
    return asn;
  }

  /** The peer as policies see it: address, AS, RFC 9234 role and groups. */
  public PeerInfo info() {
    return info;
  }

  /**
   * Whether routes sent to this peer carry our address as NEXT_HOP; empty means the profile
   * decides: no for {@link RouteServerProfile#TRANSPARENT}, yes for {@link
   * RouteServerProfile#AZURE}, and for {@link RouteServerProfile#ROUTER} yes to an external peer
   * and no to an internal one (RFC 4271 5.1.3).
   */
  public Optional<Boolean> nextHopSelf() {
    return Optional.ofNullable(nextHopSelf);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerConfig c
        && c.name.equals(name)
        && c.id.equals(id)
        && c.asn == asn
        && Objects.equals(c.nextHopSelf, nextHopSelf)
        && c.info.equals(info);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, id, asn, nextHopSelf, info);
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper("PeerConfig")
        .omitNullValues()
        .add("name", name)
        .add("id", id)
        .add("asn", asn)
        .add("nextHopSelf", nextHopSelf)
        .add("role", info.role().orElse(null))
        .add("groups", info.groups().isEmpty() ? null : info.groups())
        .toString();
  }

  /** Builds a {@link PeerConfig}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable PeerId id;
    private long asn = -1;
    private @Nullable Boolean nextHopSelf;
    private @Nullable Role role;
    private final Set<String> groups = new LinkedHashSet<>();

    private Builder() {}

    /** Sets the name used in logs. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets the peer's address. */
    public Builder id(PeerId id) {
      this.id = id;
      return this;
    }

    /** Sets the peer's AS, 1 to 4294967295. */
    public Builder asn(long asn) {
      checkArgument(asn > 0 && asn <= 0xFFFF_FFFFL, "asn: %s (expected: 1 to 4294967295)", asn);
      this.asn = asn;
      return this;
    }

    /** Overrides the profile's next-hop rule for routes sent to this peer. */
    public Builder nextHopSelf(boolean nextHopSelf) {
      this.nextHopSelf = nextHopSelf;
      return this;
    }

    /** Sets the role the peer plays towards us (RFC 9234), which role policies check. */
    public Builder role(@Nullable Role role) {
      this.role = role;
      return this;
    }

    /** Adds the peer to groups, to which policies may be bound. */
    public Builder groups(String... groups) {
      this.groups.addAll(Arrays.asList(groups));
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalStateException if the id or the AS is missing
     */
    public PeerConfig build() {
      checkState(id != null, "PeerConfig: id is missing");
      checkState(asn > 0, "PeerConfig: asn is missing");
      return new PeerConfig(this);
    }
  }
}
