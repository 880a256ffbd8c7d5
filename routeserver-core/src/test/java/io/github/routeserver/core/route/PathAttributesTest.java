package io.github.routeserver.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.testing.EqualsTester;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PathAttributesTest {
  private static final IpAddress HOP = IpAddress.parse("192.0.2.1");

  @Test
  void internsEqualSetsToOneObject() {
    PathAttributes a =
        PathAttributes.builder().asPath(AsPath.of(65001)).nextHop(HOP).med(10).build();
    PathAttributes b =
        PathAttributes.builder()
            .med(10)
            .nextHop(IpAddress.parse("192.0.2.1"))
            .asPath(AsPath.parse("65001"))
            .build();
    assertSame(a, b);
    assertNotSame(a, a.toBuilder().med(11).build());
  }

  @Test
  void roundTripsEveryAttributeThroughTheBuilder() {
    PathAttributes all =
        PathAttributes.builder()
            .origin(Origin.EGP)
            .asPath(AsPath.parse("65001 {1 2}"))
            .nextHop(IpAddress.parse("2001:db8::1"))
            .linkLocalNextHop(IpAddress.parse("fe80::1"))
            .med(4_294_967_295L)
            .localPref(200)
            .atomicAggregate(true)
            .aggregator(new Aggregator(4_200_000_000L, IpAddress.parse("10.0.0.1")))
            .originatorId(IpAddress.parse("1.1.1.1"))
            .clusterList(List.of(IpAddress.parse("2.2.2.2")))
            .communities(List.of(Community.NO_EXPORT, Community.of(65001, 1)))
            .extendedCommunities(List.of(ExtendedCommunity.routeTarget(65001, 1)))
            .largeCommunities(List.of(LargeCommunity.of(65001, 1, 2)))
            .onlyToCustomer(65001)
            .opaque(OpaqueAttribute.of(0xC0, 99, new byte[] {1, 2}))
            .build();
    assertSame(all, all.toBuilder().build());
    assertEquals(Origin.EGP, all.origin());
    assertEquals(OptionalLong.of(4_294_967_295L), all.med());
    assertEquals(OptionalLong.of(200), all.localPref());
    assertTrue(all.atomicAggregate());
    assertEquals(4_200_000_000L, all.aggregator().orElseThrow().asn());
    assertEquals(IpAddress.parse("1.1.1.1"), all.originatorId().orElseThrow());
    assertEquals(ImmutableList.of(IpAddress.parse("2.2.2.2")), all.clusterList());
    assertEquals(ImmutableList.of(Community.NO_EXPORT, Community.of(65001, 1)), all.communities());
    assertTrue(all.hasCommunity(Community.NO_EXPORT));
    assertFalse(all.hasCommunity(Community.NO_ADVERTISE));
    assertTrue(all.hasExtendedCommunity(ExtendedCommunity.routeTarget(65001, 1)));
    assertTrue(all.hasLargeCommunity(LargeCommunity.of(65001, 1, 2)));
    assertFalse(all.hasLargeCommunity(LargeCommunity.of(65001, 2, 1)));
    assertEquals(OptionalLong.of(65001), all.onlyToCustomer());
    assertEquals(99, all.opaqueAttributes().get(0).typeCode());
    assertEquals(IpAddress.parse("fe80::1"), all.linkLocalNextHop().orElseThrow());
    PathAttributes cleared =
        all.toBuilder()
            .clearMed()
            .clearLocalPref()
            .atomicAggregate(false)
            .aggregator(null)
            .originatorId(null)
            .clearOnlyToCustomer()
            .clearOpaque()
            .build();
    assertTrue(cleared.med().isEmpty() && cleared.localPref().isEmpty());
    assertTrue(cleared.originatorId().isEmpty() && cleared.onlyToCustomer().isEmpty());
    assertTrue(cleared.opaqueAttributes().isEmpty() && cleared.aggregator().isEmpty());
  }

  @Test
  void addsAndRemovesCommunitiesWithoutDuplicates() {
    PathAttributes base = PathAttributes.builder().communities(List.of(Community.of(1, 1))).build();
    PathAttributes added =
        base.toBuilder()
            .addCommunity(Community.NO_EXPORT)
            .addCommunity(Community.NO_EXPORT)
            .build();
    assertEquals(ImmutableList.of(Community.of(1, 1), Community.NO_EXPORT), added.communities());
    assertSame(base, added.toBuilder().removeCommunity(Community.NO_EXPORT).build());
  }

  @Test
  void refusesOutOfRangeValues() {
    assertThrows(IllegalArgumentException.class, () -> PathAttributes.builder().med(-1));
    assertThrows(
        IllegalArgumentException.class, () -> PathAttributes.builder().localPref(1L << 32));
    assertThrows(
        IllegalArgumentException.class,
        () -> PathAttributes.builder().linkLocalNextHop(IpAddress.parse("10.0.0.1")));
    assertThrows(
        IllegalArgumentException.class,
        () -> PathAttributes.builder().largeCommunityValues(new int[] {1, 2}));
  }

  @Test
  void equalsByEveryAttributeAndCommunityOrder() {
    PathAttributes.Builder base = PathAttributes.builder().asPath(AsPath.of(65001)).nextHop(HOP);
    new EqualsTester()
        .addEqualityGroup(base.build(), base.build())
        .addEqualityGroup(base.build().toBuilder().med(0).build())
        .addEqualityGroup(base.build().toBuilder().localPref(0).build())
        .addEqualityGroup(base.build().toBuilder().origin(Origin.INCOMPLETE).build())
        .addEqualityGroup(
            base.build().toBuilder()
                .communities(List.of(Community.of(1, 1), Community.of(2, 2)))
                .build())
        .addEqualityGroup(
            base.build().toBuilder()
                .communities(List.of(Community.of(2, 2), Community.of(1, 1)))
                .build())
        .addEqualityGroup(base.build().toBuilder().nextHop(null).build())
        .addEqualityGroup(
            base.build().toBuilder().opaque(OpaqueAttribute.of(0xC0, 99, new byte[] {1})).build())
        .testEquals();
  }

  @Test
  void equalsRoutesByAllFields() {
    PathAttributes attributes = PathAttributes.builder().nextHop(HOP).build();
    RouteSource source = RouteSource.external("10.0.0.1", 65001);
    Prefix prefix = Prefix.parse("10.0.0.0/8");
    new EqualsTester()
        .addEqualityGroup(
            Route.of(prefix, source, attributes), new Route(prefix, source, 0, attributes))
        .addEqualityGroup(new Route(prefix, source, 1, attributes))
        .addEqualityGroup(Route.of(Prefix.parse("10.0.0.0/9"), source, attributes))
        .addEqualityGroup(Route.of(prefix, RouteSource.external("10.0.0.2", 65001), attributes))
        .addEqualityGroup(Route.of(prefix, source, attributes.toBuilder().med(1).build()))
        .testEquals();
  }

  @Property
  void findsACommunityExactlyWhenTheListHoldsIt(
      @ForAll("communities") List<Community> communities,
      @ForAll("communities") List<Community> probes) {
    PathAttributes attributes = PathAttributes.builder().communities(communities).build();
    for (Community probe : probes) {
      assertEquals(communities.contains(probe), attributes.hasCommunity(probe), probe.toString());
    }
    assertTrue(
        attributes.toBuilder()
            .addCommunity(Community.NO_PEER)
            .build()
            .hasCommunity(Community.NO_PEER));
  }

  /** Well-known communities (high half 0xFFFF) and ordinary ones next to them, a few of each. */
  @Provide
  Arbitrary<List<Community>> communities() {
    return Arbitraries.oneOf(
            Arbitraries.of(Community.NO_EXPORT, Community.NO_ADVERTISE, Community.LLGR_STALE),
            Arbitraries.integers().between(0xFFFE, 0xFFFF).map(high -> Community.of(high, 1)))
        .list()
        .ofMaxSize(4)
        .uniqueElements();
  }

  @Property
  void internedSetsAreEqualExactlyWhenTheyAreTheSameObject(
      @ForAll("attributes") PathAttributes a, @ForAll("attributes") PathAttributes b) {
    assertEquals(a.equals(b), a == b);
    assertSame(a, a.toBuilder().build());
  }

  @Provide
  Arbitrary<PathAttributes> attributes() {
    Arbitrary<Integer> small = Arbitraries.integers().between(0, 2);
    return Combinators.combine(small, small, small, small, small)
        .as(
            (path, med, community, origin, hop) -> {
              PathAttributes.Builder b =
                  PathAttributes.builder()
                      .asPath(path == 0 ? AsPath.EMPTY : AsPath.of(65000 + path))
                      .origin(Origin.ofCode(origin))
                      .nextHop(IpAddress.ofIpv4(0x0a000000 + hop));
              if (med > 0) {
                b.med(med);
              }
              for (int i = 0; i < community; i++) {
                b.addCommunity(Community.of(65001, i));
              }
              return b.build();
            });
  }
}
