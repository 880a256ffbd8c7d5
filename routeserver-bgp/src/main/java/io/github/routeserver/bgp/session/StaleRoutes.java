package io.github.routeserver.bgp.session;

import io.github.routeserver.bgp.fsm.DownReason;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.core.route.PeerId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Graceful restart as receiving speaker (RFC 4724 section 4.2) and long-lived graceful restart (RFC
 * 9494 section 4), family by family: which of a peer's routes are stale, until when, and what
 * happens then. Routes are named by the session that learned them (see {@link SessionListener});
 * every decision reaches the engine through the listener. Not thread-safe.
 */
final class StaleRoutes {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** Why a family's routes are stale and what their deadline ends. */
  private enum Phase {
    /** The session is down; the peer's restart time runs (RFC 4724). */
    RESTART,
    /** The restart time ran out; the long-lived stale time runs (RFC 9494). */
    LONG_LIVED,
    /** The session is back; its End-of-RIB will clear what it did not refresh. */
    AWAITING_END_OF_RIB
  }

  /**
   * The stale routes of one family.
   *
   * @param sessionsBefore the routes of sessions numbered below this are the stale ones
   * @param longLivedStaleTime the long-lived stale time in seconds; 0 when not negotiated
   */
  private record Stale(Phase phase, long sessionsBefore, long deadline, int longLivedStaleTime) {}

  private final PeerId peer;
  private final SessionListener listener;
  private final Map<AfiSafi, Stale> stale = new LinkedHashMap<>();

  StaleRoutes(PeerId peer, SessionListener listener) {
    this.peer = peer;
    this.listener = listener;
  }

  /**
   * The session ended: keeps the routes of the families the peer preserves across a restart when
   * the session ended without a NOTIFICATION (RFC 4724 section 4.2), removes the others.
   *
   * @return the families kept stale
   */
  Set<AfiSafi> sessionDown(NegotiatedSession session, DownReason reason, long now) {
    boolean graceful =
        session.gracefulRestart().isPresent()
            && (reason.kind() == DownReason.Kind.CONNECTION_LOST
                || reason.kind() == DownReason.Kind.PEER_RESTARTED);
    long number = session.source().session();
    Set<AfiSafi> families = new LinkedHashSet<>(session.families());
    families.addAll(stale.keySet());
    Set<AfiSafi> kept = new LinkedHashSet<>();
    for (AfiSafi family : families) {
      if (graceful && session.keepsStale(family)) {
        if (stale.containsKey(family)) {
          // Consecutive restarts: what is still stale from before goes (RFC 4724 section 4.2).
          listener.removeRoutes(peer, family, number);
        }
        long restartTime = session.gracefulRestart().get().restartTime() * NANOS_PER_SECOND;
        int longLived = session.longLivedStaleTimes().getOrDefault(family, 0);
        stale.put(family, new Stale(Phase.RESTART, number + 1, now + restartTime, longLived));
        kept.add(family);
      } else {
        remove(family, number + 1);
      }
    }
    return kept;
  }

  /**
   * A new session is established: a family it does not preserve forwarding state for (F bit clear,
   * family absent, or no graceful restart capability) loses its stale routes at once; the others
   * wait for End-of-RIB, at most {@code staleRoutesTime} nanoseconds (RFC 4724 section 4.2).
   */
  void sessionUp(NegotiatedSession session, long staleRoutesTime, long now) {
    long number = session.source().session();
    for (AfiSafi family : Set.copyOf(stale.keySet())) {
      boolean preserved =
          session.families().contains(family)
              && session
                  .gracefulRestart()
                  .map(
                      capability ->
                          capability.families().stream()
                              .anyMatch(f -> f.afiSafi().equals(family) && f.forwardingPreserved()))
                  .orElse(false);
      if (preserved) {
        stale.put(family, new Stale(Phase.AWAITING_END_OF_RIB, number, now + staleRoutesTime, 0));
      } else {
        remove(family, number);
      }
    }
  }

  /**
   * End-of-RIB of {@code family} after a restart: the routes of the sessions before the new one
   * that the peer did not announce again go.
   */
  void endOfRib(AfiSafi family) {
    Stale routes = stale.get(family);
    if (routes != null) {
      remove(family, routes.sessionsBefore());
    }
  }

  /** {@code family} was disabled: all its routes are gone, stale ones included. */
  void forget(AfiSafi family) {
    stale.remove(family);
  }

  /** Acts on every deadline that has passed. */
  void poll(long now) {
    for (Iterator<Map.Entry<AfiSafi, Stale>> it = stale.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<AfiSafi, Stale> entry = it.next();
      Stale routes = entry.getValue();
      if (routes.deadline() > now) {
        continue;
      }
      AfiSafi family = entry.getKey();
      if (routes.phase() == Phase.RESTART && routes.longLivedStaleTime() > 0) {
        listener.markLongLivedStale(peer, family, routes.sessionsBefore());
        entry.setValue(
            new Stale(
                Phase.LONG_LIVED,
                routes.sessionsBefore(),
                now + routes.longLivedStaleTime() * NANOS_PER_SECOND,
                0));
      } else {
        listener.removeRoutes(peer, family, routes.sessionsBefore());
        it.remove();
      }
    }
  }

  /** The earliest deadline, or {@link Long#MAX_VALUE} when no route is stale. */
  long nextDeadline() {
    long earliest = Long.MAX_VALUE;
    for (Stale routes : stale.values()) {
      earliest = Math.min(earliest, routes.deadline());
    }
    return earliest;
  }

  /** The families with stale routes. */
  Set<AfiSafi> families() {
    return Set.copyOf(stale.keySet());
  }

  private void remove(AfiSafi family, long sessionsBefore) {
    stale.remove(family);
    listener.removeRoutes(peer, family, sessionsBefore);
  }
}
