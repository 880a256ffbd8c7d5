package io.github.routeserver.bgp.fsm;

import io.github.routeserver.bgp.wire.Open;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The BGP finite state machine of one peer (RFC 4271 section 8) as an immutable value: {@link
 * #on(FsmEvent, long)} and {@link #onTime(long)} are pure functions from this machine, an input and
 * the time to the next machine and a list of {@link FsmAction}s. The machine owns no thread, socket
 * or clock; the host feeds it events, executes its actions, and calls {@link #onTime} at {@link
 * #nextDeadline()}.
 *
 * <p>Time is a {@code long} count of nanoseconds on a monotonic clock of the host's choice ({@link
 * System#nanoTime()} or a virtual clock); it must never go backwards.
 *
 * <p>Beyond the mandatory events the machine has the optional session attributes a route server
 * needs (RFC 4271 section 8.1.1, see {@link FsmConfig}): passive TCP establishment, DelayOpen,
 * automatic start and stop, and peer oscillation damping through an idle hold time that doubles
 * after each consecutive failure. It follows the RFC 4271 section 6.8 collision procedure for a
 * second connection: the machine sends its OPEN on it too, and when the first OPEN arrives while
 * both connections are open it keeps the one initiated by the speaker with the higher BGP
 * identifier (RFC 6286 section 2.3: the higher AS when the identifiers are equal) and closes the
 * other with Cease, Connection Collision Resolution (6/7). A second connection whose OPEN arrives
 * while the session is established is closed, unless both sides advertised graceful restart, in
 * which case the peer has restarted and the old connection is closed instead (RFC 4724 section
 * 4.2).
 *
 * <p>Every unexpected message is answered by the NOTIFICATION RFC 4271 and RFC 6608 prescribe:
 * Finite State Machine Error with subcode 1, 2 or 3 and the message type as data in OpenSent,
 * OpenConfirm and Established, and subcode 0 in Connect and Active (when {@link
 * FsmConfig#sendNotificationWithoutOpen()}). A NOTIFICATION is never answered by one.
 */
public final class BgpFsm {
  static final long NEVER = Long.MAX_VALUE;

  final FsmConfig config;
  final FsmState state;
  final boolean started;
  final int connectRetryCounter;
  final int consecutiveFailures;
  final @Nullable ConnectionId connection;
  final @Nullable ConnectionId pendingOutbound;
  final @Nullable ConnectionId candidate;
  final @Nullable Open received;
  final int holdTime;
  final long establishedAt;
  final long nextOutboundSerial;
  final long jitterState;
  private final long[] deadlines;

  BgpFsm(FsmStep step) {
    this.config = step.config;
    this.state = step.state;
    this.started = step.started;
    this.connectRetryCounter = step.connectRetryCounter;
    this.consecutiveFailures = step.consecutiveFailures;
    this.connection = step.connection;
    this.pendingOutbound = step.pendingOutbound;
    this.candidate = step.candidate;
    this.received = step.received;
    this.holdTime = step.holdTime;
    this.establishedAt = step.establishedAt;
    this.nextOutboundSerial = step.nextOutboundSerial;
    this.jitterState = step.jitterState;
    this.deadlines = step.deadlines; // the step ends here: its copy becomes the machine's
  }

  /** A machine in Idle, not started, with no timer running. */
  public static BgpFsm initial(FsmConfig config) {
    return new BgpFsm(FsmStep.initial(config));
  }

  /**
   * Feeds {@code event} at time {@code now}. Timers that expired before {@code now} are not looked
   * at: call {@link #onTime} first when {@link #nextDeadline()} has passed.
   */
  public Transition on(FsmEvent event, long now) {
    FsmStep step = new FsmStep(this, now);
    step.handle(event);
    return step.result();
  }

  /**
   * Fires, in deadline order, every timer whose deadline is {@code now} or earlier (RFC 4271 events
   * 9 to 13). Returns this machine and no action when none has expired.
   */
  public Transition onTime(long now) {
    FsmStep step = new FsmStep(this, now);
    step.fireExpiredTimers();
    return step.result();
  }

  /** The earliest deadline of a running timer, or empty when no timer runs. */
  public OptionalLong nextDeadline() {
    long earliest = NEVER;
    for (long deadline : deadlines) {
      earliest = Math.min(earliest, deadline);
    }
    return earliest == NEVER ? OptionalLong.empty() : OptionalLong.of(earliest);
  }

  /** The deadline of {@code timer}, or empty when it does not run. */
  public OptionalLong deadline(Timer timer) {
    long deadline = deadlines[timer.ordinal()];
    return deadline == NEVER ? OptionalLong.empty() : OptionalLong.of(deadline);
  }

  /**
   * This machine, in the same state with the same timers, under {@code config} from now on: for
   * example an OPEN that no longer sets the Restart State bit of graceful restart once a restart is
   * over (RFC 4724 section 4.1). The OPEN already sent on a connection stays what it was.
   */
  public BgpFsm withConfig(FsmConfig config) {
    return new BgpFsm(new FsmStep(this, config, 0));
  }

  /** The configuration. */
  public FsmConfig config() {
    return config;
  }

  /** The state. */
  public FsmState state() {
    return state;
  }

  /**
   * Whether the machine was started and not stopped by the operator since: it then restarts itself
   * after failures when automatic start is allowed.
   */
  public boolean isStarted() {
    return started;
  }

  /** ConnectRetryCounter (RFC 4271 section 8): failures since the last start. */
  public int connectRetryCounter() {
    return connectRetryCounter;
  }

  /** Failures since the session was last established long enough to forget them (damping). */
  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /**
   * The connection the session runs on, or waits on for the delay open timer; empty when there is
   * none.
   */
  public Optional<ConnectionId> connection() {
    return Optional.ofNullable(connection);
  }

  /** The outbound connection being opened in Connect, if any. */
  public Optional<ConnectionId> pendingOutbound() {
    return Optional.ofNullable(pendingOutbound);
  }

  /** A second connection tracked for collision detection (RFC 4271 section 6.8), if any. */
  public Optional<ConnectionId> collisionCandidate() {
    return Optional.ofNullable(candidate);
  }

  /** The peer's OPEN, in OpenConfirm and Established. */
  public Optional<Open> received() {
    return Optional.ofNullable(received);
  }

  /** The negotiated hold time in seconds (0: no keepalives), in OpenConfirm and Established. */
  public OptionalInt negotiatedHoldTime() {
    return received == null ? OptionalInt.empty() : OptionalInt.of(holdTime);
  }

  /** {@code BgpFsm{ESTABLISHED on in#2, hold 90 s}}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("BgpFsm{").append(state);
    if (connection != null) {
      text.append(" on ").append(connection);
    }
    if (pendingOutbound != null) {
      text.append(" connecting ").append(pendingOutbound);
    }
    if (candidate != null) {
      text.append(" collision ").append(candidate);
    }
    if (received != null) {
      text.append(", hold ").append(holdTime).append(" s");
    }
    text.append(", timers ");
    boolean any = false;
    for (Timer timer : Timer.values()) {
      if (deadlines[timer.ordinal()] != NEVER) {
        text.append(any ? "," : "").append(timer);
        any = true;
      }
    }
    return text.append(any ? "" : "none").append('}').toString();
  }

  long[] deadlines() {
    return Arrays.copyOf(deadlines, deadlines.length);
  }
}
