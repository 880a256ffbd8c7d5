package io.github.routeserver.core.rib;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.trie.PrefixTrie;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A persistent routing information base: for every prefix, the candidate routes learned from all
 * peers (after import policy) and the outcome of the {@link DecisionProcess}. Every change returns
 * a new version inside a {@link RibDelta} and leaves this one untouched, so a {@code Rib} is also
 * its own snapshot: readers on any thread may keep and query it for as long as they like.
 *
 * <p>Views, all derived from the one structure:
 *
 * <ul>
 *   <li>the Loc-RIB: {@link #selections()}, {@link #selection(Prefix)}, {@link #locRib()};
 *   <li>the Adj-RIB-In of one peer (post-policy): {@link #adjRibIn(PeerId)};
 *   <li>every candidate for a prefix: {@link #candidates(Prefix)}.
 * </ul>
 *
 * <p>Storage: one persistent {@link PrefixTrie} keyed by prefix; a prefix with one route costs a
 * trie leaf and one small candidate object, the attribute sets being interned and shared. Immutable
 * and thread-safe; edits in bulk go through {@link #editor()}.
 */
public final class Rib {
  private final PrefixTrie<RibEntry> entries;
  private final DecisionProcess decision;

  private Rib(PrefixTrie<RibEntry> entries, DecisionProcess decision) {
    this.entries = entries;
    this.decision = decision;
  }

  /** An empty RIB that decides with {@code decision}. */
  public static Rib empty(DecisionProcess decision) {
    return new Rib(PrefixTrie.empty(), decision);
  }

  /** The decision process of this RIB. */
  public DecisionProcess decisionProcess() {
    return decision;
  }

  /** The number of prefixes that have at least one route. O(1). */
  public int size() {
    return entries.size();
  }

  /** Whether the RIB has no route. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The decision for {@code prefix}, if any route to it is known. */
  public Optional<Selection> selection(Prefix prefix) {
    RibEntry entry = entries.get(prefix);
    return entry == null ? Optional.empty() : Optional.of(entry.selection(prefix));
  }

  /** The best route to {@code prefix}, if any. */
  public Optional<Route> best(Prefix prefix) {
    RibEntry entry = entries.get(prefix);
    return entry == null ? Optional.empty() : Optional.of(entry.candidate(0).toRoute(prefix));
  }

  /**
   * Every candidate route to {@code prefix}: the best first, then the multipath set, then the rest.
   */
  public ImmutableList<Route> candidates(Prefix prefix) {
    return routes(prefix, entries.get(prefix));
  }

  static ImmutableList<Route> routes(Prefix prefix, @Nullable RibEntry entry) {
    if (entry == null) {
      return ImmutableList.of();
    }
    if (entry.size() == 1) {
      return ImmutableList.of(entry.candidate(0).toRoute(prefix));
    }
    ImmutableList.Builder<Route> routes = ImmutableList.builderWithExpectedSize(entry.size());
    for (int i = 0; i < entry.size(); i++) {
      routes.add(entry.candidate(i).toRoute(prefix));
    }
    return routes.build();
  }

  /**
   * The decision for the most specific prefix that contains {@code address}, as forwarding would.
   */
  public Optional<Selection> longestMatch(IpAddress address) {
    return entries.longestMatch(address).map(e -> e.value().selection(e.prefix()));
  }

  /** The Loc-RIB: one decision per prefix, in prefix order. */
  public Stream<Selection> selections() {
    return entries.stream().map(e -> e.value().selection(e.prefix()));
  }

  /** The best route of every prefix, in prefix order. */
  public Stream<Route> locRib() {
    return entries.stream().map(e -> e.value().candidate(0).toRoute(e.prefix()));
  }

  /**
   * The routes learned from {@code peer} that passed import policy, in prefix order. This walks the
   * whole RIB: O(size).
   */
  public Stream<Route> adjRibIn(PeerId peer) {
    return entries.stream()
        .flatMap(
            e ->
                IntStream.range(0, e.value().size())
                    .mapToObj(e.value()::candidate)
                    .filter(c -> c.isFrom(peer))
                    .map(c -> c.toRoute(e.prefix())));
  }

  /** Adds {@code route}, or replaces the route of its peer and path id for its prefix. */
  public RibDelta announce(Route route) {
    Candidate candidate = Candidate.of(route);
    Prefix prefix = route.prefix();
    return to(
        entries.update(
            prefix, old -> old == null ? candidate : old.with(candidate, prefix, decision)));
  }

  /** Removes the route of {@code peer} and {@code pathId} to {@code prefix}, if there is one. */
  public RibDelta withdraw(PeerId peer, Prefix prefix, int pathId) {
    return to(
        entries.update(
            prefix, old -> old == null ? null : old.without(peer, pathId, prefix, decision)));
  }

  /** Removes every route of {@code peer}, as when its session goes down. O(size). */
  public RibDelta withdrawPeer(PeerId peer) {
    Editor editor = editor();
    editor.withdrawPeer(peer);
    return editor.commit();
  }

  /** A transient editor that applies many changes and commits them as one new version. */
  public Editor editor() {
    return new Editor(this);
  }

  private RibDelta to(PrefixTrie<RibEntry> next) {
    return new RibDelta(this, next == entries ? this : new Rib(next, decision));
  }

  PrefixTrie<RibEntry> entries() {
    return entries;
  }

  @Override
  public String toString() {
    return "Rib[" + entries.size() + " prefixes]";
  }

  /**
   * Applies many changes to a RIB and commits them as one new version; much faster than one {@link
   * Rib#announce} after another for bulk loads. Not thread-safe. The RIB it started from never
   * changes.
   */
  public static final class Editor {
    private final Rib base;
    private final PrefixTrie.Editor<RibEntry> entries;
    // Routes of one UPDATE share their source and attributes: they share one candidate too.
    private @Nullable Candidate lastCandidate;
    private boolean changed;

    private Editor(Rib base) {
      this.base = base;
      this.entries = base.entries.editor();
    }

    /** Adds {@code route}, or replaces the route of its peer and path id for its prefix. */
    public Editor announce(Route route) {
      Candidate candidate = lastCandidate;
      if (candidate == null || !candidate.isSameRoute(route)) {
        candidate = Candidate.of(route);
        lastCandidate = candidate;
      }
      Prefix prefix = route.prefix();
      Candidate added = candidate;
      return edit(prefix, old -> old == null ? added : old.with(added, prefix, base.decision));
    }

    /** Removes the route of {@code peer} and {@code pathId} to {@code prefix}, if there is one. */
    public Editor withdraw(PeerId peer, Prefix prefix, int pathId) {
      return edit(
          prefix, old -> old == null ? null : old.without(peer, pathId, prefix, base.decision));
    }

    /**
     * Removes every route of {@code peer}, including those announced through this editor. O(size).
     */
    public Editor withdrawPeer(PeerId peer) {
      rewrite(peer, null, candidate -> null);
      return this;
    }

    /**
     * Removes the routes of {@code peer} to prefixes of {@code family} learned in sessions numbered
     * below {@code sessionsBefore}: stale routes kept by graceful restart whose time ran out or
     * that End-of-RIB proved gone (RFC 4724 section 4.2). O(size of the family).
     */
    public Editor withdrawOlderSessions(PeerId peer, AddressFamily family, long sessionsBefore) {
      rewrite(
          peer,
          family,
          candidate -> candidate.source().session() < sessionsBefore ? null : candidate);
      return this;
    }

    /**
     * Long-lived graceful restart begins (RFC 9494 section 4.2): of the routes of {@code peer} to
     * prefixes of {@code family} learned in sessions numbered below {@code sessionsBefore}, those
     * with NO_LLGR are removed and the others get LLGR_STALE, which makes them least preferred.
     */
    public Editor markLongLivedStale(PeerId peer, AddressFamily family, long sessionsBefore) {
      rewrite(
          peer,
          family,
          candidate -> {
            PathAttributes attributes = candidate.attributes();
            if (candidate.source().session() >= sessionsBefore) {
              return candidate;
            }
            return attributes.hasCommunity(Community.NO_LLGR)
                ? null
                : candidate.withAttributes(
                    attributes.toBuilder().addCommunity(Community.LLGR_STALE).build());
          });
      return this;
    }

    private void rewrite(
        PeerId peer, @Nullable AddressFamily family, UnaryOperator<Candidate> rewrite) {
      for (AddressFamily scope :
          family == null ? List.of(AddressFamily.values()) : List.of(family)) {
        entries.replaceAll(
            scope,
            (prefix, entry) -> {
              @Nullable RibEntry kept = entry.rewrite(peer, rewrite, prefix, base.decision);
              changed |= kept != entry;
              return kept;
            });
      }
    }

    private Editor edit(Prefix prefix, UnaryOperator<@Nullable RibEntry> function) {
      entries.update(
          prefix,
          old -> {
            RibEntry updated = function.apply(old);
            changed |= updated != old;
            return updated;
          });
      return this;
    }

    /** The changes made so far as a delta from the RIB this editor started from. */
    public RibDelta commit() {
      PrefixTrie<RibEntry> frozen = entries.freeze(); // runs deferred edits, which set changed
      return changed ? base.to(frozen) : new RibDelta(base, base);
    }
  }
}
