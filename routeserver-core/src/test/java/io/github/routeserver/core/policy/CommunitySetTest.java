package io.github.routeserver.core.policy;

import static io.github.routeserver.core.policy.testing.TestRoutes.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.ExtendedCommunity;
import io.github.routeserver.core.route.LargeCommunity;
import io.github.routeserver.core.route.PathAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommunitySetTest {
  private static PathAttributes attributes(String... communities) {
    return route("10.0.0.0/8", "65001", "community=" + String.join(",", communities)).attributes();
  }

  private static boolean any(String member, String... communities) {
    return CommunitySet.parse("s", member).matchesAny(attributes(communities));
  }

  @Test
  void standardWildcardsMatchEitherHalf() {
    assertTrue(any("65001:*", "65001:100"));
    assertFalse(any("65001:*", "65002:100"));
    assertTrue(any("*:100", "65002:100"));
    assertFalse(any("*:100", "65002:101"));
    assertTrue(any("*:*", "1:2"));
    assertTrue(any("NO_EXPORT", "65535:65281"));
  }

  @Test
  void largeWildcardsMatchAnyPart() {
    assertTrue(any("65001:*:*", "65001:7:8"));
    assertTrue(any("*:*:666", "4200000000:1:666"));
    assertFalse(any("*:*:666", "4200000000:1:667"));
  }

  @Test
  void extendedRouteTargetsAndOriginsWithWildcards() {
    assertTrue(any("rt:65001:*", "rt:65001:42"));
    assertFalse(any("rt:65001:*", "soo:65001:42"));
    assertTrue(any("soo:*:42", "soo:7:42"));
    assertTrue(any("0x0002fde90000002a", "rt:65001:42"));
  }

  @Test
  void aMemberMatchesOnlyCommunitiesOfItsOwnKind() {
    assertFalse(any("*:100", "1:2:100"));
    assertFalse(any("*:*", "rt:1:2"));
    assertFalse(any("*:*:*", "1:2"));
  }

  @Test
  void matchesAllNeedsEveryMember() {
    CommunitySet set = CommunitySet.parse("s", "65001:*", "rt:1:2");
    assertTrue(set.matchesAll(attributes("65001:5", "rt:1:2")));
    assertFalse(set.matchesAll(attributes("65001:5")));
    assertTrue(CommunitySet.parse("empty").matchesAll(attributes("1:1")));
  }

  @Test
  void removeByPatternKeepsTheOthersInOrder() {
    PathAttributes before = attributes("65001:1", "65002:2", "65001:3", "1:2:3", "rt:65001:9");
    PathAttributes after =
        CommunitySet.parse("s", "65001:*", "*:2:*", "rt:65001:*").removeFrom(before);
    assertEquals(List.of(Community.parse("65002:2")), after.communities());
    assertEquals(List.of(), after.largeCommunities());
    assertEquals(List.of(), after.extendedCommunities());
  }

  @Test
  void removeAddAndSetReturnTheSameObjectWhenNothingChanges() {
    PathAttributes a = attributes("65001:1", "1:2:3");
    assertSame(a, CommunitySet.parse("s", "65009:*").removeFrom(a));
    assertSame(a, CommunitySet.parse("s", "65001:1").addTo(a));
    assertSame(a, CommunitySet.parse("s", "65001:1", "1:2:3").replaceIn(a));
  }

  @Test
  void addAppendsOnlyMissingValuesOfEachKind() {
    PathAttributes after =
        CommunitySet.parse("s", "65001:1", "65001:2", "rt:1:1", "9:9:9")
            .addTo(attributes("65001:1"));
    assertEquals(
        List.of(Community.parse("65001:1"), Community.parse("65001:2")), after.communities());
    assertEquals(List.of(ExtendedCommunity.routeTarget(1, 1)), after.extendedCommunities());
    assertEquals(List.of(LargeCommunity.parse("9:9:9")), after.largeCommunities());
  }

  @Test
  void setReplacesAllThreeKinds() {
    PathAttributes after =
        CommunitySet.parse("s", "65001:2").replaceIn(attributes("65001:1", "1:2:3", "rt:1:1"));
    assertEquals(List.of(Community.parse("65001:2")), after.communities());
    assertTrue(after.largeCommunities().isEmpty());
    assertTrue(after.extendedCommunities().isEmpty());
  }

  @Test
  void wildcardSetsCannotBeAddedOrSet() {
    CommunitySet set = CommunitySet.parse("s", "65001:*");
    assertFalse(set.isExact());
    assertThrows(IllegalStateException.class, () -> set.addTo(attributes("1:1")));
    assertThrows(IllegalArgumentException.class, () -> Actions.addCommunities(set));
  }

  @Test
  void membersPrintInCanonicalForm() {
    assertEquals(
        List.of("NO_EXPORT", "65001:*", "rt:65001:*", "*:*:666", "0x0002fde90000002a"),
        CommunitySet.parse(
                "s", "65535:65281", "65001:*", "RT:65001:*", "*:*:666", "0x0002FDE90000002A")
            .members());
  }

  @Test
  void malformedMembersAreNamed() {
    for (String bad : List.of("65536:1", "a:b", "1:2:3:4", "rt:70000:1", "0x12", "nonsense")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CommunitySet.parse("s", bad));
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }
}
