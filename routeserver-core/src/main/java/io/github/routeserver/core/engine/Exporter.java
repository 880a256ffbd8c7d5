package io.github.routeserver.core.engine;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.PeerInfo;
import io.github.routeserver.core.policy.PolicyContext;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.rib.DecisionProcess;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What one peer is sent for one prefix, under the server's profile and the peer's export policy:
 * which candidate (the best, or for a transparent route server the best this peer may receive) and
 * with which attributes. One per established session; not thread-safe (the session's thread).
 */
final class Exporter {
  private final RouteServerProfile profile;
  private final long localAsn;
  private final PeerId self;
  private final PeerInfo target;
  private final boolean targetInternal;
  private final @Nullable IpAddress nextHopSelf;
  private final DecisionProcess decision;
  private final RoutePolicy policy;
  private final Function<RouteSource, PolicyContext> contextFor;
  private final Map<RouteSource, PolicyContext> contexts = new HashMap<>();

  Exporter(
      RouteServerProfile profile,
      long localAsn,
      PeerId self,
      PeerInfo target,
      boolean targetInternal,
      @Nullable IpAddress nextHopSelf,
      DecisionProcess decision,
      RoutePolicy policy,
      Function<RouteSource, PolicyContext> contextFor) {
    this.profile = profile;
    this.localAsn = localAsn;
    this.self = self;
    this.target = target;
    this.targetInternal = targetInternal;
    this.nextHopSelf = nextHopSelf;
    this.decision = decision;
    this.policy = policy;
    this.contextFor = contextFor;
  }

  /** The export policy. */
  RoutePolicy policy() {
    return policy;
  }

  /** This exporter with another export policy (and a fresh context cache of its own). */
  Exporter withPolicy(RoutePolicy policy) {
    return new Exporter(
        profile, localAsn, self, target, targetInternal, nextHopSelf, decision, policy, contextFor);
  }

  /** The target peer. */
  PeerInfo target() {
    return target;
  }

  /** The attributes to send for {@code candidates} (best first), or null to send nothing. */
  @Nullable PathAttributes export(Prefix prefix, List<Route> candidates) {
    if (candidates.isEmpty()) {
      return null;
    }
    Route best = candidates.get(0);
    Route exported = exportable(best);
    if (exported != null || profile != RouteServerProfile.TRANSPARENT || candidates.size() == 1) {
      return exported == null ? null : transform(exported, best);
    }
    // RFC 7947 2.3.2: the best path among those this client may receive.
    List<Route> allowed = new ArrayList<>(candidates.size());
    for (int i = 1; i < candidates.size(); i++) {
      if (exportable(candidates.get(i)) != null) {
        allowed.add(candidates.get(i));
      }
    }
    if (allowed.isEmpty()) {
      return null;
    }
    Route chosen = allowed.size() == 1 ? allowed.get(0) : decision.select(allowed).best();
    return transform(exportable(chosen), chosen);
  }

  /** {@code route} as the export policy lets it go to the target, or null. */
  private @Nullable Route exportable(Route route) {
    PathAttributes attributes = route.attributes();
    if (route.source().peer().equals(target.id())
        || attributes.hasCommunity(Community.NO_ADVERTISE)) {
      return null;
    }
    if (profile == RouteServerProfile.ROUTER && targetInternal && route.source().internal()) {
      return null; // RFC 4271 9.2: what an internal peer said goes to no other internal peer
    }
    if (!targetInternal
        && (attributes.hasCommunity(Community.NO_EXPORT)
            || attributes.hasCommunity(Community.NO_EXPORT_SUBCONFED))) {
      return null;
    }
    return policy.apply(route, contexts.computeIfAbsent(route.source(), contextFor));
  }

  /** The attributes sent for {@code exported}, what the export policy made of {@code received}. */
  private PathAttributes transform(Route exported, Route received) {
    PathAttributes attributes = exported.attributes();
    boolean localPrefMissing = targetInternal && attributes.localPref().isEmpty();
    // RFC 4271 5.1.2: to an external peer our AS goes first, but not on the clients' routes that a
    // transparent route server passes on (RFC 7947 2.2.2.1); to an internal peer, such as Azure's
    // gateways in AS 65515, the AS_PATH goes unchanged ("SHALL NOT modify").
    boolean prepend =
        !targetInternal && (profile != RouteServerProfile.TRANSPARENT || isOriginated(received));
    if (profile == RouteServerProfile.TRANSPARENT
        && nextHopSelf == null
        && !localPrefMissing
        && !prepend
        && (targetInternal || !carriesInternalOnly(attributes))) {
      return attributes;
    }
    PathAttributes.Builder out = attributes.toBuilder();
    if (localPrefMissing) {
      // RFC 4271 5.1.5: sent to every internal peer, with the preference the route was given.
      out.localPref(decision.options().defaultLocalPref());
    }
    if (!targetInternal) {
      // RFC 4271 5.1.5: LOCAL_PREF is not sent to external peers; RFC 4456 attributes are iBGP
      // only.
      out.clearLocalPref().originatorId(null).clusterList(List.of());
    }
    if (prepend) {
      out.asPath(attributes.asPath().prepend(localAsn, 1));
      // 5.1.4: a MED received from another AS goes no further; one that the export policy set, or
      // one on a route we originate, does.
      if (!isOriginated(received) && attributes.med().equals(received.attributes().med())) {
        out.clearMed();
      }
    }
    if (nextHopSelf != null
        && attributes.nextHop().map(hop -> hop.family() == nextHopSelf.family()).orElse(true)) {
      out.nextHop(nextHopSelf).linkLocalNextHop(null);
    }
    return out.build();
  }

  private boolean isOriginated(Route route) {
    return route.source().peer().equals(self);
  }

  private static boolean carriesInternalOnly(PathAttributes attributes) {
    return attributes.localPref().isPresent()
        || attributes.originatorId().isPresent()
        || attributes.clusterListLength() > 0;
  }
}
