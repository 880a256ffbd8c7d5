package io.github.routeserver.core.engine;

import io.github.routeserver.core.rib.RibDelta;

/**
 * Told of every change to the RIB, on the writer thread, in commit order. Implementations must be
 * quick (hand heavy work to another thread) and must not call back into the route server's writer;
 * an exception goes to the server's error handler and does not stop the others.
 */
@FunctionalInterface
public interface RouteServerListener {
  /** The RIB changed from {@code delta.before()} to {@code snapshot.rib()}. */
  void onChange(RibSnapshot snapshot, RibDelta delta);
}
