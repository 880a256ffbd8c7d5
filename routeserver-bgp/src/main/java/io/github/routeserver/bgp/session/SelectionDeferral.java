package io.github.routeserver.bgp.session;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.GracefulRestartCapability;
import io.github.routeserver.core.route.PeerId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restarting speaker's deferral of route selection after a restart (RFC 4724 section 4.1),
 * shared by the sessions of every peer. While it is in progress the sessions send OPENs with the
 * Restart State bit set, receive and process their peers' routes, and send nothing: no route and no
 * End-of-RIB. It ends when every awaited peer has come back and sent End-of-RIB for each family of
 * its session, or when the Selection_Deferral_Timer runs out, whichever comes first; then every
 * session sends its peer the whole table followed by End-of-RIB.
 *
 * <p>The awaited peers are given when the deferral begins (the configured peers with graceful
 * restart on). A peer stops being awaited when its session comes up without graceful restart, or
 * with the Restart State bit set in its OPEN (it is restarting too and waits for us); a peer that
 * never comes back is waited for until the timer runs out.
 *
 * <p>Sans-IO: time is passed in as {@code now} (nanoseconds of a monotonic clock), and the host
 * calls {@link #poll} at {@link #deadline()}. Thread-safe, since the sessions of different peers
 * report to it from their own threads; {@code onEnd} runs once, on the thread whose call ended the
 * deferral, and must not call back into a session synchronously.
 */
public final class SelectionDeferral {
  /**
   * The default upper bound of the deferral. RFC 4724 section 4.1 requires the bound to be
   * configurable and names no value; 360 s is FRR's default ({@code selection-deferral-time} in its
   * graceful restart model). A peer keeps our routes until the session is back for the restart time
   * we advertised before the restart, and from then until our End-of-RIB for its own bound on stale
   * routes (section 4.2; 360 s in FRR, {@link SessionConfig#staleRoutesTime()} here): a deferral
   * longer than that bound loses the routes it is meant to keep.
   */
  public static final Duration DEFAULT_TIME = Duration.ofSeconds(360);

  private static final Logger log = LoggerFactory.getLogger(SelectionDeferral.class);

  private final long begun;
  private final long deadline;
  private final Runnable onEnd;
  private final Set<PeerId> notBack;
  private final Map<PeerId, Set<AfiSafi>> awaitingEndOfRib = new LinkedHashMap<>();
  private boolean inProgress;

  private SelectionDeferral(Set<PeerId> awaited, long begun, long deadline, Runnable onEnd) {
    this.begun = begun;
    this.deadline = deadline;
    this.onEnd = onEnd;
    this.notBack = new LinkedHashSet<>(awaited);
    this.inProgress = !awaited.isEmpty();
  }

  /** A deferral that is over already: the sessions of a start that is no restart. */
  public static SelectionDeferral none() {
    return new SelectionDeferral(Set.of(), 0, 0, () -> {});
  }

  /**
   * Begins deferring route selection at {@code now}, for at most {@code limit}. With no peer to
   * await it is over at once and {@code onEnd} never runs.
   *
   * @param awaited the peers whose End-of-RIB to wait for
   * @param limit the Selection_Deferral_Timer
   * @param now the time of the restart
   * @param onEnd what runs when the deferral ends, to send the tables held back; with an engine
   *     that applies routes on a thread of its own, once the routes received so far are applied
   *     (for example {@link io.github.routeserver.core.engine.RouteServer#afterPendingChanges})
   */
  public static SelectionDeferral begin(
      Set<PeerId> awaited, Duration limit, long now, Runnable onEnd) {
    checkArgument(!limit.isNegative() && !limit.isZero(), "limit: %s (expected: positive)", limit);
    SelectionDeferral deferral = new SelectionDeferral(awaited, now, now + limit.toNanos(), onEnd);
    if (awaited.isEmpty()) {
      log.info("restart: no peer with graceful restart to wait for; route selection not deferred");
    } else {
      log.info(
          "restart: route selection deferred (RFC 4724 4.1) until End-of-RIB from {} or {} s",
          awaited,
          limit.toSeconds());
    }
    return deferral;
  }

  /** Whether route selection is still deferred. */
  public synchronized boolean inProgress() {
    return inProgress;
  }

  /** When {@link #poll} must be called next; empty once the deferral is over. */
  public synchronized OptionalLong deadline() {
    return inProgress ? OptionalLong.of(deadline) : OptionalLong.empty();
  }

  /** Ends the deferral if its timer ran out by {@code now}. */
  public void poll(long now) {
    synchronized (this) {
      if (!inProgress || now < deadline) {
        return;
      }
      inProgress = false;
      Set<PeerId> missing = new LinkedHashSet<>(notBack);
      awaitingEndOfRib.forEach(
          (peer, families) -> {
            if (!families.isEmpty()) {
              missing.add(peer);
            }
          });
      log.warn(
          "restart: Selection_Deferral_Timer ran out after {} ms without End-of-RIB from {};"
              + " sending every peer its table",
          elapsedMillis(now),
          missing);
    }
    onEnd.run();
  }

  /** The session with {@code session}'s peer is established. */
  void established(NegotiatedSession session, long now) {
    PeerId peer = session.source().peer();
    synchronized (this) {
      if (!inProgress || !(notBack.remove(peer) || awaitingEndOfRib.containsKey(peer))) {
        return;
      }
      Optional<GracefulRestartCapability> gracefulRestart = session.gracefulRestart();
      if (gracefulRestart.isEmpty() || gracefulRestart.get().restarting()) {
        // RFC 4724 section 4.1: peers without graceful restart, or restarting themselves, are not
        // waited for.
        awaitingEndOfRib.remove(peer);
        log.info(
            "restart: not waiting for End-of-RIB from {} ({})",
            peer,
            gracefulRestart.isEmpty() ? "no graceful restart" : "restarting too");
      } else {
        awaitingEndOfRib.put(peer, new LinkedHashSet<>(session.families()));
      }
    }
    endIfComplete(now);
  }

  /** {@code peer} sent End-of-RIB for {@code family}. */
  void endOfRib(PeerId peer, AfiSafi family, long now) {
    synchronized (this) {
      Set<AfiSafi> families = awaitingEndOfRib.get(peer);
      if (!inProgress || families == null || !families.remove(family)) {
        return;
      }
    }
    endIfComplete(now);
  }

  private void endIfComplete(long now) {
    synchronized (this) {
      if (!inProgress
          || !notBack.isEmpty()
          || awaitingEndOfRib.values().stream().anyMatch(f -> !f.isEmpty())) {
        return;
      }
      inProgress = false;
      log.info(
          "restart: End-of-RIB from every peer after {} ms; route selection no longer deferred",
          elapsedMillis(now));
    }
    onEnd.run();
  }

  private long elapsedMillis(long now) {
    return TimeUnit.NANOSECONDS.toMillis(now - begun);
  }

  @Override
  public synchronized String toString() {
    return inProgress
        ? "SelectionDeferral[not back " + notBack + ", awaiting " + awaitingEndOfRib + "]"
        : "SelectionDeferral[over]";
  }
}
