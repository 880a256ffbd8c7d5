package io.github.routeserver.core.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Origin;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DecisionProcessTest {
  private static final Prefix PREFIX = Prefix.parse("203.0.113.0/24");
  private static final DecisionProcess RFC = new DecisionProcess(DecisionOptions.DEFAULT);

  private static RouteSource ebgp(String address, long asn) {
    return RouteSource.external(address, asn);
  }

  private static Route route(RouteSource source, UnaryOperator<PathAttributes.Builder> attributes) {
    PathAttributes.Builder builder =
        PathAttributes.builder().asPath(AsPath.of(source.asn())).nextHop(source.peer().address());
    return Route.of(PREFIX, source, attributes.apply(builder).build());
  }

  private static void assertWinner(Route expected, DecisionStep reason, Route... candidates) {
    Selection selection = RFC.select(List.of(candidates));
    assertEquals(expected, selection.best());
    assertEquals(reason, selection.reason());
  }

  @Test
  void picksTheOnlyCandidateWithReasonOnlyPath() {
    Route only = route(ebgp("10.0.0.1", 65001), b -> b);
    assertWinner(only, DecisionStep.ONLY_PATH, only);
  }

  @Test
  void prefersHighestLocalPref() {
    Route high =
        route(ebgp("10.0.0.2", 65002), b -> b.localPref(200).asPath(AsPath.of(65002, 1, 2)));
    Route normal = route(ebgp("10.0.0.1", 65001), b -> b);
    assertWinner(high, DecisionStep.LOCAL_PREF, normal, high);
  }

  @Test
  void treatsMissingLocalPrefAsTheConfiguredDefault() {
    Route explicit100 = route(ebgp("10.0.0.2", 65002), b -> b.localPref(100));
    Route missing = route(ebgp("10.0.0.1", 65001), b -> b);
    // Equal on LOCAL_PREF, so the decision falls through to the router id.
    assertWinner(missing, DecisionStep.ROUTER_ID, explicit100, missing);
    DecisionProcess low =
        new DecisionProcess(DecisionOptions.builder().defaultLocalPref(50).build());
    assertEquals(explicit100, low.select(List.of(explicit100, missing)).best());
  }

  @Test
  void prefersShortestAsPath() {
    Route shorter = route(ebgp("10.0.0.2", 65002), b -> b);
    Route longer = route(ebgp("10.0.0.1", 65001), b -> b.asPath(AsPath.of(65001, 65001)));
    assertWinner(shorter, DecisionStep.AS_PATH_LENGTH, longer, shorter);
  }

  @Test
  void countsAnAsSetAsOneAndConfederationSegmentsAsZero() {
    Route withSet =
        route(
            ebgp("10.0.0.2", 65002), b -> b.asPath(AsPath.parse("(64512 64513) 65002 {1 2 3 4}")));
    Route plain = route(ebgp("10.0.0.1", 65001), b -> b.asPath(AsPath.of(65001, 7, 8)));
    assertWinner(withSet, DecisionStep.AS_PATH_LENGTH, plain, withSet);
  }

  @Test
  void prefersLowestOrigin() {
    Route igp = route(ebgp("10.0.0.2", 65002), b -> b.origin(Origin.IGP));
    Route incomplete = route(ebgp("10.0.0.1", 65001), b -> b.origin(Origin.INCOMPLETE));
    assertWinner(igp, DecisionStep.ORIGIN, incomplete, igp);
  }

  @Test
  void prefersLowestMedAmongRoutesFromTheSameNeighbourAs() {
    Route low = route(ebgp("10.0.0.2", 65001), b -> b.med(10));
    Route high = route(ebgp("10.0.0.1", 65001), b -> b.med(20));
    assertWinner(low, DecisionStep.MED, high, low);
  }

  @Test
  void doesNotCompareMedAcrossNeighbourAsesUnlessAsked() {
    Route lowMedOtherAs = route(ebgp("10.0.0.2", 65002), b -> b.med(10));
    Route highMed = route(ebgp("10.0.0.1", 65001), b -> b.med(20));
    assertWinner(highMed, DecisionStep.ROUTER_ID, lowMedOtherAs, highMed);
    DecisionProcess always =
        new DecisionProcess(DecisionOptions.builder().alwaysCompareMed(true).build());
    Selection selection = always.select(List.of(lowMedOtherAs, highMed));
    assertEquals(lowMedOtherAs, selection.best());
    assertEquals(DecisionStep.MED, selection.reason());
  }

  @Test
  void treatsMissingMedAsBestByDefaultAndAsWorstWhenAsked() {
    Route missing = route(ebgp("10.0.0.2", 65001), b -> b);
    Route five = route(ebgp("10.0.0.1", 65001), b -> b.med(5));
    assertWinner(missing, DecisionStep.MED, five, missing);
    DecisionProcess worst =
        new DecisionProcess(DecisionOptions.builder().missingMedAsWorst(true).build());
    assertEquals(five, worst.select(List.of(five, missing)).best());
  }

  @Test
  void comparesMedWithinEachNeighbourGroupSoTheOutcomeIsDeterministic() {
    // The classic MED cycle: A(AS1, MED 10), B(AS2), C(AS1, MED 5). Pairwise comparison gives
    // an order-dependent answer; group elimination removes A (beaten by C in AS1) first.
    Route a = route(ebgp("10.0.0.1", 1), b -> b.med(10));
    Route bRoute = route(ebgp("10.0.0.3", 2), b -> b.med(0));
    Route c = route(ebgp("10.0.0.2", 1), b -> b.med(5));
    for (List<Route> order :
        List.of(List.of(a, bRoute, c), List.of(c, bRoute, a), List.of(bRoute, a, c))) {
      Selection selection = RFC.select(order);
      assertEquals(c, selection.best());
      assertEquals(DecisionStep.ROUTER_ID, selection.reason());
    }
  }

  @Test
  void prefersExternalOverInternal() {
    RouteSource internal =
        new RouteSource(PeerId.of("10.0.0.1"), 65000, IpAddress.parse("10.0.0.1"), true);
    Route ibgp = route(internal, b -> b.asPath(AsPath.of(65001)));
    Route ebgpRoute = route(ebgp("10.0.0.2", 65001), b -> b);
    assertWinner(ebgpRoute, DecisionStep.EXTERNAL_OVER_INTERNAL, ibgp, ebgpRoute);
  }

  @Test
  void prefersLowestIgpCostWhenTheHostKnowsIt() {
    Route near = route(ebgp("10.0.0.2", 65002), b -> b.nextHop(IpAddress.parse("192.0.2.2")));
    Route far = route(ebgp("10.0.0.1", 65001), b -> b.nextHop(IpAddress.parse("192.0.2.1")));
    DecisionProcess withCost =
        new DecisionProcess(
            DecisionOptions.builder()
                .igpCost(hop -> hop.equals(IpAddress.parse("192.0.2.2")) ? 5 : 50)
                .build());
    Selection selection = withCost.select(List.of(far, near));
    assertEquals(near, selection.best());
    assertEquals(DecisionStep.IGP_COST, selection.reason());
  }

  @Test
  void prefersLowestRouterId() {
    RouteSource lowId =
        new RouteSource(PeerId.of("10.0.0.9"), 65002, IpAddress.parse("1.1.1.1"), false);
    RouteSource highId =
        new RouteSource(PeerId.of("10.0.0.1"), 65001, IpAddress.parse("9.9.9.9"), false);
    Route low = route(lowId, b -> b);
    Route high = route(highId, b -> b);
    assertWinner(low, DecisionStep.ROUTER_ID, high, low);
  }

  @Test
  void usesOriginatorIdInPlaceOfTheRouterIdWhenPresent() {
    RouteSource lowId =
        new RouteSource(PeerId.of("10.0.0.9"), 65000, IpAddress.parse("1.1.1.1"), true);
    RouteSource highId =
        new RouteSource(PeerId.of("10.0.0.1"), 65000, IpAddress.parse("9.9.9.9"), true);
    Route reflected =
        route(lowId, b -> b.asPath(AsPath.EMPTY).originatorId(IpAddress.parse("200.0.0.1")));
    Route direct = route(highId, b -> b.asPath(AsPath.EMPTY));
    assertWinner(direct, DecisionStep.ROUTER_ID, reflected, direct);
  }

  @Test
  void prefersShortestClusterList() {
    RouteSource one =
        new RouteSource(PeerId.of("10.0.0.9"), 65000, IpAddress.parse("1.1.1.1"), true);
    RouteSource two =
        new RouteSource(PeerId.of("10.0.0.1"), 65000, IpAddress.parse("2.2.2.2"), true);
    IpAddress originator = IpAddress.parse("5.5.5.5");
    Route longList =
        route(
            one,
            b ->
                b.asPath(AsPath.EMPTY)
                    .originatorId(originator)
                    .clusterList(List.of(IpAddress.parse("7.7.7.7"), IpAddress.parse("8.8.8.8"))));
    Route shortList =
        route(
            two,
            b ->
                b.asPath(AsPath.EMPTY)
                    .originatorId(originator)
                    .clusterList(List.of(IpAddress.parse("7.7.7.7"))));
    assertWinner(shortList, DecisionStep.CLUSTER_LIST_LENGTH, longList, shortList);
  }

  @Test
  void prefersLowestPeerAddressAsTheLastResortBetweenPeers() {
    RouteSource sameId1 =
        new RouteSource(PeerId.of("10.0.0.9"), 65001, IpAddress.parse("1.1.1.1"), false);
    RouteSource sameId2 =
        new RouteSource(PeerId.of("10.0.0.3"), 65001, IpAddress.parse("1.1.1.1"), false);
    Route nine = route(sameId1, b -> b.asPath(AsPath.of(65001)));
    Route three = route(sameId2, b -> b.asPath(AsPath.of(65001)));
    assertWinner(three, DecisionStep.PEER_ADDRESS, nine, three);
  }

  @Test
  void prefersLowestPathIdBetweenAddPathsOfOnePeer() {
    RouteSource source = ebgp("10.0.0.1", 65001);
    PathAttributes attributes = PathAttributes.builder().asPath(AsPath.of(65001)).build();
    Route seven = new Route(PREFIX, source, 7, attributes);
    Route two = new Route(PREFIX, source, 2, attributes);
    assertWinner(two, DecisionStep.PATH_ID, seven, two);
  }

  @Test
  void buildsMultipathSetOfRoutesThatTieThroughTheChosenRung() {
    DecisionProcess azure =
        new DecisionProcess(
            DecisionOptions.builder().multipathThrough(DecisionStep.AS_PATH_LENGTH).build());
    Route nva1 = route(ebgp("10.1.0.4", 65001), b -> b.med(50));
    Route nva2 = route(ebgp("10.1.0.5", 65001), b -> b);
    Route prepended = route(ebgp("10.1.0.6", 65001), b -> b.asPath(AsPath.of(65001, 65001)));
    Selection selection = azure.select(List.of(prepended, nva1, nva2));
    assertEquals(nva2, selection.best());
    assertEquals(ImmutableList.of(nva2, nva1), selection.multipath());
  }

  @Test
  void hasOnlyTheBestInTheMultipathSetWhenMultipathIsOff() {
    Route a = route(ebgp("10.1.0.4", 65001), b -> b);
    Route b2 = route(ebgp("10.1.0.5", 65001), b -> b);
    assertEquals(ImmutableList.of(a), RFC.select(List.of(b2, a)).multipath());
  }

  @Test
  void refusesCandidatesForDifferentPrefixes() {
    Route a = route(ebgp("10.1.0.4", 65001), b -> b);
    Route other = Route.of(Prefix.parse("198.51.100.0/24"), a.source(), a.attributes());
    assertThrows(IllegalArgumentException.class, () -> RFC.select(List.of(a, other)));
    assertThrows(IllegalArgumentException.class, () -> RFC.select(List.of()));
  }

  @Property
  void bestPathDoesNotDependOnArrivalOrder(
      @ForAll("candidateSets") List<Route> routes, @ForAll Random random) {
    List<Route> shuffled = new ArrayList<>(routes);
    Collections.shuffle(shuffled, random);
    DecisionProcess multipath =
        new DecisionProcess(
            DecisionOptions.builder().multipathThrough(DecisionStep.AS_PATH_LENGTH).build());
    assertEquals(RFC.select(routes), RFC.select(shuffled));
    assertEquals(multipath.select(routes), multipath.select(shuffled));
  }

  /** Up to eight candidates, at most one per (peer, path id), with colliding attribute values. */
  @Provide
  Arbitrary<List<Route>> candidateSets() {
    return candidate()
        .list()
        .ofMinSize(1)
        .ofMaxSize(8)
        .uniqueElements(r -> r.source().peer() + "/" + r.pathId());
  }

  private Arbitrary<Route> candidate() {
    Arbitrary<Integer> peer = Arbitraries.integers().between(1, 6);
    Arbitrary<Integer> asn = Arbitraries.integers().between(65001, 65003);
    Arbitrary<Integer> small = Arbitraries.integers().between(0, 2);
    return Combinators.combine(peer, asn, small, small, small, small)
        .as(
            (p, as, extraHops, origin, med, localPref) -> {
              long[] path = new long[extraHops + 1];
              Arrays.fill(path, as);
              PathAttributes.Builder b =
                  PathAttributes.builder()
                      .asPath(AsPath.of(path))
                      .origin(Origin.ofCode(origin))
                      .nextHop(IpAddress.parse("10.0.0." + p));
              if (med > 0) {
                b.med(med * 10L);
              }
              if (localPref > 0) {
                b.localPref(90L + localPref * 10L);
              }
              return new Route(PREFIX, ebgp("10.0.0." + p, as), p % 2, b.build());
            });
  }
}
