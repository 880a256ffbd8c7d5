package io.github.routeserver.core.rib;

import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The candidate routes for one prefix with the decision already taken: candidate 0 is the best,
 * candidates {@code 0..multipathCount-1} the multipath set, the rest ordered by source and path id.
 * A prefix with one route stores just that {@link Candidate}, so the common case costs one small
 * object.
 */
sealed interface RibEntry permits Candidate, CandidateSet {

  /** The number of candidates, at least one. */
  int size();

  /** Candidate {@code index}; 0 is the best. */
  Candidate candidate(int index);

  /** How many of the first candidates form the multipath set (at least one). */
  int multipathCount();

  /** Why candidate 0 won. */
  DecisionStep reason();

  /** The entry with {@code candidate} added, or replacing the one of the same peer and path id. */
  RibEntry with(Candidate candidate, Prefix prefix, DecisionProcess decision);

  /**
   * The entry without the candidate of {@code peer} and {@code pathId} ({@code this} if there is
   * none; null if it was the last).
   */
  @Nullable RibEntry without(PeerId peer, int pathId, Prefix prefix, DecisionProcess decision);

  /**
   * The entry with each candidate of {@code peer} replaced by what {@code rewrite} makes of it: the
   * same candidate (kept), another one (replaced) or null (removed). Returns {@code this} if
   * nothing changed, null if no candidate is left.
   */
  @Nullable RibEntry rewrite(
      PeerId peer, UnaryOperator<Candidate> rewrite, Prefix prefix, DecisionProcess decision);

  /** The decision as a {@link Selection} for {@code prefix}. */
  default Selection selection(Prefix prefix) {
    Route best = candidate(0).toRoute(prefix);
    if (multipathCount() == 1) {
      return new Selection(best, reason(), com.google.common.collect.ImmutableList.of(best));
    }
    com.google.common.collect.ImmutableList.Builder<Route> multipath =
        com.google.common.collect.ImmutableList.builderWithExpectedSize(multipathCount());
    multipath.add(best);
    for (int i = 1; i < multipathCount(); i++) {
      multipath.add(candidate(i).toRoute(prefix));
    }
    return new Selection(best, reason(), multipath.build());
  }

  /** Whether the two entries select the same routes (best and multipath set). */
  static boolean sameSelection(@Nullable RibEntry a, @Nullable RibEntry b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null || a.multipathCount() != b.multipathCount()) {
      return false;
    }
    for (int i = 0; i < a.multipathCount(); i++) {
      if (!a.candidate(i).equals(b.candidate(i))) {
        return false;
      }
    }
    return true;
  }
}
