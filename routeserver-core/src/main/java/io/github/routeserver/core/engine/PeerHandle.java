package io.github.routeserver.core.engine;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A peer's connection to the route server, used by the peer's BGP session: it hands in what the
 * peer announced and withdrew, and pulls what the peer must be sent.
 *
 * <p>Inbound methods may be called from any thread; calls from one thread are applied in order. The
 * outbound methods ({@link #sessionEstablished}, {@link #drain}, {@link #resendAll}, {@link
 * #sessionDown}) must all be called from the session's own thread.
 */
public final class PeerHandle {
  private final RouteServer server;
  private final PeerConfig config;
  private final PeerOutbound outbound;
  private volatile @Nullable Runnable resume;

  PeerHandle(RouteServer server, PeerConfig config, PeerOutbound outbound) {
    this.server = server;
    this.config = config;
    this.outbound = outbound;
  }

  /** The peer's configuration. */
  public PeerConfig config() {
    return config;
  }

  /**
   * The session with the peer is established: its routes will carry {@code source} (whose session
   * number must differ from the previous session's), and the whole table will be sent, with {@code
   * localAddress} as next hop where the profile or configuration asks for next-hop-self.
   */
  public void sessionEstablished(RouteSource source, IpAddress localAddress) {
    checkArgument(
        source.peer().equals(config.id()),
        "source: %s (expected: a source of peer %s)",
        source,
        config.id());
    outbound.start(server.exporter(config, source.internal(), localAddress));
    server.enqueue(new EngineEvent.SessionUp(this, source), 0);
  }

  /**
   * Hands in one UPDATE's worth of changes (or several). Returns false when the server's inbound
   * queue is full: the caller should stop reading from the peer until the resume callback runs. The
   * changes are accepted either way.
   */
  public boolean submit(List<Route> announced, List<Withdrawal> withdrawn) {
    return server.enqueue(
        new EngineEvent.Routes(
            this, ImmutableList.copyOf(announced), ImmutableList.copyOf(withdrawn)),
        announced.size() + withdrawn.size());
  }

  /** Sets what runs (on the writer thread) when a paused caller of {@link #submit} may go on. */
  public void onResume(Runnable resume) {
    this.resume = resume;
  }

  /**
   * The session went down. With {@code keepRoutesStale} (graceful restart, RFC 4724) the peer's
   * routes stay until {@link #purgeStale} or until the next session replaces them; otherwise they
   * are withdrawn now.
   */
  public void sessionDown(boolean keepRoutesStale) {
    outbound.stop();
    server.enqueue(new EngineEvent.SessionDown(this, keepRoutesStale), 0);
  }

  /**
   * Removes the routes of earlier sessions that the current session has not announced again (at
   * End-of-RIB, or when the restart timer runs out).
   */
  public void purgeStale() {
    server.enqueue(new EngineEvent.PurgeStale(this), 0);
  }

  /**
   * Feeds up to {@code budget} prefix changes for this peer into {@code sink}; returns how many.
   * Fewer than {@code budget} means the peer is up to date; the wake-up set with {@link
   * #onOutboundWork} runs (on the writer thread) when there is more.
   */
  public int drain(int budget, ExportSink sink) {
    return outbound.drain(budget, sink);
  }

  /** Whether the whole table has been fed since the session came up (time for End-of-RIB). */
  public boolean initialTableSent() {
    return outbound.initialTableSent();
  }

  /** Feeds the whole table again, as a ROUTE-REFRESH asks. */
  public void resendAll() {
    outbound.resend();
  }

  /** Sets what runs (on the writer thread) when there is something new to drain. */
  public void onOutboundWork(Runnable wakeup) {
    outbound.wakeup(wakeup);
  }

  /** Removes this peer and its routes from the server. */
  public void remove() {
    outbound.stop();
    server.enqueue(new EngineEvent.Removed(this), 0);
  }

  PeerOutbound outbound() {
    return outbound;
  }

  void resume() {
    Runnable r = resume;
    if (r != null) {
      r.run();
    }
  }

  @Override
  public String toString() {
    return "PeerHandle[" + config.name() + "]";
  }
}
