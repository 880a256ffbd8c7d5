package io.github.routeserver.core.engine;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;

/** What sessions hand the writer thread, in order. */
sealed interface EngineEvent {
  PeerHandle peer();

  /** A session came up; its routes carry {@code source}. */
  record SessionUp(PeerHandle peer, RouteSource source) implements EngineEvent {}

  /** Routes announced and withdrawn by the peer. */
  record Routes(
      PeerHandle peer, ImmutableList<Route> announced, ImmutableList<Withdrawal> withdrawn)
      implements EngineEvent {}

  /** The session went down; the peer's routes stay stale or go. */
  record SessionDown(PeerHandle peer, boolean keepRoutesStale) implements EngineEvent {}

  /** Routes of earlier sessions not announced again go. */
  record PurgeStale(PeerHandle peer) implements EngineEvent {}

  /** The peer is gone, and its routes with it. */
  record Removed(PeerHandle peer) implements EngineEvent {}
}
