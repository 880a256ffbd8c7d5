package io.github.routeserver.bgp.session;

import io.github.routeserver.bgp.fsm.DownReason;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The engine side of one peer's session, in plain maps: an Adj-RIB-In the listener calls fill, and
 * an export table with a dirty set per family that the session pulls from. It records every call.
 */
final class MapEngine implements SessionListener, OutboundRoutes {
  /** A (prefix, path identifier) pair. */
  record Key(Prefix prefix, int pathId) {}

  final Map<Key, Route> adjRibIn = new HashMap<>();
  final List<String> events = new ArrayList<>();
  final List<NegotiatedSession> established = new ArrayList<>();
  final List<DownReason> downs = new ArrayList<>();
  final List<Set<AfiSafi>> keptStale = new ArrayList<>();
  int updatesReceived;
  long routesAnnounced;

  private final Map<AfiSafi, TreeMap<Prefix, PathAttributes>> exported = new HashMap<>();
  private final Map<AfiSafi, Set<Prefix>> dirty = new LinkedHashMap<>(); // pulled in this order
  private final Set<AfiSafi> tablesPending = new LinkedHashSet<>();
  long pulled;

  // -- what the engine exports

  /** Exports {@code prefix} with {@code attributes}; the session pulls it when it can. */
  void export(Prefix prefix, PathAttributes attributes) {
    AfiSafi family = AfiSafi.unicast(prefix.family());
    exported.computeIfAbsent(family, f -> new TreeMap<>()).put(prefix, attributes);
    dirty.computeIfAbsent(family, f -> new LinkedHashSet<>()).add(prefix);
  }

  /** Stops exporting {@code prefix}. */
  void unexport(Prefix prefix) {
    AfiSafi family = AfiSafi.unicast(prefix.family());
    exported.getOrDefault(family, new TreeMap<>()).remove(prefix);
    dirty.computeIfAbsent(family, f -> new LinkedHashSet<>()).add(prefix);
  }

  long pendingChanges() {
    return dirty.values().stream().mapToLong(Set::size).sum();
  }

  @Override
  public void sendAll(AfiSafi family) {
    dirty
        .computeIfAbsent(family, f -> new LinkedHashSet<>())
        .addAll(exported.getOrDefault(family, new TreeMap<>()).keySet());
    tablesPending.add(family);
  }

  @Override
  public boolean pull(int limit, OutboundSink sink) {
    int handed = 0;
    for (Map.Entry<AfiSafi, Set<Prefix>> entry : dirty.entrySet()) {
      TreeMap<Prefix, PathAttributes> table =
          exported.getOrDefault(entry.getKey(), new TreeMap<>());
      for (Iterator<Prefix> it = entry.getValue().iterator(); it.hasNext() && handed < limit; ) {
        Prefix prefix = it.next();
        it.remove();
        PathAttributes attributes = table.get(prefix);
        if (attributes != null) {
          sink.announce(prefix, 0, attributes);
        } else {
          sink.withdraw(prefix, 0);
        }
        handed++;
      }
    }
    pulled += handed;
    for (Iterator<AfiSafi> it = tablesPending.iterator(); it.hasNext(); ) {
      AfiSafi family = it.next();
      if (dirty.getOrDefault(family, Set.of()).isEmpty()) {
        it.remove();
        sink.tableSent(family);
      }
    }
    return pendingChanges() > 0;
  }

  // -- what the session tells

  @Override
  public void established(NegotiatedSession session) {
    established.add(session);
    events.add("established " + session.source().session());
  }

  @Override
  public void routesReceived(RouteSource source, List<Route> announced, NlriList withdrawn) {
    updatesReceived++;
    routesAnnounced += announced.size();
    for (int i = 0; i < withdrawn.size(); i++) {
      adjRibIn.remove(new Key(withdrawn.prefix(i), withdrawn.pathId(i)));
    }
    for (Route route : announced) {
      adjRibIn.put(new Key(route.prefix(), route.pathId()), route);
    }
  }

  @Override
  public void endOfRib(RouteSource source, AfiSafi family) {
    events.add("end-of-rib " + family);
  }

  @Override
  public void routeRefreshRequested(RouteSource source, AfiSafi family) {
    events.add("refresh requested " + family);
  }

  @Override
  public void removeRoutes(PeerId peer, AfiSafi family, long sessionsBefore) {
    events.add("remove " + family + " before " + sessionsBefore);
    adjRibIn.values().removeIf(r -> inFamily(r, family) && r.source().session() < sessionsBefore);
  }

  @Override
  public void markLongLivedStale(PeerId peer, AfiSafi family, long sessionsBefore) {
    events.add("long-lived stale " + family + " before " + sessionsBefore);
    adjRibIn
        .values()
        .removeIf(
            r ->
                inFamily(r, family)
                    && r.source().session() < sessionsBefore
                    && r.attributes().hasCommunity(Community.NO_LLGR));
    adjRibIn.replaceAll(
        (key, r) ->
            inFamily(r, family) && r.source().session() < sessionsBefore
                ? r.withAttributes(
                    r.attributes().toBuilder().addCommunity(Community.LLGR_STALE).build())
                : r);
  }

  @Override
  public void down(RouteSource source, DownReason reason, Set<AfiSafi> keptStale) {
    downs.add(reason);
    this.keptStale.add(keptStale);
    events.add("down " + reason.kind());
  }

  private static boolean inFamily(Route route, AfiSafi family) {
    return AfiSafi.unicast(route.prefix().family()).equals(family);
  }

  /** The routes held, by prefix, for comparing with what the other side exports. */
  Map<Prefix, PathAttributes> routesByPrefix() {
    Map<Prefix, PathAttributes> routes = new HashMap<>();
    adjRibIn.forEach((key, route) -> routes.put(key.prefix(), route.attributes()));
    return routes;
  }

  Map<Prefix, PathAttributes> exportedTable(AfiSafi family) {
    return exported.getOrDefault(family, new TreeMap<>());
  }
}
