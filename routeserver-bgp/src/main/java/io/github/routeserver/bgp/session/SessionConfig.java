package io.github.routeserver.bgp.session;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.bgp.fsm.FsmConfig;
import io.github.routeserver.bgp.fsm.OpenCheck;
import io.github.routeserver.bgp.wire.AddPathCapability;
import io.github.routeserver.bgp.wire.Afi;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpRole;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.EnhancedRouteRefreshCapability;
import io.github.routeserver.bgp.wire.ExtendedMessageCapability;
import io.github.routeserver.bgp.wire.ExtendedNextHopCapability;
import io.github.routeserver.bgp.wire.GracefulRestartCapability;
import io.github.routeserver.bgp.wire.LongLivedGracefulRestartCapability;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.RoleCapability;
import io.github.routeserver.bgp.wire.RouteRefreshCapability;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.PeerId;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of one peer's session: who we are, what we offer in our OPEN (RFC 5492
 * capabilities), what we accept, and the state machine's options. Immutable; build with {@link
 * #builder}.
 *
 * <p>Defaults: hold time 90 s, IPv4 unicast, route refresh and enhanced route refresh, extended
 * messages, 4-octet AS numbers (always), graceful restart with a restart time of 120 s, no
 * forwarding state claimed, and a returning peer's stale routes kept at most 300 s, no ADD-PATH, no
 * extended next hop, no role, no long-lived graceful restart, no prefix limit.
 */
public final class SessionConfig {
  private final String name;
  private final PeerId peer;
  private final long localAs;
  private final IpAddress localId;
  private final OptionalLong peerAs;
  private final int holdTime;
  private final ImmutableSet<AfiSafi> families;
  private final boolean routeRefresh;
  private final boolean enhancedRouteRefresh;
  private final boolean extendedMessages;
  private final ImmutableMap<AfiSafi, AddPathCapability.Mode> addPath;
  private final boolean extendedNextHop;
  private final Optional<BgpRole> role;
  private final boolean strictRole;
  private final Optional<Duration> gracefulRestart;
  private final boolean forwardingPreserved;
  private final Duration staleRoutesTime;
  private final Optional<Duration> longLivedStaleTime;
  private final ImmutableMap<AfiSafi, PrefixLimit> prefixLimits;
  private final UnaryOperator<FsmConfig.Builder> fsmOptions;
  private final Open localOpen;
  private final Open restartingOpen;

  private SessionConfig(Builder b) {
    this.name = b.name;
    this.peer = b.peer;
    this.localAs = b.localAs;
    this.localId = b.localId;
    this.peerAs = b.peerAs;
    this.holdTime = b.holdTime;
    this.families = ImmutableSet.copyOf(b.families);
    this.routeRefresh = b.routeRefresh;
    this.enhancedRouteRefresh = b.enhancedRouteRefresh;
    this.extendedMessages = b.extendedMessages;
    this.addPath = ImmutableMap.copyOf(b.addPath);
    this.extendedNextHop = b.extendedNextHop;
    this.role = b.role;
    this.strictRole = b.strictRole;
    this.gracefulRestart = b.gracefulRestart;
    this.forwardingPreserved = b.forwardingPreserved;
    this.staleRoutesTime = b.staleRoutesTime;
    this.longLivedStaleTime = b.longLivedStaleTime;
    this.prefixLimits = ImmutableMap.copyOf(b.prefixLimits);
    this.fsmOptions = b.fsmOptions;
    this.localOpen = buildOpen(false);
    this.restartingOpen = buildOpen(true);
  }

  /**
   * A builder for the session with the peer at {@code peer}, from the speaker in {@code localAs}
   * with BGP identifier {@code localId}; the peer's name in logs is its address.
   */
  public static Builder builder(PeerId peer, long localAs, IpAddress localId) {
    return new Builder(peer, localAs, localId);
  }

