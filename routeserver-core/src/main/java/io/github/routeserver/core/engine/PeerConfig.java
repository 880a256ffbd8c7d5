package io.github.routeserver.core.engine;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.base.MoreObjects;
import io.github.routeserver.core.route.PeerId;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the route server knows of a peer before any session: its name (for logs), its address, its
 * AS, and how routes sent to it are treated. Transport settings (ports, timers, passwords) belong
 * to the transport. Immutable; build with {@link #builder()}.
 */
public final class PeerConfig {
  private final String name;
  private final PeerId id;
  private final long asn;
  private final @Nullable Boolean nextHopSelf;

  private PeerConfig(Builder b) {
    this.name = b.name == null ? b.id.toString() : b.name;
    this.id = b.id;
    this.asn = b.asn;
    this.nextHopSelf = b.nextHopSelf;
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

  /**
   * Whether routes sent to this peer carry our address as NEXT_HOP; empty means the profile decides
   * (yes for {@link RouteServerProfile#AZURE}, no for {@link RouteServerProfile#TRANSPARENT}).
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
        && Objects.equals(c.nextHopSelf, nextHopSelf);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, id, asn, nextHopSelf);
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper("PeerConfig")
        .omitNullValues()
        .add("name", name)
        .add("id", id)
        .add("asn", asn)
        .add("nextHopSelf", nextHopSelf)
        .toString();
  }

  /** Builds a {@link PeerConfig}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable PeerId id;
    private long asn = -1;
    private @Nullable Boolean nextHopSelf;

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
