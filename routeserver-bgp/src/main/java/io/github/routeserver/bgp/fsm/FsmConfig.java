package io.github.routeserver.bgp.fsm;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.MoreObjects;
import io.github.routeserver.bgp.wire.Open;
import java.time.Duration;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The configuration of one peer's state machine: the session attributes of RFC 4271 section 8.1.1
 * and 8.1.2. Immutable; build with {@link #builder(Open)}.
 *
 * <p>Defaults: connect retry 120 s and large hold time 240 s (the values RFC 4271 suggests); active
 * connection; no delay open; automatic restart with peer oscillation damping, idle hold time 5 s
 * doubling to at most 300 s, forgotten after 300 s established; NOTIFICATION without OPEN allowed;
 * no collision detection in Established; minimum acceptable hold time 3 s; jitter on.
 */
public final class FsmConfig {
  private final Open localOpen;
  private final OptionalLong peerAs;
  private final ConnectMode connectMode;
  private final Duration connectRetryTime;
  private final Duration largeHoldTime;
  private final Duration delayOpenTime;
  private final int minimumHoldTime;
  private final boolean allowAutomaticStart;
  private final boolean dampPeerOscillations;
  private final Duration idleHoldTime;
  private final Duration maxIdleHoldTime;
  private final Duration dampingForgetTime;
  private final boolean sendNotificationWithoutOpen;
  private final boolean collisionDetectEstablishedState;
  private final boolean jitter;
  private final long jitterSeed;
  private final OpenCheck openCheck;

  private FsmConfig(Builder b) {
    this.localOpen = b.localOpen;
    this.peerAs = b.peerAs;
    this.connectMode = b.connectMode;
    this.connectRetryTime = b.connectRetryTime;
    this.largeHoldTime = b.largeHoldTime;
    this.delayOpenTime = b.delayOpenTime;
    this.minimumHoldTime = b.minimumHoldTime;
    this.allowAutomaticStart = b.allowAutomaticStart;
    this.dampPeerOscillations = b.dampPeerOscillations;
    this.idleHoldTime = b.idleHoldTime;
    this.maxIdleHoldTime = b.maxIdleHoldTime;
    this.dampingForgetTime = b.dampingForgetTime;
    this.sendNotificationWithoutOpen = b.sendNotificationWithoutOpen;
    this.collisionDetectEstablishedState = b.collisionDetectEstablishedState;
    this.jitter = b.jitter;
    this.jitterSeed = b.jitterSeed;
    this.openCheck = b.openCheck;
  }

  /**
   * A builder of a configuration that sends {@code localOpen}: its hold time is the one this
   * speaker proposes and its BGP identifier and AS resolve connection collisions.
   *
   * @throws IllegalArgumentException if the hold time of {@code localOpen} is 1 or 2, which RFC
   *     4271 section 4.2 forbids
   */
  public static Builder builder(Open localOpen) {
    return new Builder(localOpen);
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The OPEN this speaker sends. */
  public Open localOpen() {
    return localOpen;
  }

  /** The AS the peer must be in (RFC 4271 section 6.2, Bad Peer AS), or empty to accept any. */
  public OptionalLong peerAs() {
    return peerAs;
  }

  /** Whether and when this speaker initiates connections. */
  public ConnectMode connectMode() {
    return connectMode;
  }

  /** ConnectRetryTime: the time between outbound connection attempts. */
  public Duration connectRetryTime() {
    return connectRetryTime;
  }

  /** The hold time while waiting for the peer's OPEN (RFC 4271 section 8.2.2: 4 minutes). */
  public Duration largeHoldTime() {
    return largeHoldTime;
  }

  /** DelayOpenTime: how long to wait for the peer's OPEN before sending ours; zero for never. */
  public Duration delayOpenTime() {
    return delayOpenTime;
  }

  /** Whether DelayOpen (RFC 4271 section 8.1.1) is on. */
  public boolean delayOpen() {
    return !delayOpenTime.isZero();
  }

  /**
   * The smallest non-zero hold time accepted from the peer, in seconds (at least 3: RFC 4271
   * section 6.2 refuses 1 and 2 with Unacceptable Hold Time).
   */
  public int minimumHoldTime() {
    return minimumHoldTime;
  }

  /** AllowAutomaticStart: whether the machine restarts itself after the idle hold time. */
  public boolean allowAutomaticStart() {
    return allowAutomaticStart;
  }

  /** DampPeerOscillations: whether the idle hold time doubles after each consecutive failure. */
  public boolean dampPeerOscillations() {
    return dampPeerOscillations;
  }

  /** IdleHoldTime: the wait in Idle before an automatic restart, after a first failure. */
  public Duration idleHoldTime() {
    return idleHoldTime;
  }

  /** The longest idle hold time damping reaches. */
  public Duration maxIdleHoldTime() {
    return maxIdleHoldTime;
  }

  /**
   * How long a session must stay established for its earlier failures to be forgotten, so that
   * damping starts again from {@link #idleHoldTime()}.
   */
  public Duration dampingForgetTime() {
    return dampingForgetTime;
  }

  /** SendNOTIFICATIONwithoutOPEN: whether a NOTIFICATION may precede this speaker's OPEN. */
  public boolean sendNotificationWithoutOpen() {
    return sendNotificationWithoutOpen;
  }

  /**
   * CollisionDetectEstablishedState: whether a new connection whose OPEN arrives while the session
   * is established goes through collision resolution; without it the new connection is closed
   * (unless graceful restart lets the peer in, RFC 4724 section 4.2).
   */
  public boolean collisionDetectEstablishedState() {
    return collisionDetectEstablishedState;
  }

  /**
   * Whether the keepalive and connect retry intervals are shortened by a random 0 to 25% (RFC 4271
   * section 10).
   */
  public boolean jitter() {
    return jitter;
  }

  /** The seed of the jitter; give each peer its own so that their timers drift apart. */
  public long jitterSeed() {
    return jitterSeed;
  }

  /** The check of the peer's OPEN beyond RFC 4271 section 6.2. */
  public OpenCheck openCheck() {
    return openCheck;
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper("FsmConfig")
        .add("localOpen", localOpen)
        .add("peerAs", peerAs)
        .add("connectMode", connectMode)
        .add("connectRetryTime", connectRetryTime)
        .add("largeHoldTime", largeHoldTime)
        .add("delayOpenTime", delayOpenTime)
        .add("minimumHoldTime", minimumHoldTime)
        .add("allowAutomaticStart", allowAutomaticStart)
        .add("dampPeerOscillations", dampPeerOscillations)
        .add("idleHoldTime", idleHoldTime)
        .add("maxIdleHoldTime", maxIdleHoldTime)
        .add("dampingForgetTime", dampingForgetTime)
        .add("sendNotificationWithoutOpen", sendNotificationWithoutOpen)
        .add("collisionDetectEstablishedState", collisionDetectEstablishedState)
        .add("jitter", jitter)
        .toString();
  }

  /** Whether and when a speaker initiates the TCP connection to its peer. */
  public enum ConnectMode {
    /** Connect at once on start, and again after each connect retry time (events 1 and 3). */
    ACTIVE,
    /**
     * PassiveTcpEstablishment (events 4 and 5): wait one connect retry time for the peer to
     * connect, then connect as in {@link #ACTIVE}.
     */
    PASSIVE,
    /** Never connect: wait for the peer, for example a dynamic neighbour of unknown address. */
    LISTEN_ONLY
  }

  /** Builds configurations. Not thread-safe. */
  public static final class Builder {
    private final Open localOpen;
    private OptionalLong peerAs = OptionalLong.empty();
    private ConnectMode connectMode = ConnectMode.ACTIVE;
    private Duration connectRetryTime = Duration.ofSeconds(120);
    private Duration largeHoldTime = Duration.ofMinutes(4);
    private Duration delayOpenTime = Duration.ZERO;
    private int minimumHoldTime = 3;
    private boolean allowAutomaticStart = true;
    private boolean dampPeerOscillations = true;
    private Duration idleHoldTime = Duration.ofSeconds(5);
    private Duration maxIdleHoldTime = Duration.ofSeconds(300);
    private Duration dampingForgetTime = Duration.ofSeconds(300);
    private boolean sendNotificationWithoutOpen = true;
    private boolean collisionDetectEstablishedState;
    private boolean jitter = true;
    private long jitterSeed;
    private OpenCheck openCheck = OpenCheck.NONE;

    private Builder(Open localOpen) {
      int holdTime = localOpen.holdTime();
      checkArgument(
          holdTime == 0 || holdTime >= 3,
          "localOpen: hold time %s (expected: 0 or at least 3)",
          holdTime);
      this.localOpen = localOpen;
    }

    private Builder(FsmConfig c) {
      this.localOpen = c.localOpen;
      this.peerAs = c.peerAs;
      this.connectMode = c.connectMode;
      this.connectRetryTime = c.connectRetryTime;
      this.largeHoldTime = c.largeHoldTime;
      this.delayOpenTime = c.delayOpenTime;
      this.minimumHoldTime = c.minimumHoldTime;
      this.allowAutomaticStart = c.allowAutomaticStart;
      this.dampPeerOscillations = c.dampPeerOscillations;
      this.idleHoldTime = c.idleHoldTime;
      this.maxIdleHoldTime = c.maxIdleHoldTime;
      this.dampingForgetTime = c.dampingForgetTime;
      this.sendNotificationWithoutOpen = c.sendNotificationWithoutOpen;
      this.collisionDetectEstablishedState = c.collisionDetectEstablishedState;
      this.jitter = c.jitter;
      this.jitterSeed = c.jitterSeed;
      this.openCheck = c.openCheck;
    }

    /** Requires the peer to be in {@code asn}; {@code null} accepts any AS. */
    public Builder peerAs(@Nullable Long asn) {
      checkArgument(
          asn == null || (asn >= 0 && asn <= 0xFFFF_FFFFL),
          "peerAs: %s (expected: 0 to 4294967295)",
          asn);
      this.peerAs = asn == null ? OptionalLong.empty() : OptionalLong.of(asn);
      return this;
    }

    /** Sets whether and when this speaker connects. */
    public Builder connectMode(ConnectMode connectMode) {
      this.connectMode = connectMode;
      return this;
    }

    /** Sets the connect retry time (positive). */
    public Builder connectRetryTime(Duration time) {
      this.connectRetryTime = positive("connectRetryTime", time);
      return this;
    }

    /** Sets the hold time used while waiting for the peer's OPEN (positive). */
    public Builder largeHoldTime(Duration time) {
      this.largeHoldTime = positive("largeHoldTime", time);
      return this;
    }

    /** Sets the delay open time; zero turns DelayOpen off. */
    public Builder delayOpenTime(Duration time) {
      checkArgument(!time.isNegative(), "delayOpenTime: %s (expected: zero or more)", time);
      this.delayOpenTime = time;
      return this;
    }

    /** Sets the smallest non-zero hold time accepted from the peer, in seconds (3 to 65535). */
    public Builder minimumHoldTime(int seconds) {
      checkArgument(
          seconds >= 3 && seconds <= 0xFFFF, "minimumHoldTime: %s (expected: 3 to 65535)", seconds);
      this.minimumHoldTime = seconds;
      return this;
    }

    /** Sets whether the machine restarts itself after failures. */
    public Builder allowAutomaticStart(boolean allow) {
      this.allowAutomaticStart = allow;
      return this;
    }

    /** Sets whether the idle hold time doubles after consecutive failures. */
    public Builder dampPeerOscillations(boolean damp) {
      this.dampPeerOscillations = damp;
      return this;
    }

    /** Sets the first and the longest idle hold time (both positive, first not above longest). */
    public Builder idleHoldTime(Duration first, Duration longest) {
      positive("idleHoldTime", first);
      checkArgument(
          longest.compareTo(first) >= 0,
          "maxIdleHoldTime: %s (expected: at least idleHoldTime %s)",
          longest,
          first);
      this.idleHoldTime = first;
      this.maxIdleHoldTime = longest;
      return this;
    }

    /** Sets how long a session must stay established for damping to forget failures. */
    public Builder dampingForgetTime(Duration time) {
      this.dampingForgetTime = positive("dampingForgetTime", time);
      return this;
    }

    /** Sets whether a NOTIFICATION may precede this speaker's OPEN. */
    public Builder sendNotificationWithoutOpen(boolean allow) {
      this.sendNotificationWithoutOpen = allow;
      return this;
    }

    /** Sets whether collisions with an established session are resolved by identifier. */
    public Builder collisionDetectEstablishedState(boolean detect) {
      this.collisionDetectEstablishedState = detect;
      return this;
    }

    /** Sets whether timers are jittered, and the seed of the jitter. */
    public Builder jitter(boolean on, long seed) {
      this.jitter = on;
      this.jitterSeed = seed;
      return this;
    }

    /** Sets the check of the peer's OPEN beyond RFC 4271 section 6.2. */
    public Builder openCheck(OpenCheck check) {
      this.openCheck = check;
      return this;
    }

    /** The configuration. */
    public FsmConfig build() {
      return new FsmConfig(this);
    }

    private static Duration positive(String name, Duration time) {
      checkArgument(
          !time.isNegative() && !time.isZero(), "%s: %s (expected: positive)", name, time);
      return time;
    }
  }
}
