package io.github.routeserver.core.engine;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.rib.DecisionProcess;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one peer is sent for one prefix, under the server's profile: which candidate (the best, or
 * for a transparent route server the best this peer may receive) and with which attributes.
 * Immutable; one per established session.
 */
final class Exporter {
  private final RouteServerProfile profile;
  private final long localAsn;
  private final PeerId target;
  private final boolean targetInternal;
  private final @Nullable IpAddress nextHopSelf;
  private final DecisionProcess decision;

  Exporter(
      RouteServerProfile profile,
      long localAsn,
      PeerId target,
      boolean targetInternal,
      @Nullable IpAddress nextHopSelf,
      DecisionProcess decision) {
    this.profile = profile;
    this.localAsn = localAsn;
    this.target = target;
    this.targetInternal = targetInternal;
    this.nextHopSelf = nextHopSelf;
    this.decision = decision;
  }

  /** The attributes to send for {@code candidates} (best first), or null to send nothing. */
  @Nullable PathAttributes export(Prefix prefix, List<Route> candidates) {
    Route chosen = choose(prefix, candidates);
    return chosen == null ? null : transform(chosen.attributes());
  }

  private @Nullable Route choose(Prefix prefix, List<Route> candidates) {
    if (candidates.isEmpty()) {
      return null;
    }
    Route best = candidates.get(0);
    if (eligible(best) || profile == RouteServerProfile.AZURE) {
      return eligible(best) ? best : null;
    }
    // RFC 7947 2.3.2: the best path among those this client may receive.
    List<Route> allowed = new ArrayList<>(candidates.size());
    for (Route candidate : candidates) {
      if (eligible(candidate)) {
        allowed.add(candidate);
      }
    }
    return allowed.isEmpty() ? null : decision.select(allowed).best();
  }

  /** Whether {@code route} may be sent to the target at all. */
  private boolean eligible(Route route) {
    PathAttributes attributes = route.attributes();
    if (route.source().peer().equals(target) || attributes.hasCommunity(Community.NO_ADVERTISE)) {
      return false;
    }
    return targetInternal
        || !(attributes.hasCommunity(Community.NO_EXPORT)
            || attributes.hasCommunity(Community.NO_EXPORT_SUBCONFED));
  }

  private PathAttributes transform(PathAttributes attributes) {
    if (profile == RouteServerProfile.TRANSPARENT && nextHopSelf == null) {
      if (targetInternal || !carriesInternalOnly(attributes)) {
        return attributes;
      }
    }
    PathAttributes.Builder out = attributes.toBuilder();
    if (!targetInternal) {
      // RFC 4271 5.1.5: LOCAL_PREF is not sent to external peers; RFC 4456 attributes are iBGP
      // only.
      out.clearLocalPref().originatorId(null).clusterList(List.of());
    }
    if (profile == RouteServerProfile.AZURE) {
      // An ordinary eBGP speaker: prepend our AS and do not pass the neighbour's MED on (5.1.4).
      out.asPath(attributes.asPath().prepend(localAsn, 1));
      if (!targetInternal) {
        out.clearMed();
      }
    }
    if (nextHopSelf != null && nextHopSelf.family() == nextHopFamily(attributes)) {
      out.nextHop(nextHopSelf).linkLocalNextHop(null);
    }
    return out.build();
  }

  private static @Nullable Object nextHopFamily(PathAttributes attributes) {
    return attributes.nextHop().map(IpAddress::family).orElse(null);
  }

  private static boolean carriesInternalOnly(PathAttributes attributes) {
    return attributes.localPref().isPresent()
        || attributes.originatorId().isPresent()
        || attributes.clusterListLength() > 0;
  }
}