  private Open buildOpen(boolean restarting) {
    ImmutableList.Builder<Capability> capabilities = ImmutableList.builder();
    for (AfiSafi family : families) {
      capabilities.add(new MultiprotocolCapability(family));
    }
    if (routeRefresh) {
      capabilities.add(new RouteRefreshCapability());
      if (enhancedRouteRefresh) {
        capabilities.add(new EnhancedRouteRefreshCapability());
      }
    }
    if (extendedMessages) {
      capabilities.add(new ExtendedMessageCapability());
    }
    if (!addPath.isEmpty()) {
      ImmutableList.Builder<AddPathCapability.Family> entries = ImmutableList.builder();
      addPath.forEach((family, mode) -> entries.add(new AddPathCapability.Family(family, mode)));
      capabilities.add(new AddPathCapability(entries.build()));
    }
    if (extendedNextHop) {
      capabilities.add(
          ExtendedNextHopCapability.of(
              new ExtendedNextHopCapability.Entry(AfiSafi.IPV4_UNICAST, Afi.IPV6)));
    }
    role.ifPresent(r -> capabilities.add(new RoleCapability(r)));
    gracefulRestart.ifPresent(
        restartTime -> {
          // RFC 4724 section 3: our families, so that the peer keeps our routes while we restart;
          // the Restart State bit only in the OPENs of a restart (section 4.1).
          ImmutableList.Builder<GracefulRestartCapability.Family> entries = ImmutableList.builder();
          for (AfiSafi family : families) {
            entries.add(new GracefulRestartCapability.Family(family, forwardingPreserved));
          }
          capabilities.add(
              new GracefulRestartCapability(
                  restarting, false, (int) restartTime.toSeconds(), entries.build()));
        });
    longLivedStaleTime.ifPresent(
        staleTime -> {
          ImmutableList.Builder<LongLivedGracefulRestartCapability.Family> entries =
              ImmutableList.builder();
          for (AfiSafi family : families) {
            entries.add(
                new LongLivedGracefulRestartCapability.Family(
                    family, false, (int) staleTime.toSeconds()));
          }
          capabilities.add(new LongLivedGracefulRestartCapability(entries.build()));
        });
    return Open.of(localAs, holdTime, localId, capabilities.build());
  }

  /** The peer's name in logs. */
  public String name() {
    return name;
  }

  /** The peer. */
  public PeerId peer() {
    return peer;
  }

  /** Our AS. */
  public long localAs() {
    return localAs;
  }

  /** Our BGP identifier. */
  public IpAddress localId() {
    return localId;
  }

  /** The AS the peer must be in, or empty for any (dynamic neighbours). */
  public OptionalLong peerAs() {
    return peerAs;
  }

  /** The hold time we propose, in seconds. */
  public int holdTime() {
    return holdTime;
  }

  /** The families we offer. */
  public ImmutableSet<AfiSafi> families() {
    return families;
  }

  /** Whether we accept ROUTE-REFRESH (RFC 2918). */
  public boolean routeRefresh() {
    return routeRefresh;
  }

  /** The role we take (RFC 9234), if any. */
  public Optional<BgpRole> role() {
    return role;
  }

  /** Whether a peer without a role is refused (RFC 9234 section 4.2, strict mode). */
  public boolean strictRole() {
    return strictRole;
  }

  /**
   * The restart time we advertise for graceful restart (RFC 4724); empty when we do not take part
   * in it, and then keep no routes of a peer that goes down.
   */
  public Optional<Duration> gracefulRestart() {
    return gracefulRestart;
  }

  /**
   * How long a returning peer's stale routes of a family are kept at most while waiting for its
   * End-of-RIB (the upper bound RFC 4724 section 4.2 allows).
   */
  public Duration staleRoutesTime() {
    return staleRoutesTime;
  }

  /**
   * The long-lived stale time we advertise (RFC 9494); present when we take part in long-lived
   * graceful restart.
   */
  public Optional<Duration> longLivedStaleTime() {
    return longLivedStaleTime;
  }

  /** The prefix limit of each family that has one. */
  public ImmutableMap<AfiSafi, PrefixLimit> prefixLimits() {
    return prefixLimits;
  }

  /** The OPEN we send. */
  public Open localOpen() {
    return localOpen;
  }

