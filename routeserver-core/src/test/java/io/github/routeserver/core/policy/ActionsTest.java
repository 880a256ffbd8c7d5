package io.github.routeserver.core.policy;

import static io.github.routeserver.core.policy.testing.TestRoutes.export;
import static io.github.routeserver.core.policy.testing.TestRoutes.importFrom;
import static io.github.routeserver.core.policy.testing.TestRoutes.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.testing.EqualsTester;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.policy.testing.TestRoutes;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ActionsTest {
  private static final PeerInfo FROM = PeerInfo.of("10.1.0.4", 65001);
  private static final PolicyContext IN = importFrom(FROM);
  private static final Route ROUTE =
      route("10.0.0.0/8", "65001 7", "nh=10.1.0.9", "lp=100", "med=10", "community=65001:1");

  private static PathAttributes apply(RouteAction action) {
    return action.apply(ROUTE, IN);
  }

  @Test
  void setLocalPrefAndMed() {
    assertEquals(OptionalLong.of(200), apply(Actions.setLocalPref(200)).localPref());
    assertEquals(OptionalLong.of(5), apply(Actions.setMed(5)).med());
    assertThrows(IllegalArgumentException.class, () -> Actions.setMed(-1));
  }

  @Test
  void prependOwnAsOrAGivenOneNTimes() {
    assertEquals(
        AsPath.parse("64999 64999 65001 7"), apply(Actions.prepend(2)).asPath(), "local AS 64999");
    assertEquals(AsPath.parse("65009 65001 7"), apply(Actions.prepend(65009, 1)).asPath());
    assertThrows(IllegalArgumentException.class, () -> Actions.prepend(0));
  }

  @Test
  void communitiesSetAddRemove() {
    assertEquals(
        List.of(Community.parse("65001:1"), Community.parse("65001:2")),
        apply(Actions.addCommunities(CommunitySet.parse("a", "65001:2"))).communities());
    assertEquals(
        List.of(Community.parse("9:9")),
        apply(Actions.setCommunities(CommunitySet.parse("s", "9:9"))).communities());
    assertEquals(
        List.of(), apply(Actions.removeCommunities(CommunitySet.parse("r", "*:1"))).communities());
  }

  @Test
  void nextHopAddressSelfAndPeer() {
    assertEquals(
        IpAddress.parse("192.0.2.7"),
        apply(Actions.setNextHop(IpAddress.parse("192.0.2.7"))).nextHop().orElseThrow());
    assertEquals(TestRoutes.LOCAL_ADDRESS, apply(Actions.nextHopSelf()).nextHop().orElseThrow());
    assertEquals(
        FROM.id().address(),
        Actions.nextHopPeer()
            .apply(ROUTE, export(FROM, PeerInfo.of("10.2.0.1", 65002)))
            .nextHop()
            .orElseThrow());
  }

  @Test
  void everyActionReturnsTheSameAttributesWhenItChangesNothing() {
    Route settled =
        route(
            "10.0.0.0/8", "3356 7", "nh=" + TestRoutes.LOCAL_ADDRESS, "lp=100", "med=10", "otc=1");
    for (RouteAction action :
        List.of(
            Actions.setLocalPref(100),
            Actions.setMed(10),
            Actions.nextHopSelf(),
            Actions.setNextHop(TestRoutes.LOCAL_ADDRESS),
            Actions.removeCommunities(CommunitySet.parse("r", "*:*")),
            Actions.setCommunities(CommunitySet.parse("s")),
            Actions.addCommunities(CommunitySet.parse("a")),
            Actions.removePrivateAsns(),
            Actions.removePrivateAndReservedAsns(),
            Actions.addOnlyToCustomerLocalAs())) {
      assertSame(settled.attributes(), action.apply(settled, IN), action.toString());
    }
  }

  @Test
  void removePrivateAsnsTakesBothRangesFromSequencesAndSets() {
    Route r = route("10.0.0.0/8", "65001 64512 65534 4200000000 4294967294 7 {64513 8}");
    assertEquals(AsPath.parse("7 {8}"), Actions.removePrivateAsns().apply(r, IN).asPath());
    Route edges = route("10.0.0.0/8", "64511 65535 4199999999 4294967295 64512");
    assertEquals(
        AsPath.parse("64511 65535 4199999999 4294967295"),
        Actions.removePrivateAsns().apply(edges, IN).asPath());
  }

  @Test
  void removePrivateAsnsLeavesConfederationSegmentsAlone() {
    Route r = route("10.0.0.0/8", "(64512 64513) 64514 7 [64515]");
    assertEquals(
        AsPath.parse("(64512 64513) 7 [64515]"), Actions.removePrivateAsns().apply(r, IN).asPath());
  }

  @Test
  void removingAllMembersOfASetDropsTheSet() {
    Route r = route("10.0.0.0/8", "7 {64512 64513}");
    assertEquals(AsPath.parse("7"), Actions.removePrivateAsns().apply(r, IN).asPath());
  }

  @Test
  void asTransAndReservedNumbersGoOnlyWithTheReservedVariant() {
    Route r = route("10.0.0.0/8", "23456 0 64496 65535 65551 131071 4294967295 7");
    assertEquals(
        AsPath.parse("23456 0 64496 65535 65551 131071 4294967295 7"),
        Actions.removePrivateAsns().apply(r, IN).asPath());
    assertEquals(AsPath.parse("7"), Actions.removePrivateAndReservedAsns().apply(r, IN).asPath());
  }

  @Test
  void onlyToCustomerIsAddedOnceWithLocalOrPeerAs() {
    assertEquals(
        OptionalLong.of(64999), apply(Actions.addOnlyToCustomerLocalAs()).onlyToCustomer());
    assertEquals(OptionalLong.of(65001), apply(Actions.addOnlyToCustomerFromAs()).onlyToCustomer());
  }

  @Test
  void customFunctionAction() {
    RouteAction double_ =
        RouteAction.of(
            "double MED",
            (r, c) -> r.attributes().toBuilder().med(2 * r.attributes().med().orElse(0)).build());
    assertEquals(OptionalLong.of(20), apply(double_).med());
    assertEquals("double MED", double_.toString());
  }

  @Test
  void actionsAreValuesThatPrintLikeConfiguration() {
    new EqualsTester()
        .addEqualityGroup(Actions.prepend(2), Actions.prepend(2))
        .addEqualityGroup(Actions.prepend(64999, 2))
        .addEqualityGroup(Actions.setLocalPref(200), Actions.setLocalPref(200))
        .addEqualityGroup(Actions.nextHopSelf())
        .testEquals();
    assertEquals("prepend local-as x2", Actions.prepend(2).toString());
    assertEquals(
        "set next-hop 192.0.2.7", Actions.setNextHop(IpAddress.parse("192.0.2.7")).toString());
  }
}
