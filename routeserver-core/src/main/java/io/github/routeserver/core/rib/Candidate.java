package io.github.routeserver.core.rib;

import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One route in the RIB without its prefix (the trie key holds that): 24 bytes on a 64-bit JVM with
 * compressed pointers. Also the {@link RibEntry} of a prefix that has exactly one route.
 */
final class Candidate implements RibEntry, Comparable<Candidate> {
  private final RouteSource source;
  private final int pathId;
  private final PathAttributes attributes;

  Candidate(RouteSource source, int pathId, PathAttributes attributes) {
    this.source = source;
    this.pathId = pathId;
    this.attributes = attributes;
  }

  static Candidate of(Route route) {
    return new Candidate(route.source(), route.pathId(), route.attributes());
  }

  /** Whether {@code route} has this candidate's source, path id and (interned) attributes. */
  boolean isSameRoute(Route route) {
    return route.attributes() == attributes
        && route.pathId() == pathId
        && route.source().equals(source);
  }

  RouteSource source() {
    return source;
  }

  int pathId() {
    return pathId;
  }

  PathAttributes attributes() {
    return attributes;
  }

  boolean isFrom(PeerId peer) {
    return source.peer().equals(peer);
  }

  boolean sameSlot(Candidate other) {
    return pathId == other.pathId && source.peer().equals(other.source.peer());
  }

  Route toRoute(Prefix prefix) {
    return new Route(prefix, source, pathId, attributes);
  }

  @Override
  public int size() {
    return 1;
  }

  @Override
  public Candidate candidate(int index) {
    Objects.checkIndex(index, 1);
    return this;
  }

  @Override
  public int multipathCount() {
    return 1;
  }

  @Override
  public DecisionStep reason() {
    return DecisionStep.ONLY_PATH;
  }

  @Override
  public RibEntry with(Candidate candidate, Prefix prefix, DecisionProcess decision) {
    if (sameSlot(candidate)) {
      return equals(candidate) ? this : candidate;
    }
    return CandidateSet.select(new Candidate[] {this, candidate}, prefix, decision);
  }

  @Override
  public @Nullable RibEntry without(
      PeerId peer, int pathId, Prefix prefix, DecisionProcess decision) {
    return this.pathId == pathId && isFrom(peer) ? null : this;
  }

  @Override
  public @Nullable RibEntry rewrite(
      PeerId peer, UnaryOperator<Candidate> rewrite, Prefix prefix, DecisionProcess decision) {
    return isFrom(peer) ? rewrite.apply(this) : this;
  }

  /** This candidate with other attributes. */
  Candidate withAttributes(PathAttributes attributes) {
    return attributes == this.attributes ? this : new Candidate(source, pathId, attributes);
  }

  /** Orders by source, then path id: the order of the losers in an entry. */
  @Override
  public int compareTo(Candidate o) {
    int c = source.compareTo(o.source);
    return c != 0 ? c : Integer.compareUnsigned(pathId, o.pathId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Candidate c
        && c.pathId == pathId
        && c.attributes == attributes
        && c.source.equals(source);
  }

  @Override
  public int hashCode() {
    return (source.hashCode() * 31 + pathId) * 31 + attributes.hashCode();
  }

  @Override
  public String toString() {
    return source
        + (pathId != 0 ? " path " + Integer.toUnsignedString(pathId) : "")
        + " "
        + attributes;
  }
}
