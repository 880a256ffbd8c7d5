package io.github.routeserver.azure.routing;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.azure.model.NextHopType;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteTable;
import io.github.routeserver.azure.model.UserRoute;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.rib.Selection;
import io.github.routeserver.core.route.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Makes the route table that sends a RIB's prefixes through NVAs, for VNets without Route Server:
 * one {@code VirtualAppliance} route per prefix.
 *
 * <ul>
 *   <li>One next hop per prefix: UDRs cannot do ECMP (a second route for a prefix is {@code
 *       RouteConflict}, MRT, LAB-ECMP), so of the multipath set the lowest NEXT_HOP address is
 *       taken, which does not depend on the order routes arrived in. For ECMP, put an internal load
 *       balancer in front of the NVAs and advertise its address as next hop (MRT, FAQ).
 *   <li>Route names are the prefix with {@code /} and {@code :} written as {@code -} and {@code .},
 *       after a fixed {@code rs-} (for example {@code rs-10.1.0.0-16}), so a plan matches routes
 *       across runs by name.
 *   <li>Prefixes inside an excluded range (typically the VNet's own space, which a UDR would pull
 *       away from {@code VnetLocal}) and routes without a NEXT_HOP are left out.
 *   <li>The 400-route limit (VNLIM) is handled by a {@link RouteLimitStrategy}.
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class RouteTableGenerator {
  private static final String NAME_PREFIX = "rs-";

  private final ImmutableList<Prefix> excluded;
  private final RouteLimitStrategy strategy;
  private final int limit;

  /**
   * A generator that leaves out prefixes inside {@code excluded} and applies {@code strategy} at
   * {@link AzureRoutingOptions#maxRoutesPerTable()}.
   */
  public RouteTableGenerator(
      Iterable<Prefix> excluded, RouteLimitStrategy strategy, AzureRoutingOptions options) {
    this.excluded = ImmutableList.copyOf(excluded);
    this.strategy = strategy;
    this.limit = options.maxRoutesPerTable();
  }

  /**
   * The table {@code id} in {@code location} routing {@code rib}'s prefixes to their NVAs.
   *
   * @throws RouteLimitExceededException if the routes do not fit
   */
  public RouteTable generate(
      ResourceId id, String location, Rib rib, boolean disableBgpRoutePropagation) {
    TreeMap<Prefix, IpAddress> nextHops = new TreeMap<>();
    rib.selections()
        .forEach(
            selection -> {
              Prefix prefix = selection.prefix();
              if (excluded.stream().noneMatch(range -> range.contains(prefix))) {
                lowestNextHop(selection).ifPresent(hop -> nextHops.put(prefix, hop));
              }
            });
    if (nextHops.size() > limit && strategy == RouteLimitStrategy.AGGREGATE_LOSSLESS) {
      aggregate(nextHops);
    }
    if (nextHops.size() > limit) {
      throw new RouteLimitExceededException(id.toString(), nextHops.size(), limit);
    }
    ImmutableList.Builder<UserRoute> routes = ImmutableList.builder();
    nextHops.forEach(
        (prefix, hop) ->
            routes.add(
                new UserRoute(
                    routeName(prefix),
                    prefix.toString(),
                    NextHopType.VIRTUAL_APPLIANCE,
                    Optional.of(hop))));
    return new RouteTable(id, location, routes.build(), disableBgpRoutePropagation);
  }

  /** The deterministic route name of {@code prefix}, e.g. {@code rs-10.1.0.0-16}. */
  public static String routeName(Prefix prefix) {
    return NAME_PREFIX + prefix.toString().replace('/', '-').replace(':', '.');
  }

  private static Optional<IpAddress> lowestNextHop(Selection selection) {
    return selection.multipath().stream()
        .map(Route::attributes)
        .flatMap(a -> a.nextHop().stream())
        .min(IpAddress::compareTo);
  }

  /** Merges routes until nothing more merges without changing any address's next hop. */
  private static void aggregate(TreeMap<Prefix, IpAddress> routes) {
    boolean merged = true;
    while (merged) {
      merged = false;
      List<Prefix> prefixes = new ArrayList<>(routes.descendingKeySet());
      for (Prefix prefix : prefixes) {
        IpAddress hop = routes.get(prefix);
        if (hop == null || prefix.length() == 0) {
          continue;
        }
        Prefix parent = Prefix.of(prefix.address(), prefix.length() - 1);
        IpAddress parentHop = routes.get(parent);
        Prefix sibling = sibling(prefix);
        if (hop.equals(parentHop)) {
          routes.remove(prefix); // the parent already sends it to the same place
          merged = true;
        } else if (parentHop == null && hop.equals(routes.get(sibling))) {
          routes.remove(prefix);
          routes.remove(sibling);
          routes.put(parent, hop);
          merged = true;
        }
      }
    }
  }

  private static Prefix sibling(Prefix prefix) {
    int bit = prefix.length() - 1;
    long hi = prefix.hi();
    long lo = prefix.lo();
    if (bit < 64) {
      hi ^= 1L << (63 - bit);
    } else {
      lo ^= 1L << (127 - bit);
    }
    return Prefix.of(prefix.family(), hi, lo, prefix.length());
  }

  @Override
  public String toString() {
    return "RouteTableGenerator[" + strategy + ", limit " + limit + ", excluded " + excluded + "]";
  }
}
