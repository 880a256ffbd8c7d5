package io.github.routeserver.core.engine;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A peer's connection to the route server, used by the peer's BGP session: it hands in what the
 * peer announced and withdrew, and pulls what the peer must be sent.
 *
 * <p>Routes of successive sessions are told apart by {@link RouteSource#session()}: a route
 * replaces the route of the same peer, prefix and path id whatever its session, and the session
 * layer decides when the routes of earlier sessions (kept by graceful restart) go, with {@link
 * #removeOlderSessions}.
 *
 * <p>Inbound methods may be called from any thread; calls from one thread are applied in order. The
 * outbound methods ({@link #sessionEstablished}, {@link #drain}, {@link #resendAll}, {@link
 * #sessionDown}) must all be called from the session's own thread.
 */
public final class PeerHandle {
  private final RouteServer server;
  private final PeerConfig config;
  private final @Nullable PeerTemplate template;
  private final PeerOutbound outbound;
  private volatile @Nullable Runnable resume;
  private volatile Runnable importPolicyChange = () -> {};

  PeerHandle(
      RouteServer server,
      PeerConfig config,
      @Nullable PeerTemplate template,
      PeerOutbound outbound) {
    this.server = server;
    this.config = config;
    this.template = template;
    this.outbound = outbound;
  }

  /** The peer's configuration. */
  public PeerConfig config() {
    return config;
  }

  /** The template that admitted this dynamic peer; empty for a configured peer. */
  public Optional<PeerTemplate> template() {
    return Optional.ofNullable(template);
  }

  /**
   * The session with the peer is established under {@code source}; routes will be sent with {@code
   * localAddress} as next hop where the profile or configuration asks for next-hop-self. Nothing is
   * sent until {@link #resendAll} asks for a family.
   */
  public void sessionEstablished(RouteSource source, IpAddress localAddress) {
    checkArgument(
        source.peer().equals(config.id()),
        "source: %s (expected: a source of peer %s)",
        source,
        config.id());
    outbound.start(server.exporter(config, source.internal(), localAddress));
  }

  /** The session ended: nothing more is sent. The peer's routes stay until removed. */
  public void sessionDown() {
    outbound.stop();
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
   * Removes the peer's routes to prefixes of {@code family} learned in sessions numbered below
   * {@code sessionsBefore}: all of them when a session ends without graceful restart, or the stale
   * ones when their time runs out or End-of-RIB proved them gone (RFC 4724 section 4.2).
   */
  public void removeOlderSessions(AddressFamily family, long sessionsBefore) {
    server.enqueue(new EngineEvent.RemoveOlderSessions(this, family, sessionsBefore), 0);
  }

  /**
   * Long-lived graceful restart begins for {@code family} (RFC 9494 section 4.2): of the routes
   * from sessions numbered below {@code sessionsBefore}, those with NO_LLGR go and the others get
   * LLGR_STALE, which the decision process prefers least.
   */
  public void markLongLivedStale(AddressFamily family, long sessionsBefore) {
    server.enqueue(new EngineEvent.MarkLongLivedStale(this, family, sessionsBefore), 0);
  }

  /**
   * Feeds up to {@code budget} prefix changes for this peer into {@code sink}; returns how many.
   * Fewer than {@code budget} means the peer is up to date; the wake-up set with {@link
   * #onOutboundWork} runs (on the writer thread) when there is more.
   */
  public int drain(int budget, ExportSink sink) {
    return outbound.drain(budget, sink);
  }

  /**
   * Feeds every route of {@code family} again, as after establishment or a ROUTE-REFRESH; {@link
   * ExportSink#tableSent} tells when it is done.
   */
  public void resendAll(AddressFamily family) {
    outbound.resend(family);
  }

  /**
   * Sets what runs (on the writer thread) when a swap changes this peer's import policy: the
   * session should ask the peer for its routes again (ROUTE-REFRESH, RFC 2918).
   */
  public void onImportPolicyChange(Runnable refresh) {
    this.importPolicyChange = refresh;
  }

  void importPolicyChanged() {
    importPolicyChange.run();
  }

  /** Sets what runs (on the writer thread) when there is something new to drain. */
  public void onOutboundWork(Runnable wakeup) {
    outbound.wakeup(wakeup);
  }

  /**
   * Removes this peer and its routes from the server: from now on {@link RouteServer#peerFor} and
   * {@link RouteServer#peers} no longer give this handle (the address of a dynamic peer gets a new
   * one, and its place counts no more towards its template's {@link PeerTemplate#maxPeers}),
   * nothing more is sent, and the writer withdraws the peer's routes as on a session down without
   * graceful restart, in its next batch. Anything this handle submits afterwards is ignored. Call
   * it from the session's thread; a second call does nothing.
   */
  public void remove() {
    outbound.stop();
    server.remove(this);
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
