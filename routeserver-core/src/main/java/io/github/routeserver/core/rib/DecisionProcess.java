package io.github.routeserver.core.rib;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The BGP decision process (RFC 4271 section 9.1.2.2) as a ladder of {@link DecisionStep}s: each
 * rung removes the candidates that are not best by its criterion, until one remains. Because every
 * rung looks at the whole set (never at pairs), the outcome does not depend on the order in which
 * routes arrived, and MED is compared only within groups of the same neighbour AS, as the RFC asks.
 *
 * <p>Immutable and thread-safe.
 */
public final class DecisionProcess {
  private static final Comparator<Route> ARRIVAL_INDEPENDENT_ORDER =
      Comparator.comparing(Route::source).thenComparing(r -> Integer.toUnsignedLong(r.pathId()));

  private final DecisionOptions options;

  /** A decision process with the given options. */
  public DecisionProcess(DecisionOptions options) {
    this.options = options;
  }

  /** The options this process applies. */
  public DecisionOptions options() {
    return options;
  }

  /**
   * Selects the best route among {@code candidates}, all for the same prefix.
   *
   * @throws IllegalArgumentException if {@code candidates} is empty or mixes prefixes
   */
  public Selection select(List<Route> candidates) {
    checkArgument(!candidates.isEmpty(), "candidates: empty (expected: at least one route)");
    for (Route route : candidates) {
      checkArgument(
          route.prefix().equals(candidates.get(0).prefix()),
          "candidates: %s and %s (expected: one prefix)",
          candidates.get(0).prefix(),
          route.prefix());
    }
    if (candidates.size() == 1) {
      return new Selection(
          candidates.get(0), DecisionStep.ONLY_PATH, ImmutableList.of(candidates.get(0)));
    }
    List<Route> survivors = new ArrayList<>(candidates);
    survivors.sort(ARRIVAL_INDEPENDENT_ORDER);
    DecisionStep multipathThrough = options.multipathThrough().orElse(null);
    List<Route> multipath = null;
    DecisionStep reason = DecisionStep.PATH_ID;
    for (DecisionStep step : DecisionStep.values()) {
      if (step == DecisionStep.ONLY_PATH) {
        continue;
      }
      survivors = keepBest(step, survivors);
      if (step == multipathThrough) {
        multipath = survivors;
      }
      if (survivors.size() == 1) {
        reason = step;
        break;
      }
    }
    Route best = survivors.get(0);
    if (multipath == null || multipath.size() == 1) {
      return new Selection(best, reason, ImmutableList.of(best));
    }
    ImmutableList.Builder<Route> ordered = ImmutableList.builder();
    ordered.add(best);
    for (Route route : multipath) {
      if (route != best) {
        ordered.add(route);
      }
    }
    return new Selection(best, reason, ordered.build());
  }

  private List<Route> keepBest(DecisionStep step, List<Route> routes) {
    if (step == DecisionStep.MED) {
      return keepLowestMed(routes);
    }
    if (step == DecisionStep.IGP_COST && options.igpCost().isEmpty()) {
      return routes;
    }
    Comparator<Route> order = comparator(step);
    Route best = routes.get(0);
    for (Route route : routes) {
      if (order.compare(route, best) < 0) {
        best = route;
      }
    }
    List<Route> kept = new ArrayList<>(routes.size());
    for (Route route : routes) {
      if (order.compare(route, best) == 0) {
        kept.add(route);
      }
    }
    return kept;
  }

  /** Lower is better. */
  private Comparator<Route> comparator(DecisionStep step) {
    return switch (step) {
      case NOT_LLGR_STALE ->
          Comparator.comparing(r -> r.attributes().hasCommunity(Community.LLGR_STALE));
      case LOCAL_PREF -> Comparator.comparingLong(r -> -localPref(r.attributes()));
      case AS_PATH_LENGTH -> Comparator.comparingInt(r -> r.attributes().asPath().length());
      case ORIGIN -> Comparator.comparingInt(r -> r.attributes().origin().code());
      case EXTERNAL_OVER_INTERNAL -> Comparator.comparing(r -> r.source().internal());
      case IGP_COST ->
          Comparator.comparingLong(
              r ->
                  r.attributes()
                      .nextHop()
                      .map(hop -> options.igpCost().orElseThrow().applyAsLong(hop))
                      .orElse(Long.MAX_VALUE));
      case ROUTER_ID ->
          Comparator.comparing(
              r -> r.attributes().originatorId().orElse(r.source().bgpIdentifier()));
      case CLUSTER_LIST_LENGTH -> Comparator.comparingInt(r -> r.attributes().clusterListLength());
      case PEER_ADDRESS -> Comparator.comparing(r -> r.source().peer().address());
      case PATH_ID -> Comparator.comparingLong(r -> Integer.toUnsignedLong(r.pathId()));
      case ONLY_PATH, MED -> throw new AssertionError(step + " is not a plain comparison");
    };
  }

  private long localPref(PathAttributes attributes) {
    OptionalLong localPref = attributes.localPref();
    return localPref.isPresent() ? localPref.getAsLong() : options.defaultLocalPref();
  }

  private long med(PathAttributes attributes) {
    OptionalLong med = attributes.med();
    if (med.isPresent()) {
      return med.getAsLong();
    }
    return options.missingMedAsWorst() ? 0xFFFF_FFFFL : 0;
  }

  /**
   * RFC 4271 9.1.2.2 (c): remove each route whose MED is higher than the lowest MED among routes
   * with the same neighbour AS (or among all routes when MEDs are always compared).
   */
  private List<Route> keepLowestMed(List<Route> routes) {
    Map<Long, Long> lowestByNeighbor = new HashMap<>();
    for (Route route : routes) {
      lowestByNeighbor.merge(medGroup(route), med(route.attributes()), Math::min);
    }
    List<Route> kept = new ArrayList<>(routes.size());
    for (Route route : routes) {
      if (med(route.attributes()) == lowestByNeighbor.get(medGroup(route))) {
        kept.add(route);
      }
    }
    return kept;
  }

  private long medGroup(Route route) {
    if (options.alwaysCompareMed()) {
      return 0;
    }
    // A path without a leading AS_SEQUENCE was originated inside our AS: its own group.
    return route.attributes().asPath().neighborAs().orElse(-1);
  }
}
