package io.github.routeserver.core.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RibTest {
  private static final DecisionProcess ECMP =
      new DecisionProcess(
          DecisionOptions.builder().multipathThrough(DecisionStep.AS_PATH_LENGTH).build());
  private static final RouteSource NVA1 = RouteSource.external("10.1.0.4", 65001);
  private static final RouteSource NVA2 = RouteSource.external("10.1.0.5", 65002);
  private static final Prefix NET = Prefix.parse("192.168.0.0/16");

  private static Route route(RouteSource source, Prefix prefix, long... path) {
    return Route.of(
        prefix,
        source,
        PathAttributes.builder().asPath(AsPath.of(path)).nextHop(source.peer().address()).build());
  }

  @Test
  void announcingTheFirstRouteAddsThePrefix() {
    Rib empty = Rib.empty(ECMP);
    RibDelta delta = empty.announce(route(NVA1, NET, 65001));
    List<RibDelta.Change> changes = delta.changes().toList();
    assertEquals(1, changes.size());
    assertEquals(RibDelta.Kind.ADDED, changes.get(0).kind());
    assertEquals(DecisionStep.ONLY_PATH, changes.get(0).after().orElseThrow().reason());
    assertTrue(empty.isEmpty());
    assertEquals(1, delta.after().size());
  }

  @Test
  void aBetterRouteReplacesTheBestAndAWorseOneChangesNothingVisible() {
    Rib one = Rib.empty(ECMP).announce(route(NVA1, NET, 65001, 65001)).after();
    RibDelta better = one.announce(route(NVA2, NET, 65002));
    assertEquals(RibDelta.Kind.REPLACED, better.changes().findFirst().orElseThrow().kind());
    assertEquals(NVA2, better.after().best(NET).orElseThrow().source());
    assertEquals(DecisionStep.AS_PATH_LENGTH, better.after().selection(NET).orElseThrow().reason());

    RibDelta worse = one.announce(route(NVA2, NET, 65002, 65002, 65002));
    assertEquals(0, worse.changes().count());
    assertEquals(List.of(NET), worse.touchedPrefixes().toList());
    assertEquals(2, worse.after().candidates(NET).size());
  }

  @Test
  void equalPathsFormAMultipathSetThatShrinksWhenOnePeerGoesDown() {
    Rib both =
        Rib.empty(ECMP)
            .announce(route(NVA1, NET, 65001))
            .after()
            .announce(route(NVA2, NET, 65002))
            .after();
    assertEquals(2, both.selection(NET).orElseThrow().multipath().size());
    RibDelta down = both.withdrawPeer(NVA1.peer());
    RibDelta.Change change = down.changes().findFirst().orElseThrow();
    assertEquals(RibDelta.Kind.REPLACED, change.kind());
    assertEquals(
        ImmutableList.of(route(NVA2, NET, 65002)), change.after().orElseThrow().multipath());
    assertEquals(2, both.selection(NET).orElseThrow().multipath().size(), "old version unchanged");
  }

  @Test
  void withdrawingTheLastRouteWithdrawsThePrefix() {
    Rib one = Rib.empty(ECMP).announce(route(NVA1, NET, 65001)).after();
    RibDelta delta = one.withdraw(NVA1.peer(), NET, 0);
    assertEquals(RibDelta.Kind.WITHDRAWN, delta.changes().findFirst().orElseThrow().kind());
    assertTrue(delta.after().isEmpty());
    assertTrue(one.withdraw(NVA2.peer(), NET, 0).isEmpty(), "unknown route: no change");
    assertTrue(one.withdraw(NVA1.peer(), NET, 7).isEmpty(), "other path id: no change");
  }

  @Test
  void reannouncingTheSameRouteIsNoChange() {
    Rib one = Rib.empty(ECMP).announce(route(NVA1, NET, 65001)).after();
    RibDelta again = one.announce(route(NVA1, NET, 65001));
    assertTrue(again.isEmpty());
    assertSame(one, again.after());
  }

  @Test
  void keepsAddPathRoutesOfOnePeerApart() {
    PathAttributes a = route(NVA1, NET, 65001).attributes();
    PathAttributes b = route(NVA1, NET, 65001, 7).attributes();
    Rib rib =
        Rib.empty(ECMP)
            .announce(new Route(NET, NVA1, 1, a))
            .after()
            .announce(new Route(NET, NVA1, 2, b))
            .after();
    assertEquals(2, rib.candidates(NET).size());
    assertEquals(1, rib.best(NET).orElseThrow().pathId());
    assertEquals(2, rib.adjRibIn(NVA1.peer()).count());
  }

  @Test
  void findsTheLongestMatchOfAnAddress() {
    Rib rib =
        Rib.empty(ECMP)
            .announce(route(NVA1, Prefix.parse("10.0.0.0/8"), 65001))
            .after()
            .announce(route(NVA2, Prefix.parse("10.1.0.0/16"), 65002))
            .after();
    assertEquals(
        Prefix.parse("10.1.0.0/16"),
        rib.longestMatch(IpAddress.parse("10.1.2.3")).orElseThrow().prefix());
    assertEquals(
        Prefix.parse("10.0.0.0/8"),
        rib.longestMatch(IpAddress.parse("10.2.0.0")).orElseThrow().prefix());
    assertTrue(rib.longestMatch(IpAddress.parse("11.0.0.0")).isEmpty());
  }

  @Test
  void editorWithdrawsAPeersRoutesAnnouncedInTheSameBatch() {
    Rib.Editor editor = Rib.empty(ECMP).editor();
    editor.announce(route(NVA1, NET, 65001));
    editor.announce(route(NVA2, Prefix.parse("10.0.0.0/8"), 65002));
    editor.withdrawPeer(NVA1.peer());
    Rib rib = editor.commit().after();
    assertEquals(1, rib.size());
    assertFalse(rib.best(NET).isPresent());
  }

  @Property
  void theRibDoesNotDependOnArrivalOrderOrOnBatching(
      @ForAll("routes") List<Route> routes, @ForAll Random random) {
    Rib oneByOne = Rib.empty(ECMP);
    for (Route route : routes) {
      oneByOne = oneByOne.announce(route).after();
    }
    List<Route> shuffled = new ArrayList<>(routes);
    Collections.shuffle(shuffled, random);
    Rib.Editor editor = Rib.empty(ECMP).editor();
    shuffled.forEach(editor::announce);
    Rib batched = editor.commit().after();
    assertEquals(
        oneByOne.selections().collect(Collectors.toList()),
        batched.selections().collect(Collectors.toList()));
  }

  @Property
  void deltasDescribeExactlyTheDifferenceBetweenVersions(
      @ForAll("routes") List<Route> first, @ForAll("routes") List<Route> second) {
    Rib before = load(Rib.empty(ECMP), first);
    Rib after = load(before, second);
    // Withdraw one peer too, so that every kind of change appears.
    after = after.withdrawPeer(NVA1.peer()).after();
    RibDelta delta = RibDelta.between(before, after);
    for (RibDelta.Change change : delta.changes().toList()) {
      assertEquals(before.selection(change.prefix()), change.before());
      assertEquals(after.selection(change.prefix()), change.after());
      assertFalse(change.before().equals(change.after()));
    }
    List<Prefix> changed = delta.changes().map(RibDelta.Change::prefix).toList();
    Rib finalAfter = after;
    before
        .selections()
        .filter(s -> !changed.contains(s.prefix()))
        .forEach(s -> assertEquals(s.best(), finalAfter.best(s.prefix()).orElseThrow()));
  }

  private static Rib load(Rib rib, List<Route> routes) {
    Rib.Editor editor = rib.editor();
    routes.forEach(editor::announce);
    return editor.commit().after();
  }

  /** Routes of three peers over a handful of nested prefixes, unique per (prefix, peer). */
  @Provide
  Arbitrary<List<Route>> routes() {
    List<RouteSource> sources = List.of(NVA1, NVA2, RouteSource.external("10.1.0.6", 65003));
    List<Prefix> prefixes =
        List.of(
            Prefix.parse("10.0.0.0/8"),
            Prefix.parse("10.1.0.0/16"),
            Prefix.parse("10.1.1.0/24"),
            Prefix.parse("0.0.0.0/0"),
            Prefix.parse("2001:db8::/32"));
    Arbitrary<Route> route =
        Combinators.combine(
                Arbitraries.of(sources),
                Arbitraries.of(prefixes),
                Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 2))
            .as(
                (source, prefix, length, med) -> {
                  long[] path = new long[length];
                  java.util.Arrays.fill(path, source.asn());
                  PathAttributes.Builder attributes =
                      PathAttributes.builder()
                          .asPath(AsPath.of(path))
                          .nextHop(source.peer().address());
                  if (med > 0) {
                    attributes.med(med);
                  }
                  return Route.of(prefix, source, attributes.build());
                });
    return route.list().ofMaxSize(12).uniqueElements(r -> r.prefix() + "/" + r.source().peer());
  }

  @Test
  void adjRibInListsOnlyThePeersOwnRoutes() {
    Rib rib =
        load(
            Rib.empty(ECMP),
            List.of(
                route(NVA1, NET, 65001),
                route(NVA2, NET, 65002),
                route(NVA2, Prefix.parse("10.0.0.0/8"), 65002)));
    assertEquals(1, rib.adjRibIn(NVA1.peer()).count());
    assertEquals(2, rib.adjRibIn(NVA2.peer()).count());
    assertEquals(0, rib.adjRibIn(PeerId.of("10.9.9.9")).count());
  }
}
