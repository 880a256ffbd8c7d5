package io.github.routeserver.core.engine;

import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PathAttributes;

/** Receives what a peer must be told, as a session packs it into UPDATE messages. */
public interface ExportSink {
  /** Announce {@code prefix} with {@code attributes} (replacing what was sent before). */
  void announce(Prefix prefix, PathAttributes attributes);

  /** Withdraw {@code prefix}, announced before. */
  void withdraw(Prefix prefix);

  /**
   * Every route of {@code family} that {@link PeerHandle#resendAll} asked for has been fed: time
   * for End-of-RIB (RFC 4724 section 2) or, after a refresh, EoRR (RFC 7313).
   */
  void tableSent(AddressFamily family);
}