  /**
   * The state machine's configuration: our OPEN, the peer AS, {@code openCheck}, a jitter seed
   * taken from the peer's address, and the options set with {@link Builder#fsm}.
   *
   * @param restarting whether our OPEN sets the Restart State bit of graceful restart (RFC 4724
   *     section 4.1), while route selection after a restart is deferred
   */
  FsmConfig fsmConfig(OpenCheck openCheck, boolean restarting) {
    FsmConfig.Builder builder =
        FsmConfig.builder(restarting ? restartingOpen : localOpen)
            .peerAs(peerAs.isPresent() ? peerAs.getAsLong() : null)
            .jitter(true, peer.address().hashCode())
            .openCheck(openCheck);
    return fsmOptions.apply(builder).build();
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper("SessionConfig")
        .add("name", name)
        .add("peer", peer)
        .add("peerAs", peerAs)
        .add("localOpen", localOpen)
        .add("strictRole", strictRole)
        .add("staleRoutesTime", staleRoutesTime)
        .add("prefixLimits", prefixLimits)
        .toString();
  }

  /** Builds session configurations. Not thread-safe. */
  public static final class Builder {
    private String name;
    private final PeerId peer;
    private final long localAs;
    private final IpAddress localId;
    private OptionalLong peerAs = OptionalLong.empty();
    private int holdTime = 90;
    private final Set<AfiSafi> families = new LinkedHashSet<>(Set.of(AfiSafi.IPV4_UNICAST));
    private boolean routeRefresh = true;
    private boolean enhancedRouteRefresh = true;
    private boolean extendedMessages = true;
    private final Map<AfiSafi, AddPathCapability.Mode> addPath = new LinkedHashMap<>();
    private boolean extendedNextHop;
    private Optional<BgpRole> role = Optional.empty();
    private boolean strictRole;
    private Optional<Duration> gracefulRestart = Optional.of(Duration.ofSeconds(120));
    private boolean forwardingPreserved;
    private Duration staleRoutesTime = Duration.ofSeconds(300);
    private Optional<Duration> longLivedStaleTime = Optional.empty();
    private final Map<AfiSafi, PrefixLimit> prefixLimits = new LinkedHashMap<>();
    private UnaryOperator<FsmConfig.Builder> fsmOptions = UnaryOperator.identity();

    private Builder(PeerId peer, long localAs, IpAddress localId) {
      checkArgument(
          localAs > 0 && localAs <= 0xFFFF_FFFFL,
          "localAs: %s (expected: 1 to 4294967295)",
          localAs);
      checkArgument(
          localId.isIpv4() && localId.toIpv4Bits() != 0,
          "localId: %s (expected: a non-zero IPv4 address)",
          localId);
      this.peer = peer;
      this.name = peer.toString();
      this.localAs = localAs;
      this.localId = localId;
    }

    /** Names the peer in logs. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Requires the peer to be in {@code asn}; {@code null} accepts any AS. */
    public Builder peerAs(@Nullable Long asn) {
      checkArgument(
          asn == null || (asn > 0 && asn <= 0xFFFF_FFFFL),
          "peerAs: %s (expected: 1 to 4294967295)",
          asn);
      this.peerAs = asn == null ? OptionalLong.empty() : OptionalLong.of(asn);
      return this;
    }

    /** Sets the hold time we propose: 0, or 3 to 65535 seconds. */
    public Builder holdTime(int seconds) {
      checkArgument(
          seconds == 0 || (seconds >= 3 && seconds <= 0xFFFF),
          "holdTime: %s (expected: 0, or 3 to 65535)",
          seconds);
      this.holdTime = seconds;
      return this;
    }

    /** Sets the families we offer (IPv4 and IPv6 unicast are the ones routes are kept for). */
    public Builder families(AfiSafi... families) {
      checkArgument(families.length > 0, "families: none (expected: at least one)");
      this.families.clear();
      this.families.addAll(Arrays.asList(families));
      return this;
    }

