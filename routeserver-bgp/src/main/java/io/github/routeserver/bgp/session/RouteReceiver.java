package io.github.routeserver.bgp.session;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns the UPDATEs of one established session into routes (RFC 4271 section 9, RFC 4760): keeps
 * the families the session negotiated and RFC 7606 did not disable, and counts routes against the
 * prefix limits (RFC 4486 section 4). Keeps the set of the peer's routes only for families that
 * have a limit, so its memory is bounded by the limits. Not thread-safe.
 */
final class RouteReceiver {
  /** What one UPDATE amounts to. */
  sealed interface Outcome {}

  /**
   * The changes of one UPDATE in accepted families.
   *
   * @param announced new and replaced routes
   * @param withdrawn withdrawn (prefix, path identifier) pairs
   * @param newlyOverWarnLimit families this UPDATE took beyond a {@link PrefixLimit.Action#WARN}
   *     limit
   */
  record Changes(
      ImmutableList<Route> announced,
      NlriList withdrawn,
      ImmutableList<Exceeded> newlyOverWarnLimit)
      implements Outcome {}

  /**
   * An UPDATE that took {@code family} beyond its limit.
   *
   * @param family the family
   * @param limit its limit
   * @param count the count the UPDATE reached
   */
  record Exceeded(AfiSafi family, PrefixLimit limit, long count) implements Outcome {}

  private record RouteKey(Prefix prefix, int pathId) {}

  private final NegotiatedSession session;
  private RouteSource source;
  private final Map<AfiSafi, PrefixLimit> limits;
  private final Set<AfiSafi> disabled = new LinkedHashSet<>();
  private final Map<AfiSafi, Set<RouteKey>> held = new HashMap<>();
  private final Set<AfiSafi> overWarnLimit = new HashSet<>();
  // Enhanced route refreshes in progress: the session number they began and, in families with a
  // limit, the routes the peer has announced since (the others leave at EoRR).
  private final Map<AfiSafi, Long> refreshes = new HashMap<>();
  private final Map<AfiSafi, Set<RouteKey>> refreshed = new HashMap<>();

  RouteReceiver(NegotiatedSession session, Map<AfiSafi, PrefixLimit> limits) {
    this.session = session;
    this.source = session.source();
    this.limits = limits;
    for (AfiSafi family : limits.keySet()) {
      held.put(family, new HashSet<>());
    }
  }

  /** Whether routes of {@code family} are exchanged: negotiated and not disabled. */
  boolean accepts(AfiSafi family) {
    return session.families().contains(family) && !disabled.contains(family);
  }

  /** Stops accepting {@code family} (RFC 7606 AFI/SAFI disable); true the first time. */
  boolean disable(AfiSafi family) {
    held.remove(family);
    refreshes.remove(family);
    refreshed.remove(family);
    return disabled.add(family);
  }

  /**
   * A BoRR for {@code family} (RFC 7313 section 4.2): routes received from now on, of every family,
   * are named by {@code next}, whose session number is above all earlier ones; the routes of {@code
   * family} named by an earlier number are stale until the peer announces them again.
   */
  void beginRefresh(AfiSafi family, RouteSource next) {
    source = next;
    refreshes.put(family, next.session());
    if (held.containsKey(family)) {
      refreshed.put(family, new HashSet<>());
    }
  }

  /**
   * An EoRR for {@code family}: the routes the peer did not announce again since the BoRR are no
   * longer held.
   *
   * @return the session number the refresh began with (routes numbered below it are the stale
   *     ones), or empty when no refresh of {@code family} was in progress
   */
  OptionalLong endRefresh(AfiSafi family) {
    Long began = refreshes.remove(family);
    Set<RouteKey> fresh = refreshed.remove(family);
    if (began == null) {
      return OptionalLong.empty();
    }
    Set<RouteKey> routesHeld = held.get(family);
    if (routesHeld != null && fresh != null) {
      routesHeld.retainAll(fresh);
    }
    return OptionalLong.of(began);
  }

