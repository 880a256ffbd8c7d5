package io.github.routeserver.azure.routing;

import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.policy.AzureRouteServerPolicies;
import io.github.routeserver.core.policy.PeerInfo;
import io.github.routeserver.core.policy.PolicyContext;
import io.github.routeserver.core.policy.PolicySequence;
import io.github.routeserver.core.rib.DecisionOptions;
import io.github.routeserver.core.rib.DecisionProcess;
import io.github.routeserver.core.rib.DecisionStep;
import io.github.routeserver.core.route.Route;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How Azure Route Server turns what it learned into what it programs into a VNet and what it
 * advertises, built from core's {@link AzureRouteServerPolicies} so that each rule exists once:
 *
 * <ol>
 *   <li>import: the reserved-peer-ASN filter, the AS-path loop filter (65515; PR #128635, MR,
 *       DUAL), the VNet-overlap filter (equal or inside, supernets pass; INJ) and hub routing
 *       preference as LOCAL_PREF (HRP);
 *   <li>selection among the accepted paths with the AZURE profile's decision process: highest
 *       LOCAL_PREF (the HRP rank), then shortest AS_PATH (FAQ), every path tying on both kept as
 *       ECMP (FAQ, LAB-ECMP); with {@link AzureRoutingOptions#staticOverBgp()}, static gateway
 *       routes first;
 *   <li>export: NO_ADVERTISE (injected, never advertised; FAQ, INJ), NO_EXPORT, branch-to-branch
 *       (FAQ, ERVPN).
 * </ol>
 *
 * <p>Immutable and thread-safe.
 */
final class RouteServerRules {
  private static final DecisionProcess AZURE_DECISION =
      new DecisionProcess(
          DecisionOptions.builder().multipathThrough(DecisionStep.AS_PATH_LENGTH).build());

  private final PolicySequence importPolicy;
  private final PolicySequence exportPolicy;
  private final IpAddress localAddress;
  private final boolean staticOverBgp;

  RouteServerRules(
      AzureRouteServerPolicies policies, IpAddress localAddress, AzureRoutingOptions options) {
    this.importPolicy = policies.importPolicy();
    this.exportPolicy = policies.exportPolicy();
    this.localAddress = localAddress;
    this.staticOverBgp = options.staticOverBgp();
  }

  /** The route as import policy leaves it, or null if it is not injected. */
  @Nullable Route importRoute(Route route, PeerInfo from) {
    return importPolicy.apply(
        route, PolicyContext.importing(RouteServerProfile.AZURE_ASN, localAddress, from));
  }

  /** Whether {@code route}, learned from {@code from}, may be advertised to {@code to}. */
  boolean exports(Route route, PeerInfo from, PeerInfo to) {
    return exportPolicy.apply(
            route, PolicyContext.exporting(RouteServerProfile.AZURE_ASN, localAddress, from, to))
        != null;
  }

  /** The paths programmed for one prefix, from all the paths import policy accepted. */
  List<InjectionCandidate> select(List<InjectionCandidate> paths) {
    if (paths.size() <= 1) {
      return paths;
    }
    List<InjectionCandidate> eligible = paths;
    if (staticOverBgp && paths.stream().anyMatch(InjectionCandidate::isStatic)) {
      eligible = paths.stream().filter(InjectionCandidate::isStatic).toList();
    }
    // A gateway's route yields one path per gateway instance, all sharing the route.
    Map<Route, List<InjectionCandidate>> byRoute = new IdentityHashMap<>();
    for (InjectionCandidate path : eligible) {
      byRoute.computeIfAbsent(path.route(), r -> new ArrayList<>()).add(path);
    }
    if (byRoute.size() == 1) {
      return eligible;
    }
    return AZURE_DECISION.select(new ArrayList<>(byRoute.keySet())).multipath().stream()
        .flatMap(route -> byRoute.get(route).stream())
        .toList();
  }
}