    /** Sets whether we offer route refresh (RFC 2918) and enhanced route refresh (RFC 7313). */
    public Builder routeRefresh(boolean routeRefresh, boolean enhanced) {
      this.routeRefresh = routeRefresh;
      this.enhancedRouteRefresh = routeRefresh && enhanced;
      return this;
    }

    /** Sets whether we offer extended messages (RFC 8654). */
    public Builder extendedMessages(boolean extendedMessages) {
      this.extendedMessages = extendedMessages;
      return this;
    }

    /** Offers ADD-PATH (RFC 7911) for {@code family} in {@code mode}. */
    public Builder addPath(AfiSafi family, AddPathCapability.Mode mode) {
      this.addPath.put(family, mode);
      return this;
    }

    /** Sets whether we accept IPv4 unicast routes with an IPv6 next hop (RFC 8950). */
    public Builder extendedNextHop(boolean extendedNextHop) {
      this.extendedNextHop = extendedNextHop;
      return this;
    }

    /**
     * Takes {@code role} on the session (RFC 9234); {@code strict} refuses a peer that sends no
     * role.
     */
    public Builder role(BgpRole role, boolean strict) {
      this.role = Optional.of(role);
      this.strictRole = strict;
      return this;
    }

    /**
     * Takes part in graceful restart (RFC 4724), advertising {@code restartTime} (0 to 4095 s) and
     * our families with the Forwarding State bit {@code forwardingPreserved}; {@code null} turns
     * graceful restart off. As receiving speaker, the session keeps a restarting peer's routes. As
     * restarting speaker (a session given a {@link SelectionDeferral} in progress) its OPEN sets
     * the Restart State bit, and a peer keeps our routes across our restart when that OPEN claims
     * forwarding state for the family, which a route server that forwards no traffic itself may do:
     * RFC 4724 section 4.2 has the peer drop them at once otherwise.
     */
    public Builder gracefulRestart(@Nullable Duration restartTime, boolean forwardingPreserved) {
      checkArgument(
          restartTime == null
              || (!restartTime.isNegative()
                  && restartTime.toSeconds() <= GracefulRestartCapability.MAX_RESTART_TIME),
          "restartTime: %s (expected: 0 to 4095 s)",
          restartTime);
      this.gracefulRestart = Optional.ofNullable(restartTime);
      this.forwardingPreserved = forwardingPreserved;
      return this;
    }

    /** Sets how long a returning peer's stale routes wait for its End-of-RIB at most. */
    public Builder staleRoutesTime(Duration time) {
      checkArgument(
          !time.isNegative() && !time.isZero(), "staleRoutesTime: %s (expected: positive)", time);
      this.staleRoutesTime = time;
      return this;
    }

    /**
     * Takes part in long-lived graceful restart (RFC 9494), advertising {@code staleTime} (0 to
     * 16777215 s) for each family; {@code null} turns it off.
     */
    public Builder longLivedGracefulRestart(@Nullable Duration staleTime) {
      checkArgument(
          staleTime == null
              || (!staleTime.isNegative()
                  && staleTime.toSeconds() <= LongLivedGracefulRestartCapability.MAX_STALE_TIME),
          "staleTime: %s (expected: 0 to 16777215 s)",
          staleTime);
      this.longLivedStaleTime = Optional.ofNullable(staleTime);
      return this;
    }

    /** Limits the routes the peer may send in {@code family}. */
    public Builder prefixLimit(AfiSafi family, PrefixLimit limit) {
      this.prefixLimits.put(family, limit);
      return this;
    }

    /**
     * Sets the state machine's options (connect mode, timers, damping...) on a builder that already
     * holds our OPEN and the peer AS.
     */
    public Builder fsm(UnaryOperator<FsmConfig.Builder> options) {
      this.fsmOptions = options;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalStateException if long-lived graceful restart is on without graceful restart
     *     (RFC 9494 section 3 sends both capabilities)
     */
    public SessionConfig build() {
      if (longLivedStaleTime.isPresent() && gracefulRestart.isEmpty()) {
        throw new IllegalStateException(
            "longLivedGracefulRestart: on (expected: with gracefulRestart, RFC 9494 section 3)");
      }
      return new SessionConfig(this);
    }
  }
}
