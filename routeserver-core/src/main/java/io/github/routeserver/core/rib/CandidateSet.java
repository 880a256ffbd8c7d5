package io.github.routeserver.core.rib;

import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** The {@link RibEntry} of a prefix with two or more candidates, ordered by the decision. */
final class CandidateSet implements RibEntry {
  private final Candidate[] candidates;
  private final DecisionStep reason;
  private final int multipathCount;

  private CandidateSet(Candidate[] candidates, DecisionStep reason, int multipathCount) {
    this.candidates = candidates;
    this.reason = reason;
    this.multipathCount = multipathCount;
  }

  /** Runs the decision over {@code candidates} (one per peer and path id) and orders them. */
  static RibEntry select(Candidate[] candidates, Prefix prefix, DecisionProcess decision) {
    if (candidates.length == 1) {
      return candidates[0];
    }
    Map<Route, Candidate> byRoute = new IdentityHashMap<>(candidates.length * 2);
    List<Route> routes = new ArrayList<>(candidates.length);
    for (Candidate candidate : candidates) {
      Route route = candidate.toRoute(prefix);
      byRoute.put(route, candidate);
      routes.add(route);
    }
    Selection selection = decision.select(routes);
    Candidate[] ordered = new Candidate[candidates.length];
    int n = 0;
    for (Route route : selection.multipath()) {
      ordered[n++] = byRoute.remove(route);
    }
    Candidate[] rest = byRoute.values().toArray(new Candidate[0]);
    Arrays.sort(rest);
    System.arraycopy(rest, 0, ordered, n, rest.length);
    return new CandidateSet(ordered, selection.reason(), selection.multipath().size());
  }

  @Override
  public int size() {
    return candidates.length;
  }

  @Override
  public Candidate candidate(int index) {
    return candidates[index];
  }

  @Override
  public int multipathCount() {
    return multipathCount;
  }

  @Override
  public DecisionStep reason() {
    return reason;
  }

  @Override
  public RibEntry with(Candidate candidate, Prefix prefix, DecisionProcess decision) {
    for (int i = 0; i < candidates.length; i++) {
      if (candidates[i].sameSlot(candidate)) {
        if (candidates[i].equals(candidate)) {
          return this;
        }
        Candidate[] replaced = candidates.clone();
        replaced[i] = candidate;
        return select(replaced, prefix, decision);
      }
    }
    Candidate[] added = Arrays.copyOf(candidates, candidates.length + 1);
    added[candidates.length] = candidate;
    return select(added, prefix, decision);
  }

  @Override
  public @Nullable RibEntry without(
      PeerId peer, int pathId, Prefix prefix, DecisionProcess decision) {
    for (int i = 0; i < candidates.length; i++) {
      if (candidates[i].pathId() == pathId && candidates[i].isFrom(peer)) {
        Candidate[] fewer = new Candidate[candidates.length - 1];
        System.arraycopy(candidates, 0, fewer, 0, i);
        System.arraycopy(candidates, i + 1, fewer, i, candidates.length - i - 1);
        return select(fewer, prefix, decision);
      }
    }
    return this;
  }

  @Override
  public @Nullable RibEntry rewrite(
      PeerId peer, UnaryOperator<Candidate> rewrite, Prefix prefix, DecisionProcess decision) {
    Candidate[] rewritten = new Candidate[candidates.length];
    int n = 0;
    boolean changed = false;
    for (Candidate candidate : candidates) {
      Candidate result = candidate.isFrom(peer) ? rewrite.apply(candidate) : candidate;
      changed |= result != candidate;
      if (result != null) {
        rewritten[n++] = result;
      }
    }
    if (!changed) {
      return this;
    }
    return n == 0 ? null : select(Arrays.copyOf(rewritten, n), prefix, decision);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CandidateSet s
        && s.reason == reason
        && s.multipathCount == multipathCount
        && Arrays.equals(s.candidates, candidates);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(candidates) * 31 + multipathCount;
  }

  @Override
  public String toString() {
    return Arrays.toString(candidates) + " (" + reason.description() + ")";
  }
}
