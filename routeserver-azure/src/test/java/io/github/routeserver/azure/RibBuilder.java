package io.github.routeserver.azure;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.rib.DecisionOptions;
import io.github.routeserver.core.rib.DecisionProcess;
import io.github.routeserver.core.rib.DecisionStep;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;

/**
 * Builds the RIB of a Route Server in tests: routes as NVAs or gateways announce them, decided as
 * the engine's AZURE profile does (multipath through AS_PATH length).
 */
public final class RibBuilder {
  /** The AZURE profile's decision process. */
  public static final DecisionProcess AZURE_DECISION =
      new DecisionProcess(
          DecisionOptions.builder().multipathThrough(DecisionStep.AS_PATH_LENGTH).build());

  private Rib rib = Rib.empty(AZURE_DECISION);

  /**
   * {@code peer} (AS {@code asn}) announces {@code prefix} with next hop itself and {@code path}.
   */
  public RibBuilder announce(String peer, long asn, String prefix, long... path) {
    return announce(peer, asn, prefix, peer, path);
  }

  /**
   * {@code peer} announces {@code prefix} with next hop {@code nextHop} and AS_PATH {@code path}.
   */
  public RibBuilder announce(String peer, long asn, String prefix, String nextHop, long... path) {
    rib = rib.announce(route(peer, asn, prefix, nextHop, path)).after();
    return this;
  }

  /** {@code peer} announces {@code prefix} carrying NO_ADVERTISE. */
  public RibBuilder announceNoAdvertise(String peer, long asn, String prefix, long... path) {
    Route plain = route(peer, asn, prefix, peer, path);
    rib =
        rib.announce(
                plain.withAttributes(
                    plain.attributes().toBuilder().addCommunity(Community.NO_ADVERTISE).build()))
            .after();
    return this;
  }

  /** The route {@code peer} would announce. */
  public static Route route(String peer, long asn, String prefix, String nextHop, long... path) {
    return Route.of(
        Prefix.parse(prefix),
        RouteSource.external(peer, asn),
        PathAttributes.builder().asPath(AsPath.of(path)).nextHop(IpAddress.parse(nextHop)).build());
  }

  /** The RIB. */
  public Rib build() {
    return rib;
  }
}
