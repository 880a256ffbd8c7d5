package io.github.routeserver.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommunitiesTest {

  @ParameterizedTest(name = "{0} is 0x{1}")
  @CsvSource({
    "NO_EXPORT, FFFFFF01",
    "no-advertise, FFFFFF02",
    "NO_EXPORT_SUBCONFED, FFFFFF03",
    "NO_PEER, FFFFFF04",
    "BLACKHOLE, FFFF029A",
    "GRACEFUL_SHUTDOWN, FFFF0000",
    "ACCEPT_OWN, FFFF0001",
    "LLGR_STALE, FFFF0006",
    "NO_LLGR, FFFF0007",
    "65535:65282, FFFFFF02",
    "65001:100, FDE90064",
  })
  void parsesNamesAndNumbers(String text, String hex) {
    Community community = Community.parse(text);
    assertEquals(Integer.parseUnsignedInt(hex, 16), community.value());
    assertEquals(community, Community.parse(community.toString()));
  }

  @Test
  void printsWellKnownCommunitiesByName() {
    assertEquals("NO_ADVERTISE", Community.of(65535, 65282).toString());
    assertTrue(Community.NO_ADVERTISE.isWellKnown());
    assertEquals("65001:100", Community.of(65001, 100).toString());
    assertFalse(Community.of(65001, 100).isWellKnown());
  }

  @ParameterizedTest
  @ValueSource(strings = {"65536:1", "1:65536", "1", ":1", "1:", "a:b", "NO_SUCH"})
  void rejectsMalformedCommunities(String text) {
    assertThrows(IllegalArgumentException.class, () -> Community.parse(text));
  }

  @Test
  void parsesAndPrintsLargeCommunities() {
    LargeCommunity large = LargeCommunity.parse("4200000000:1:4294967295");
    assertEquals(4_200_000_000L, Integer.toUnsignedLong(large.global()));
    assertEquals("4200000000:1:4294967295", large.toString());
    assertThrows(IllegalArgumentException.class, () -> LargeCommunity.parse("1:2"));
    assertThrows(IllegalArgumentException.class, () -> LargeCommunity.parse("1:2:4294967296"));
  }

  @Test
  void describesRouteTargetsAndOrigins() {
    ExtendedCommunity target = ExtendedCommunity.routeTarget(65001, 100);
    assertEquals(0x0002_FDE9_0000_0064L, target.value());
    assertEquals("rt:65001:100", target.toString());
    assertEquals("soo:65001:7", ExtendedCommunity.routeOrigin(65001, 7).toString());
    assertTrue(target.isTransitive());
    assertFalse(new ExtendedCommunity(0x4300_0000_0000_0000L).isTransitive());
    assertEquals("0x4300000000000000", new ExtendedCommunity(0x4300_0000_0000_0000L).toString());
  }

  @Test
  void equalsByValue() {
    new EqualsTester()
        .addEqualityGroup(Community.NO_EXPORT, Community.parse("65535:65281"))
        .addEqualityGroup(Community.of(1, 2))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(LargeCommunity.of(1, 2, 3), LargeCommunity.parse("1:2:3"))
        .addEqualityGroup(LargeCommunity.of(1, 3, 2))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(
            ExtendedCommunity.routeTarget(1, 2), new ExtendedCommunity(0x0002_0001_0000_0002L))
        .addEqualityGroup(ExtendedCommunity.routeOrigin(1, 2))
        .testEquals();
  }
}