  /**
   * The routes {@code update} announces and withdraws in accepted families, or the first family
   * whose {@link PrefixLimit.Action#TEAR_DOWN} limit it exceeds, in which case nothing of it
   * counts.
   */
  Outcome receive(Update update) {
    boolean ipv4 = accepts(AfiSafi.IPV4_UNICAST);
    NlriList mpWithdrawn =
        update
            .mpUnreach()
            .filter(mp -> accepts(mp.afiSafi()))
            .map(mp -> mp.withdrawn())
            .orElse(NlriList.EMPTY);
    NlriList classicWithdrawn = ipv4 ? update.withdrawnRoutes() : NlriList.EMPTY;
    NlriList withdrawn = concat(classicWithdrawn, mpWithdrawn);

    ImmutableList.Builder<Route> announced = ImmutableList.builder();
    if (ipv4 && update.attributes().isPresent()) {
      addRoutes(update.nlri(), update.attributes().get(), announced);
    }
    update
        .mpReach()
        .filter(mp -> accepts(mp.afiSafi()))
        .ifPresent(mp -> addRoutes(mp.nlri(), mp.attributes(), announced));
    ImmutableList<Route> routes = announced.build();

    ImmutableList.Builder<Exceeded> warnings = ImmutableList.builder();
    for (Map.Entry<AfiSafi, PrefixLimit> entry : limits.entrySet()) {
      AfiSafi family = entry.getKey();
      PrefixLimit limit = entry.getValue();
      Set<RouteKey> routesHeld = held.get(family);
      if (routesHeld == null) {
        continue; // disabled
      }
      long count =
          count(family, limit.counting(), routesHeld, refreshed.get(family), routes, withdrawn);
      if (count <= limit.maximum()) {
        overWarnLimit.remove(family);
      } else if (limit.action() == PrefixLimit.Action.TEAR_DOWN) {
        return new Exceeded(family, limit, count);
      } else if (overWarnLimit.add(family)) {
        warnings.add(new Exceeded(family, limit, count));
      }
    }
    return new Changes(routes, withdrawn, warnings.build());
  }

  /**
   * Applies the UPDATE to the routes held in {@code family} (and to those refreshed, during an
   * enhanced route refresh) and counts as {@code counting} says.
   */
  private static long count(
      AfiSafi family,
      PrefixLimit.Counting counting,
      Set<RouteKey> routesHeld,
      @Nullable Set<RouteKey> routesRefreshed,
      ImmutableList<Route> announced,
      NlriList withdrawn) {
    long heldBefore = routesHeld.size();
    long announcedHere = 0;
    for (int i = 0; i < withdrawn.size(); i++) {
      if (AfiSafi.unicast(withdrawn.prefix(i).family()).equals(family)) {
        RouteKey key = new RouteKey(withdrawn.prefix(i), withdrawn.pathId(i));
        routesHeld.remove(key);
        if (routesRefreshed != null) {
          routesRefreshed.remove(key);
        }
      }
    }
    for (Route route : announced) {
      if (AfiSafi.unicast(route.prefix().family()).equals(family)) {
        RouteKey key = new RouteKey(route.prefix(), route.pathId());
        routesHeld.add(key);
        if (routesRefreshed != null) {
          routesRefreshed.add(key);
        }
        announcedHere++;
      }
    }
    return counting == PrefixLimit.Counting.HELD_PLUS_UPDATE
        ? heldBefore + announcedHere
        : routesHeld.size();
  }

  private void addRoutes(
      NlriList nlri, PathAttributes attributes, ImmutableList.Builder<Route> routes) {
    for (int i = 0; i < nlri.size(); i++) {
      routes.add(new Route(nlri.prefix(i), source, nlri.pathId(i), attributes));
    }
  }

  private static NlriList concat(NlriList first, NlriList second) {
    if (second.isEmpty()) {
      return first;
    }
    if (first.isEmpty()) {
      return second;
    }
    int size = first.size() + second.size();
    Prefix[] prefixes = new Prefix[size];
    int[] pathIds = new int[size];
    for (int i = 0; i < size; i++) {
      NlriList list = i < first.size() ? first : second;
      int index = i < first.size() ? i : i - first.size();
      prefixes[i] = list.prefix(index);
      pathIds[i] = list.pathId(index);
    }
    return NlriList.of(prefixes, pathIds);
  }
}
