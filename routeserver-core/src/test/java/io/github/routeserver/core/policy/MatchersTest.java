package io.github.routeserver.core.policy;

import static io.github.routeserver.core.policy.Matchers.all;
import static io.github.routeserver.core.policy.Matchers.any;
import static io.github.routeserver.core.policy.Matchers.not;
import static io.github.routeserver.core.policy.testing.TestRoutes.export;
import static io.github.routeserver.core.policy.testing.TestRoutes.importFrom;
import static io.github.routeserver.core.policy.testing.TestRoutes.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.RoaTable.Roa;
import io.github.routeserver.core.policy.RoaTable.ValidationState;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchersTest {
  private static final PeerInfo NVA =
      PeerInfo.of("10.1.0.4", 65001).withRole(Role.CUSTOMER).withGroups("nva");
  private static final PeerInfo TRANSIT = PeerInfo.of("10.1.0.5", 65002).withRole(Role.PROVIDER);
  private static final PolicyContext IN = importFrom(NVA);
  private static final PolicyContext OUT = export(NVA, TRANSIT);
  private static final Route ROUTE =
      route("10.0.0.0/16", "65001 64512 7", "nh=10.1.0.4", "community=65001:100", "otc=65001");

  private static boolean in(RouteMatcher matcher) {
    return matcher.matches(ROUTE, IN);
  }

  @Test
  void constantsAndCombinators() {
    assertTrue(in(Matchers.always()));
    assertFalse(in(Matchers.never()));
    assertTrue(in(all()));
    assertFalse(in(any()));
    assertTrue(in(all(Matchers.always(), Matchers.always())));
    assertFalse(in(all(Matchers.always(), Matchers.never())));
    assertTrue(in(any(Matchers.never(), Matchers.always())));
    assertTrue(in(not(Matchers.never())));
  }

  @Test
  void notOfNotIsTheMatcherItself() {
    RouteMatcher m = Matchers.asPathContains(7);
    assertSame(m, not(not(m)));
  }

  @Test
  void prefixMatcherUsesTheSet() {
    assertTrue(in(Matchers.prefixIn(PrefixSet.parse("s", "10.0.0.0/8 le 16"))));
    assertFalse(in(Matchers.prefixIn(PrefixSet.parse("s", "10.0.0.0/8 le 15"))));
  }

  @Test
  void asPathOriginNeighbourAndLength() {
    assertTrue(in(Matchers.asPath("_64512_")));
    assertTrue(in(Matchers.asPath("^1_", "_7$")));
    assertFalse(in(Matchers.asPath("^64512_")));
    assertTrue(in(Matchers.originAs(AsnSet.of(7))));
    assertFalse(in(Matchers.originAs(AsnSet.of(65001))));
    assertTrue(in(Matchers.neighborAs(AsnSet.parse("65000-65010"))));
    assertTrue(in(Matchers.asPathLength(3, 3)));
    assertFalse(in(Matchers.asPathLength(0, 2)));
    assertFalse(
        Matchers.originAs(AsnSet.of(7)).matches(route("10.0.0.0/8", "1 {7}"), IN),
        "a path ending in a set has no origin AS");
  }

  @Test
  void communitiesAnyAndAll() {
    assertTrue(in(Matchers.communityAny(CommunitySet.parse("c", "65001:*", "9:9"))));
    assertFalse(in(Matchers.communityAll(CommunitySet.parse("c", "65001:*", "9:9"))));
  }

  @Test
  void nextHopAddressAndPrefixes() {
    assertTrue(in(Matchers.nextHop(IpAddress.parse("10.1.0.4"))));
    assertFalse(in(Matchers.nextHop(IpAddress.parse("10.1.0.5"))));
    assertTrue(in(Matchers.nextHopIn(Prefix.parse("192.0.2.0/24"), Prefix.parse("10.1.0.0/24"))));
  }

  @Test
  void peersByAddressGroupAsAndRoleOnEitherSide() {
    assertTrue(in(Matchers.fromPeer(PeerId.of("10.1.0.4"))));
    assertTrue(in(Matchers.fromGroup("nva")));
    assertTrue(in(Matchers.fromAs(AsnSet.of(65001))));
    assertTrue(in(Matchers.fromRole(Role.CUSTOMER, Role.PEER)));
    assertFalse(in(Matchers.fromRole(Role.PROVIDER)));
    assertTrue(Matchers.toPeer(PeerId.of("10.1.0.5")).matches(ROUTE, OUT));
    assertTrue(Matchers.toRole(Role.PROVIDER).matches(ROUTE, OUT));
    assertTrue(Matchers.toAs(AsnSet.of(65002)).matches(ROUTE, OUT));
    assertFalse(Matchers.toGroup("nva").matches(ROUTE, OUT));
  }

  @Test
  void toPeerMatchersAreFalseOnImport() {
    assertFalse(in(Matchers.toPeer(PeerId.of("10.1.0.4"))));
    assertFalse(in(not(Matchers.fromGroup("nva"))));
    assertFalse(in(Matchers.toGroup("nva")));
    assertFalse(in(Matchers.toRole(Role.CUSTOMER)));
  }

  @Test
  void peerWithoutRoleMatchesNoRole() {
    PolicyContext noRole = importFrom(PeerInfo.of("10.1.0.9", 65009));
    for (Role role : Role.values()) {
      assertFalse(Matchers.fromRole(role).matches(ROUTE, noRole));
    }
  }

  @Test
  void directionAndExternalSession() {
    assertTrue(in(Matchers.direction(Direction.IMPORT)));
    assertFalse(in(Matchers.direction(Direction.EXPORT)));
    assertTrue(in(Matchers.externalSession()));
    PolicyContext internal = importFrom(PeerInfo.of("10.9.9.9", IN.localAsn()));
    assertFalse(Matchers.externalSession().matches(ROUTE, internal));
  }

  @Test
  void onlyToCustomerPresenceAndValue() {
    assertTrue(in(Matchers.hasOnlyToCustomer()));
    assertTrue(in(Matchers.onlyToCustomerIsFromAs()));
    assertFalse(Matchers.onlyToCustomerIsFromAs().matches(ROUTE, importFrom(TRANSIT)));
    assertFalse(Matchers.hasOnlyToCustomer().matches(route("10.0.0.0/8", "1"), IN));
  }

  @Test
  void originValidationStates() {
    RoaTable table = RoaTable.of("rpki", List.of(new Roa(Prefix.parse("10.0.0.0/8"), 16, 7)));
    assertTrue(in(Matchers.originValidation(table, ValidationState.VALID)));
    assertFalse(
        in(Matchers.originValidation(table, ValidationState.INVALID, ValidationState.NOT_FOUND)));
    assertTrue(
        Matchers.originValidation(table, ValidationState.NOT_FOUND)
            .matches(route("11.0.0.0/8", "7"), IN));
  }

  @Test
  void anyJavaPredicate() {
    RouteMatcher even =
        RouteMatcher.of("even MED", (r, c) -> r.attributes().med().orElse(1) % 2 == 0);
    assertTrue(even.matches(route("10.0.0.0/8", "1", "med=4"), IN));
    assertFalse(even.matches(route("10.0.0.0/8", "1", "med=5"), IN));
    assertEquals("even MED", even.toString());
  }

  @Test
  void printsLikeConfiguration() {
    assertEquals(
        "(prefix in s and not as-path ~ \"_7_\")",
        all(Matchers.prefixIn(PrefixSet.parse("s", "10.0.0.0/8")), not(Matchers.asPathContains(7)))
            .toString());
    assertEquals(
        "from role in [CUSTOMER, PEER]", Matchers.fromRole(Role.PEER, Role.CUSTOMER).toString());
  }

  @Test
  void matchersAreValues() {
    new EqualsTester()
        .addEqualityGroup(Matchers.asPath("_7_"), Matchers.asPathContains(7))
        .addEqualityGroup(Matchers.fromGroup("a"), Matchers.fromGroup("a"))
        .addEqualityGroup(Matchers.toGroup("a"))
        .addEqualityGroup(
            all(Matchers.always(), Matchers.never()), all(Matchers.always(), Matchers.never()))
        .addEqualityGroup(any(Matchers.always(), Matchers.never()))
        .testEquals();
  }

  @Test
  void asnSetsParseRangesAndPrint() {
    AsnSet set = AsnSet.parse("65517-65520, 8074", "8075");
    assertTrue(set.contains(8075));
    assertTrue(set.contains(65518));
    assertFalse(set.contains(65521));
    assertEquals("8074-8075, 65517-65520", set.toString());
    assertThrows(IllegalArgumentException.class, () -> AsnSet.parse("5-3"));
    assertThrows(IllegalArgumentException.class, () -> AsnSet.parse("4294967296"));
  }
}
