package io.github.routeserver.core.engine;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.PeerInfo;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.core.policy.PolicyContext;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.Term;
import io.github.routeserver.core.rib.DecisionOptions;
import io.github.routeserver.core.rib.DecisionProcess;
import io.github.routeserver.core.rib.DecisionStep;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.rib.RibDelta;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BGP route server: peers hand it their routes through {@link PeerHandle}s, one writer thread
 * applies them to the {@link Rib} in batches, and every peer pulls what it must be sent.
 *
 * <p>Threads: the writer thread, made with the host's {@link ThreadFactory} by {@link #start()},
 * owns every change to the RIB. {@link #snapshot()} may be called from any thread at any time and
 * never blocks. Listeners run on the writer thread. Errors in events or listeners go to the host's
 * error handler and never stop the writer.
 *
 * <p>Memory: the inbound queue is bounded in routes; when it is full, {@link PeerHandle#submit}
 * tells the session to stop reading until the writer has caught up. Outbound work is a pass over
 * the difference of two RIB versions per peer, so a slow peer costs no backlog. Each template makes
 * at most its {@link PeerTemplate#maxPeers} dynamic peers at a time; the host removes those that
 * are gone ({@link PeerHandle#remove}).
 */
public final class RouteServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RouteServer.class);
  private static final RoutePolicy ACCEPT_ORIGINATED = Term.named("originated").accept();

  private final long localAsn;
  private final IpAddress routerId;
  private final RouteServerProfile profile;
  private final DecisionProcess decision;
  private final long inboundCapacity;
  private final ThreadFactory threadFactory;
  private final BiConsumer<String, Throwable> errorHandler;

  private final LinkedBlockingQueue<EngineEvent> queue = new LinkedBlockingQueue<>();
  private final AtomicLong pendingRoutes = new AtomicLong();
  private final Set<PeerHandle> paused = ConcurrentHashMap.newKeySet();
  private final Map<PeerId, PeerHandle> peers = new ConcurrentHashMap<>();
  private final List<PeerTemplate> templates = new CopyOnWriteArrayList<>();
  // How many dynamic peers each template has. Guarded by itself, as is every put into peers and
  // every removal from it.
  private final Map<PeerTemplate, Integer> dynamicPeers = new HashMap<>();
  private final List<RouteServerListener> listeners = new CopyOnWriteArrayList<>();
  private volatile PeerPolicies policies;
  private final Rib empty;
  // Routes this speaker originates: a peer of its own that is never exported to.
  private final PeerHandle local;
  private volatile RibSnapshot snapshot;
  private volatile boolean closed;
  private @Nullable Thread writer;

  private RouteServer(Builder b) {
    this.localAsn = b.localAsn;
    this.routerId = b.routerId;
    this.profile = b.profile;
    this.decision =
        new DecisionProcess(b.decisionOptions != null ? b.decisionOptions : defaults(b.profile));
    this.inboundCapacity = b.inboundCapacity;
    this.threadFactory = b.threadFactory;
    this.errorHandler = b.errorHandler;
    this.policies = b.policies;
    this.empty = Rib.empty(decision);
    this.snapshot = new RibSnapshot(0, empty);
    this.local =
        newHandle(
            PeerConfig.builder().name("local").id(new PeerId(routerId)).asn(localAsn).build(),
            null);
  }

  private static DecisionOptions defaults(RouteServerProfile profile) {
    return profile == RouteServerProfile.AZURE
        ? DecisionOptions.builder().multipathThrough(DecisionStep.AS_PATH_LENGTH).build()
        : DecisionOptions.DEFAULT;
  }

  /** A builder; the local AS and the router id are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts the writer thread. */
  public synchronized void start() {
    checkState(writer == null && !closed, "RouteServer: already started");
    Thread thread = threadFactory.newThread(this::runWriter);
    writer = thread;
    thread.start();
    log.info("route server AS{} ({}, {}) started", localAsn, routerId, profile);
  }

  /** Stops the writer thread; pending events are dropped. Sessions should be closed first. */
  @Override
  public void close() {
    Thread thread;
    synchronized (this) {
      closed = true;
      thread = writer;
    }
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The latest RIB. Never blocks. */
  public RibSnapshot snapshot() {
    return snapshot;
  }

  /** Our AS. */
  public long localAsn() {
    return localAsn;
  }

  /** Our BGP identifier. */
  public IpAddress routerId() {
    return routerId;
  }

  /** The profile. */
  public RouteServerProfile profile() {
    return profile;
  }

  /** The decision process of the RIB. */
  public DecisionProcess decisionProcess() {
    return decision;
  }

  /** The import and export policies of every peer. */
  public PeerPolicies policies() {
    return policies;
  }

  /**
   * Originates {@code prefix} from this speaker with {@code attributes} (typically an empty
   * AS_PATH, ORIGIN IGP and our address as next hop), replacing what was originated for it before.
   * Export policies apply to it as to learned routes; import policies do not.
   */
  public void originate(Prefix prefix, PathAttributes attributes) {
    local.submit(List.of(Route.of(prefix, localSource(), attributes)), List.of());
  }

  /** Stops originating {@code prefix}. */
  public void withdrawOriginated(Prefix prefix) {
    local.submit(List.of(), List.of(Withdrawal.of(prefix)));
  }

  /** The source of the routes this speaker originates. */
  public RouteSource localSource() {
    return new RouteSource(new PeerId(routerId), localAsn, routerId, false);
  }

  /**
   * Replaces every peer's policies atomically, as of the next batch of the writer thread. Peers
   * whose export policy changes are sent only the prefixes whose outcome changes; peers whose
   * import policy changes are asked for their routes again (their {@link
   * PeerHandle#onImportPolicyChange} callback), because routes are kept after import policy only.
   */
  public void swapPolicies(PeerPolicies next) {
    enqueue(new EngineEvent.SwapPolicies(local, next), 0);
  }

  /**
   * What {@link #swapPolicies}{@code (candidate)} would change, computed now against the latest
   * snapshot on the calling thread, without changing anything.
   */
  public PolicyDryRun dryRun(PeerPolicies candidate) {
    RibSnapshot now = snapshot;
    PeerPolicies current = policies;
    ImmutableMap.Builder<PeerId, ImmutableList<PolicyDryRun.ExportChange>> exports =
        ImmutableMap.builder();
    ImmutableSet.Builder<PeerId> importChanged = ImmutableSet.builder();
    for (PeerHandle peer : peers.values()) {
      PeerInfo info = peer.config().info();
      if (!current.importPolicy(info).equals(candidate.importPolicy(info))) {
        importChanged.add(info.id());
      }
      Exporter live = peer.outbound().exporter();
      RoutePolicy next = candidate.exportPolicy(info);
      if (live == null || live.policy().equals(next)) {
        continue;
      }
      Exporter before = live.withPolicy(live.policy());
      Exporter after = live.withPolicy(next);
      ImmutableList.Builder<PolicyDryRun.ExportChange> changes = ImmutableList.builder();
      RibDelta.between(empty, now.rib())
          .candidateChanges()
          .forEach(
              c -> {
                PathAttributes was = before.export(c.prefix(), c.after());
                PathAttributes will = after.export(c.prefix(), c.after());
                if (was != will) {
                  changes.add(
                      new PolicyDryRun.ExportChange(
                          c.prefix(), Optional.ofNullable(was), Optional.ofNullable(will)));
                }
              });
      exports.put(info.id(), changes.build());
    }
    return new PolicyDryRun(now.version(), exports.buildOrThrow(), importChanged.build());
  }

  /** Registers a listener of RIB changes. */
  public void addListener(RouteServerListener listener) {
    listeners.add(listener);
  }

  /** Removes a listener. */
  public void removeListener(RouteServerListener listener) {
    listeners.remove(listener);
  }

  /**
   * Adds a configured peer.
   *
   * @throws IllegalArgumentException if a peer with that address exists
   */
  public PeerHandle addPeer(PeerConfig config) {
    PeerHandle handle = newHandle(config, null);
    synchronized (dynamicPeers) {
      checkArgument(
          peers.putIfAbsent(config.id(), handle) == null,
          "peer: %s (already configured)",
          config.id());
    }
    return handle;
  }

  /**
   * Lets any address in {@code template}'s range peer, with the template's AS, up to the template's
   * {@link PeerTemplate#maxPeers} peers at a time.
   */
  public void addTemplate(PeerTemplate template) {
    templates.add(template);
  }

  /** The first template whose range holds {@code address}, if any. */
  public Optional<PeerTemplate> templateFor(IpAddress address) {
    for (PeerTemplate template : templates) {
      if (template.range().contains(address)) {
        return Optional.of(template);
      }
    }
    return Optional.empty();
  }

  /** The peer, configured or dynamic, at {@code id}, if any. */
  public Optional<PeerHandle> peer(PeerId id) {
    return Optional.ofNullable(peers.get(id));
  }

  /**
   * The peer a connection from {@code address} belongs to: a configured peer, the dynamic peer
   * already there, or a new dynamic peer from the first template whose range holds the address
   * ({@link #templateFor}). Empty when there is none and none can be made: no template holds the
   * address (the connection should be closed unread), or that template already has its {@link
   * PeerTemplate#maxPeers} peers (the connection should be refused). Any thread.
   */
  public Optional<PeerHandle> peerFor(IpAddress address) {
    PeerId id = new PeerId(address);
    PeerHandle existing = peers.get(id);
    if (existing != null) {
      return Optional.of(existing);
    }
    Optional<PeerTemplate> template = templateFor(address);
    if (template.isEmpty()) {
      return Optional.empty();
    }
    PeerTemplate from = template.get();
    synchronized (dynamicPeers) {
      int count = dynamicPeers.getOrDefault(from, 0);
      if (count >= from.maxPeers()) {
        return Optional.ofNullable(peers.get(id));
      }
      PeerHandle made = newHandle(from.configFor(address), from);
      PeerHandle raced = peers.putIfAbsent(id, made);
      if (raced != null) {
        return Optional.of(raced);
      }
      dynamicPeers.put(from, count + 1);
      return Optional.of(made);
    }
  }

  /** All peers, configured and dynamic. */
  public List<PeerHandle> peers() {
    return List.copyOf(peers.values());
  }

  private PeerHandle newHandle(PeerConfig config, @Nullable PeerTemplate template) {
    return new PeerHandle(this, config, template, new PeerOutbound(empty, snapshot.rib()));
  }

  /** Takes {@code peer} out at once, and its routes in the writer's next batch. */
  void remove(PeerHandle peer) {
    synchronized (dynamicPeers) {
      if (!peers.remove(peer.config().id(), peer)) {
        return;
      }
      peer.template().ifPresent(t -> dynamicPeers.computeIfPresent(t, (k, n) -> n - 1));
      // Queued before a new peer at the address can exist, and so ahead of anything it submits:
      // the withdrawal of the address's routes never takes a route of the new peer.
      enqueue(new EngineEvent.Removed(peer), 0);
    }
  }

  Exporter exporter(PeerConfig config, boolean internal, IpAddress localAddress) {
    // RFC 4271 5.1.3: to an internal peer the NEXT_HOP changes only when configured to; Azure
    // Route Server gives its own address to its gateways too.
    boolean self =
        config
            .nextHopSelf()
            .orElse(
                profile == RouteServerProfile.AZURE
                    || (profile == RouteServerProfile.ROUTER && !internal));
    return new Exporter(
        profile,
        localAsn,
        local.config().id(),
        config.info(),
        internal,
        self ? localAddress : null,
        decision,
        policies.exportPolicy(config.info()),
        source -> PolicyContext.exporting(localAsn, localAddress, infoOf(source), config.info()));
  }

  /** The peer a route came from as policies see it: its configuration, or what the route says. */
  private PeerInfo infoOf(RouteSource source) {
    PeerHandle handle = peers.get(source.peer());
    return handle != null
        ? handle.config().info()
        : new PeerInfo(source.peer(), source.asn(), Optional.empty(), ImmutableSet.of());
  }

  /**
   * Runs {@code action} on the writer thread once every change handed in before this call (by any
   * peer's {@link PeerHandle#submit} or otherwise) has been applied and its RIB published to every
   * peer's outbound and to the listeners: for example to send the peers their tables only after the
   * routes received so far are in them (RFC 4724 section 4.1). Never runs once the server is
   * closed. The action must not block.
   */
  public void afterPendingChanges(Runnable action) {
    enqueue(new EngineEvent.AfterPendingChanges(local, action), 0);
  }

  /** Queues {@code event} of {@code weight} routes; false when the queue is over its capacity. */
  boolean enqueue(EngineEvent event, int weight) {
    // Count and mark paused before the writer can see the event, so that the writer's release
    // after applying it always finds this peer in the paused set.
    boolean overflow = pendingRoutes.addAndGet(weight) > inboundCapacity;
    if (overflow) {
      paused.add(event.peer());
    }
    queue.add(event);
    return !overflow;
  }

  private void runWriter() {
    List<EngineEvent> batch = new ArrayList<>();
    while (!closed) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        break;
      }
      queue.drainTo(batch, 4096);
      apply(batch);
      batch.clear();
    }
    log.info("route server AS{} stopped", localAsn);
  }

  private void apply(List<EngineEvent> events) {
    Rib before = snapshot.rib();
    Rib.Editor editor = before.editor();
    long weight = 0;
    List<Runnable> afterwards = List.of();
    for (EngineEvent event : events) {
      if (event instanceof EngineEvent.AfterPendingChanges after) {
        // Runs once the whole batch is published.
        afterwards = afterwards.isEmpty() ? new ArrayList<>() : afterwards;
        afterwards.add(after.action());
        continue;
      }
      try {
        weight += apply(event, editor);
      } catch (RuntimeException e) {
        errorHandler.accept("event " + event.getClass().getSimpleName() + " of " + event.peer(), e);
      }
    }
    RibDelta delta = editor.commit();
    if (!delta.isEmpty()) {
      RibSnapshot next = new RibSnapshot(snapshot.version() + 1, delta.after());
      // Peers first: whoever sees this snapshot may count on every peer knowing it too.
      for (PeerHandle peer : peers.values()) {
        try {
          peer.outbound().publish(next.rib()); // runs the session's wake-up
        } catch (RuntimeException e) {
          errorHandler.accept("wake-up of " + peer, e);
        }
      }
      snapshot = next;
      for (RouteServerListener listener : listeners) {
        try {
          listener.onChange(next, delta);
        } catch (RuntimeException e) {
          errorHandler.accept("listener " + listener, e);
        }
      }
    }
    if (pendingRoutes.addAndGet(-weight) <= inboundCapacity / 2 && !paused.isEmpty()) {
      for (PeerHandle peer : List.copyOf(paused)) {
        paused.remove(peer);
        try {
          peer.resume();
        } catch (RuntimeException e) {
          errorHandler.accept("resume of " + peer, e);
        }
      }
    }
    for (Runnable action : afterwards) {
      try {
        action.run();
      } catch (RuntimeException e) {
        errorHandler.accept("action after pending changes", e);
      }
    }
  }

  /** Applies one event; returns its weight in routes. */
  private long apply(EngineEvent event, Rib.Editor editor) {
    if (event instanceof EngineEvent.SwapPolicies swap) {
      swapPolicies(policies, swap.policies());
      return 0;
    }
    PeerHandle peer = event.peer();
    PeerId id = peer.config().id();
    if (event instanceof EngineEvent.Removed) {
      editor.withdrawPeer(id); // the peer already left the map (remove)
      return 0;
    }
    if (peer != local && peers.get(id) != peer) {
      return event instanceof EngineEvent.Routes r
          ? r.announced().size() + r.withdrawn().size()
          : 0;
    }
    if (event instanceof EngineEvent.Routes routes) {
      for (Withdrawal withdrawal : routes.withdrawn()) {
        editor.withdraw(id, withdrawal.prefix(), withdrawal.pathId());
      }
      PeerInfo from = peer.config().info();
      // What we originate is configuration, not something learned: no import policy.
      RoutePolicy policy = peer == local ? ACCEPT_ORIGINATED : policies.importPolicy(from);
      PolicyContext context = PolicyContext.importing(localAsn, routerId, from);
      for (Route route : routes.announced()) {
        checkArgument(
            route.source().peer().equals(id), "route: %s (expected: a route of %s)", route, id);
        Route imported = policy.apply(route, context);
        if (imported == null) {
          // Rejected: it must not linger as the previous route of this prefix either.
          editor.withdraw(id, route.prefix(), route.pathId());
        } else {
          editor.announce(imported);
        }
      }
      return routes.announced().size() + routes.withdrawn().size();
    }
    if (event instanceof EngineEvent.RemoveOlderSessions remove) {
      editor.withdrawOlderSessions(id, remove.family(), remove.sessionsBefore());
    } else if (event instanceof EngineEvent.MarkLongLivedStale stale) {
      editor.markLongLivedStale(id, stale.family(), stale.sessionsBefore());
    }
    return 0;
  }

  /** Writer thread: puts {@code next} in force and tells each peer whose policies it changes. */
  private void swapPolicies(PeerPolicies previous, PeerPolicies next) {
    for (PeerHandle peer : peers.values()) {
      PeerInfo info = peer.config().info();
      RoutePolicy export = next.exportPolicy(info);
      Exporter live = peer.outbound().exporter();
      if (live != null && !live.policy().equals(export)) {
        peer.outbound().reexport(live.withPolicy(export));
      }
      if (!previous.importPolicy(info).equals(next.importPolicy(info))) {
        peer.importPolicyChanged();
      }
    }
    policies = next;
    log.info("policies replaced");
  }

  /** Builds a {@link RouteServer}. Not thread-safe. */
  public static final class Builder {
    private long localAsn = -1;
    private @Nullable IpAddress routerId;
    private RouteServerProfile profile = RouteServerProfile.TRANSPARENT;
    private @Nullable DecisionOptions decisionOptions;
    private long inboundCapacity = 1 << 18;
    private ThreadFactory threadFactory =
        runnable -> {
          Thread thread = new Thread(runnable, "routeserver-writer");
          thread.setDaemon(true);
          return thread;
        };
    private BiConsumer<String, Throwable> errorHandler =
        (what, error) -> log.error("route server: {} failed", what, error);
    private PeerPolicies policies = PeerPolicies.builder().build();

    private Builder() {}

    /**
     * Sets the import and export policies of every peer. Without them, RFC 8212 applies: routes of
     * external peers are neither imported nor exported.
     */
    public Builder policies(PeerPolicies policies) {
      this.policies = policies;
      return this;
    }

    /** Sets our AS (65515 for {@link RouteServerProfile#AZURE}). */
    public Builder localAsn(long localAsn) {
      checkArgument(
          localAsn > 0 && localAsn <= 0xFFFF_FFFFL,
          "localAsn: %s (expected: 1 to 4294967295)",
          localAsn);
      this.localAsn = localAsn;
      return this;
    }

    /** Sets our BGP identifier, an IPv4 address. */
    public Builder routerId(IpAddress routerId) {
      checkArgument(routerId.isIpv4(), "routerId: %s (expected: an IPv4 address)", routerId);
      this.routerId = routerId;
      return this;
    }

    /** Sets the profile (default {@link RouteServerProfile#TRANSPARENT}). */
    public Builder profile(RouteServerProfile profile) {
      this.profile = profile;
      return this;
    }

    /** Overrides the profile's decision options. */
    public Builder decisionOptions(DecisionOptions decisionOptions) {
      this.decisionOptions = decisionOptions;
      return this;
    }

    /** Sets how many routes may wait for the writer before sessions are asked to pause. */
    public Builder inboundCapacity(long routes) {
      checkArgument(routes > 0, "inboundCapacity: %s (expected: > 0)", routes);
      this.inboundCapacity = routes;
      return this;
    }

    /** Sets the factory of the writer thread. */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = threadFactory;
      return this;
    }

    /** Sets where failures of events and listeners go (default: logged at ERROR). */
    public Builder errorHandler(BiConsumer<String, Throwable> errorHandler) {
      this.errorHandler = errorHandler;
      return this;
    }

    /**
     * The route server, not started.
     *
     * @throws IllegalStateException if the local AS or the router id is missing
     */
    public RouteServer build() {
      checkState(localAsn > 0, "RouteServer: localAsn is missing");
      checkState(routerId != null, "RouteServer: routerId is missing");
      return new RouteServer(this);
    }
  }
}
