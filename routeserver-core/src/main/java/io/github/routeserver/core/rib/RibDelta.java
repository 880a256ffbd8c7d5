package io.github.routeserver.core.rib;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.trie.PrefixTrie;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one change or batch of changes did to a {@link Rib}: the version before, the version after,
 * and, computed on demand by comparing the two (shared parts are skipped, so this costs about the
 * number of changed prefixes, not the size of the RIB), the prefixes whose decision changed.
 *
 * <p>Immutable and thread-safe.
 */
public final class RibDelta {
  private final Rib before;
  private final Rib after;

  RibDelta(Rib before, Rib after) {
    this.before = before;
    this.after = after;
  }

  /** The delta between any two versions of one RIB. */
  public static RibDelta between(Rib before, Rib after) {
    return new RibDelta(before, after);
  }

  /** The RIB before the change. */
  public Rib before() {
    return before;
  }

  /** The RIB after the change. */
  public Rib after() {
    return after;
  }

  /** Whether nothing changed at all, not even a candidate that did not win. O(1). */
  public boolean isEmpty() {
    return before.entries() == after.entries();
  }

  /**
   * The Loc-RIB changes in prefix order: prefixes that gained their first route, lost their last,
   * or whose best route or multipath set changed. Prefixes where only a losing candidate changed
   * are not included; see {@link #touchedPrefixes()}.
   */
  public Stream<Change> changes() {
    return before
        .entries()
        .diff(after.entries())
        .filter(c -> !RibEntry.sameSelection(c.oldValue(), c.newValue()))
        .map(this::toChange);
  }

  /** Every prefix whose candidates changed in any way, in prefix order. */
  public Stream<Prefix> touchedPrefixes() {
    return before.entries().diff(after.entries()).map(PrefixTrie.Change::prefix);
  }

  /**
   * Every prefix whose candidates changed in any way, with the candidates before and after (each
   * list best first, then the multipath set, then the rest), in prefix order. This is what a route
   * server that computes a best path per client (RFC 7947 2.3.2) needs.
   */
  public Stream<CandidateChange> candidateChanges() {
    return before
        .entries()
        .diff(after.entries())
        .map(
            c ->
                new CandidateChange(
                    c.prefix(),
                    Rib.routes(c.prefix(), c.oldValue()),
                    Rib.routes(c.prefix(), c.newValue())));
  }

  private Change toChange(PrefixTrie.Change<RibEntry> c) {
    Prefix prefix = c.prefix();
    return new Change(
        prefix,
        Optional.ofNullable(c.oldValue()).map(e -> e.selection(prefix)),
        Optional.ofNullable(c.newValue()).map(e -> e.selection(prefix)));
  }

  @Override
  public String toString() {
    return "RibDelta[" + before + " -> " + after + "]";
  }

  /** How a prefix's entry in the Loc-RIB changed. */
  public enum Kind {
    /** The prefix had no route and now has one. */
    ADDED,
    /** The best route or the multipath set of the prefix changed. */
    REPLACED,
    /** The prefix lost its last route. */
    WITHDRAWN
  }

  /**
   * How the candidates of one prefix changed.
   *
   * @param prefix the prefix
   * @param before the candidates before, best first (empty if none)
   * @param after the candidates after, best first (empty if none)
   */
  public record CandidateChange(
      Prefix prefix, ImmutableList<Route> before, ImmutableList<Route> after) {}

  /**
   * One Loc-RIB change.
   *
   * @param prefix the prefix
   * @param before the decision before, empty if the prefix had no route
   * @param after the decision after, empty if the prefix has no route any more
   */
  public record Change(Prefix prefix, Optional<Selection> before, Optional<Selection> after) {
    /** Whether the prefix was added, replaced or withdrawn. */
    public Kind kind() {
      return before.isEmpty() ? Kind.ADDED : after.isEmpty() ? Kind.WITHDRAWN : Kind.REPLACED;
    }
  }
}
