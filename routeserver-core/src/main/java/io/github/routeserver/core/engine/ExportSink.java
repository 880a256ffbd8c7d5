package io.github.routeserver.core.engine;

import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PathAttributes;

/** Receives what a peer must be told, as a session packs it into UPDATE messages. */
public interface ExportSink {
  /** Announce {@code prefix} with {@code attributes} (replacing what was sent before). */
  void announce(Prefix prefix, PathAttributes attributes);

  /** Withdraw {@code prefix}, announced before. */
  void withdraw(Prefix prefix);
}
