package io.github.routeserver.azure.routing;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.azure.model.HubRoutingPreference;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules by which Azure Route Server turns the routes it learned into the routes it programs
 * into a VNet, in one place. Each rule is also one of the built-in policies of core's {@code
 * policy} package once that lands (AS-path loop, VNet overlap, NO_ADVERTISE, hub routing preference
 * as LOCAL_PREF); until then they are written here, and this is the class to switch over.
 *
 * <ol>
 *   <li>A route whose AS_PATH holds 65515 is dropped: "not installed or propagated" (PR
 *       MicrosoftDocs/azure-docs#128635, MR, DUAL). This also drops routes one Route Server learned
 *       from another through an NVA or an ExpressRoute circuit (FAQ, "Two ARS via MSEE").
 *   <li>An NVA route whose prefix equals or lies inside the VNet's address space is not injected; a
 *       supernet is (INJ). Peered VNets' space only as {@link PeeredVnetFilter} says.
 *   <li>NO_ADVERTISE (65535:65282) routes are still injected; they are only kept from other peers
 *       (FAQ, INJ).
 *   <li>Among the paths to one prefix: first hub routing preference ranks the sources (HRP), then
 *       the shortest AS_PATH wins (FAQ), and every path that ties on both is kept: ECMP (FAQ,
 *       LAB-ECMP). MED, LOCAL_PREF and ORIGIN are not compared: no ARS document says they are
 *       (reference section 4, question 1).
 * </ol>
 *
 * <p>Immutable and thread-safe.
 */
final class RouteServerRules {
  private final ImmutableList<Prefix> vnetAddressSpace;
  private final ImmutableList<Prefix> peeredAddressSpace;
  private final PeeredVnetFilter peeredVnetFilter;
  private final HubRoutingPreference preference;
  private final boolean staticOverBgp;

  RouteServerRules(
      ImmutableList<Prefix> vnetAddressSpace,
      ImmutableList<Prefix> peeredAddressSpace,
      HubRoutingPreference preference,
      AzureRoutingOptions options) {
    this.vnetAddressSpace = vnetAddressSpace;
    this.peeredAddressSpace = peeredAddressSpace;
    this.peeredVnetFilter = options.peeredVnetFilter();
    this.preference = preference;
    this.staticOverBgp = options.staticOverBgp();
  }

  /** Rule 1: whether the route's AS_PATH already holds Route Server's AS, 65515. */
  static boolean isLooped(Route route) {
    return route.attributes().asPath().contains(RouteServerProfile.AZURE_ASN);
  }

  /** Rule 3: whether the route may be advertised to other peers (no NO_ADVERTISE). */
  static boolean isAdvertisable(Route route) {
    return !route.attributes().hasCommunity(Community.NO_ADVERTISE);
  }

  /** Rule 2: whether an NVA route to {@code prefix} is kept out of the VNet. */
  boolean overlapsVnet(Prefix prefix) {
    for (Prefix range : vnetAddressSpace) {
      if (range.contains(prefix)) {
        return true;
      }
    }
    for (Prefix range : peeredAddressSpace) {
      boolean filtered =
          switch (peeredVnetFilter) {
            case NONE -> false;
            case EXACT -> range.equals(prefix);
            case EXACT_OR_LONGER -> range.contains(prefix);
          };
      if (filtered) {
        return true;
      }
    }
    return false;
  }

  /** Rule 4: the paths programmed for one prefix, from all the paths that passed rules 1 and 2. */
  List<InjectionCandidate> select(List<InjectionCandidate> paths) {
    if (paths.size() <= 1) {
      return paths;
    }
    Comparator<InjectionCandidate> order =
        Comparator.comparingInt(this::staticRank)
            .thenComparingInt(this::preferenceRank)
            .thenComparingInt(InjectionCandidate::asPathLength);
    InjectionCandidate best = paths.stream().min(order).orElseThrow();
    List<InjectionCandidate> kept = new ArrayList<>(paths.size());
    for (InjectionCandidate path : paths) {
      if (order.compare(path, best) == 0) {
        kept.add(path);
      }
    }
    return kept;
  }

  private int staticRank(InjectionCandidate path) {
    return staticOverBgp && !path.isStatic() ? 1 : 0;
  }

  /**
   * Hub routing preference (HRP): ExpressRoute first by default; VPN and NVA first with {@code
   * VpnGateway}; no ranking with {@code ASPath}. VPN against NVA is never ranked by the setting.
   */
  private int preferenceRank(InjectionCandidate path) {
    boolean expressRoute = path.origin() == PathOrigin.EXPRESS_ROUTE_GATEWAY;
    return switch (preference) {
      case EXPRESS_ROUTE -> expressRoute ? 0 : 1;
      case VPN_GATEWAY -> expressRoute ? 1 : 0;
      case AS_PATH -> 0;
    };
  }
}
