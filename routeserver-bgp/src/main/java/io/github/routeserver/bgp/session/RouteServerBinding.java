package io.github.routeserver.bgp.session;

import io.github.routeserver.bgp.fsm.DownReason;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.core.engine.ExportSink;
import io.github.routeserver.core.engine.PeerHandle;
import io.github.routeserver.core.engine.Withdrawal;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds one {@link BgpSession} to its peer in a {@link
 * io.github.routeserver.core.engine.RouteServer}: the session's routes go to the server through the
 * peer's {@link PeerHandle}, and the session pulls what the server exports to the peer. IPv4 and
 * IPv6 unicast are carried; other families are not part of the RIB.
 *
 * <p>Flow control: when the server's inbound queue is full, the binding asks the host to stop
 * reading from the peer ({@code pauseReading}) and the server's resume callback, which the host
 * supplies as {@code resumeReading}, lets it go on.
 *
 * <p>Not thread-safe: call it, as the session does, from the session's thread.
 */
public final class RouteServerBinding implements SessionListener, OutboundRoutes {
  private static final Logger log = LoggerFactory.getLogger(RouteServerBinding.class);

  private final PeerHandle peer;
  private final Runnable pauseReading;
  private final Sink sink = new Sink();
  private Set<AfiSafi> families = Set.of();

  /**
   * A binding of the peer behind {@code peer}.
   *
   * @param peer the peer's handle in the route server
   * @param pauseReading stops reading from the connection until the handle's resume callback runs
   */
  public RouteServerBinding(PeerHandle peer, Runnable pauseReading) {
    this.peer = peer;
    this.pauseReading = pauseReading;
  }

  @Override
  public void established(NegotiatedSession session) {
    families = session.families();
    peer.sessionEstablished(session.source(), session.localAddress());
  }

  @Override
  public void routesReceived(RouteSource source, List<Route> announced, NlriList withdrawn) {
    List<Withdrawal> withdrawals = new ArrayList<>(withdrawn.size());
    for (int i = 0; i < withdrawn.size(); i++) {
      withdrawals.add(new Withdrawal(withdrawn.prefix(i), withdrawn.pathId(i)));
    }
    if (!peer.submit(announced, withdrawals)) {
      log.debug("{}: route server busy, pausing reads", peer.config().name());
      pauseReading.run();
    }
  }

  @Override
  public void endOfRib(RouteSource source, AfiSafi family) {
    log.debug("{}: End-of-RIB for {}", peer.config().name(), family);
  }

  @Override
  public void routeRefreshRequested(RouteSource source, AfiSafi family) {
    log.debug("{}: route refresh for {}", peer.config().name(), family);
  }

  @Override
  public void removeRoutes(PeerId peerId, AfiSafi family, long sessionsBefore) {
    family.unicastFamily().ifPresent(f -> peer.removeOlderSessions(f, sessionsBefore));
  }

  @Override
  public void markLongLivedStale(PeerId peerId, AfiSafi family, long sessionsBefore) {
    family.unicastFamily().ifPresent(f -> peer.markLongLivedStale(f, sessionsBefore));
  }

  @Override
  public void down(RouteSource source, DownReason reason, Set<AfiSafi> keptStale) {
    families = Set.of();
    peer.sessionDown();
  }

  @Override
  public void sendAll(AfiSafi family) {
    family.unicastFamily().ifPresent(peer::resendAll);
  }

  @Override
  public boolean pull(int limit, OutboundSink target) {
    sink.target = target;
    try {
      return peer.drain(limit, sink) == limit;
    } finally {
      sink.target = null;
    }
  }

  /** Passes the server's exports on, keeping only the families the session carries. */
  private final class Sink implements ExportSink {
    private @Nullable OutboundSink target;

    @Override
    public void announce(Prefix prefix, PathAttributes attributes) {
      if (carried(prefix.family())) {
        target().announce(prefix, 0, attributes);
      }
    }

    @Override
    public void withdraw(Prefix prefix) {
      if (carried(prefix.family())) {
        target().withdraw(prefix, 0);
      }
    }

    @Override
    public void tableSent(AddressFamily family) {
      if (carried(family)) {
        target().tableSent(AfiSafi.unicast(family));
      }
    }

    private boolean carried(AddressFamily family) {
      return families.contains(AfiSafi.unicast(family));
    }

    private OutboundSink target() {
      if (target == null) {
        throw new IllegalStateException("exports outside a pull");
      }
      return target;
    }
  }
}
