package io.github.routeserver.core.engine;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.core.route.Route;

/** What sessions hand the writer thread, in order. */
sealed interface EngineEvent {
  PeerHandle peer();

  /** Routes announced and withdrawn by the peer. */
  record Routes(
      PeerHandle peer, ImmutableList<Route> announced, ImmutableList<Withdrawal> withdrawn)
      implements EngineEvent {}

  /** The peer's routes of {@code family} from sessions before {@code sessionsBefore} go. */
  record RemoveOlderSessions(PeerHandle peer, AddressFamily family, long sessionsBefore)
      implements EngineEvent {}

  /**
   * The peer's routes of {@code family} from sessions before {@code sessionsBefore} go LLGR stale.
   */
  record MarkLongLivedStale(PeerHandle peer, AddressFamily family, long sessionsBefore)
      implements EngineEvent {}

  /**
   * New policies for every peer; {@code peer} is the server's own handle (the event is the
   * server's, not a peer's).
   */
  record SwapPolicies(PeerHandle peer, PeerPolicies policies) implements EngineEvent {}

  /** The peer is gone, and its routes with it. */
  record Removed(PeerHandle peer) implements EngineEvent {}

  /**
   * Runs {@code action} once the events before it are applied and published; {@code peer} is the
   * server's own handle.
   */
  record AfterPendingChanges(PeerHandle peer, Runnable action) implements EngineEvent {}
}
