package io.github.routeserver.core.policy;

import static io.github.routeserver.core.policy.AzureRouteServerPolicies.EXPRESSROUTE_GATEWAY;
import static io.github.routeserver.core.policy.AzureRouteServerPolicies.NVA;
import static io.github.routeserver.core.policy.AzureRouteServerPolicies.VPN_GATEWAY;
import static io.github.routeserver.core.policy.testing.PolicyAssert.assertAccepts;
import static io.github.routeserver.core.policy.testing.PolicyAssert.assertAcceptsUnchanged;
import static io.github.routeserver.core.policy.testing.PolicyAssert.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.AzureRouteServerPolicies.HubRoutingPreference;
import io.github.routeserver.core.policy.AzureRouteServerPolicies.PeeredVnetFilter;
import io.github.routeserver.core.policy.testing.TestRoutes;
import io.github.routeserver.core.route.Route;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Rows of the summary table of the Azure reference notes, one test each (row numbers in names). */
class AzureRouteServerPoliciesTest {
  private static final IpAddress ARS = IpAddress.parse("10.0.1.4");
  private static final PeerInfo NVA1 = PeerInfo.of("10.0.2.4", 65001).withGroups(NVA);
  private static final PeerInfo NVA2 = PeerInfo.of("10.0.2.5", 65002).withGroups(NVA);
  private static final PeerInfo VPN = PeerInfo.of("10.0.3.4", 65515).withGroups(VPN_GATEWAY);
  private static final PeerInfo ER =
      PeerInfo.of("10.0.3.5", 65515).withGroups(EXPRESSROUTE_GATEWAY);

  private static final AzureRouteServerPolicies DEFAULTS =
      AzureRouteServerPolicies.builder()
          .vnetAddressSpace(List.of(Prefix.parse("10.0.0.0/16")))
          .build();

  private static PolicyContext in(PeerInfo from) {
    return PolicyContext.importing(65515, ARS, from);
  }

  private static PolicyContext out(PeerInfo from, PeerInfo to) {
    return PolicyContext.exporting(65515, ARS, from, to);
  }

  private static Route route(String prefix, String path, String... more) {
    return TestRoutes.route(prefix, path, more);
  }

  @Test
  void row7ReservedPeerAsnsAreRefused() {
    for (long asn :
        new long[] {8074, 8075, 12076, 65515, 65517, 65520, 23456, 64496, 64511, 65535, 65551}) {
      assertTrue(AzureRouteServerPolicies.isReservedPeerAsn(asn), Long.toString(asn));
      assertRejects(
          DEFAULTS.reservedPeerAsnFilter(),
          route("192.168.0.0/16", Long.toString(asn)),
          in(PeerInfo.of("10.0.2.9", asn)));
    }
    for (long asn : new long[] {65516, 65521, 64512, 65001, 8076, 65552}) {
      assertFalse(AzureRouteServerPolicies.isReservedPeerAsn(asn), Long.toString(asn));
    }
  }

  @Test
  void row12RoutesWhoseAsPathHolds65515AreDropped() {
    RoutePolicy loop = DEFAULTS.asPathLoopFilter();
    assertRejects(loop, route("10.10.0.0/16", "65001 65515"), in(NVA1));
    assertRejects(loop, route("10.10.0.0/16", "65001 {65515 7}"), in(NVA1));
    assertAcceptsUnchanged(loop, route("10.10.0.0/16", "65001 165515"), in(NVA1));
  }

  @Test
  void row13PrefixesEqualToOrInsideTheVnetAreNotInjected() {
    RoutePolicy overlap = DEFAULTS.vnetOverlapFilter();
    assertRejects(overlap, route("10.0.0.0/16", "65001"), in(NVA1));
    assertRejects(overlap, route("10.0.5.0/24", "65001"), in(NVA1));
  }

  @Test
  void row14SupernetsOfTheVnetAreInjected() {
    RoutePolicy overlap = DEFAULTS.vnetOverlapFilter();
    assertAcceptsUnchanged(overlap, route("10.0.0.0/8", "65001"), in(NVA1));
    assertAcceptsUnchanged(overlap, route("0.0.0.0/0", "65001"), in(NVA1));
    assertAcceptsUnchanged(overlap, route("10.1.0.0/16", "65001"), in(NVA1));
  }

  @Test
  void peeredVnetPrefixesAreFilteredOnlyWhenAskedBecauseItIsUnconfirmed() {
    List<Prefix> spoke = List.of(Prefix.parse("10.5.0.0/16"));
    Route exact = route("10.5.0.0/16", "65001");
    Route inside = route("10.5.1.0/24", "65001");
    assertAcceptsUnchanged(DEFAULTS.vnetOverlapFilter(), exact, in(NVA1));
    AzureRouteServerPolicies exactOnly =
        AzureRouteServerPolicies.builder()
            .peeredVnetAddressSpace(spoke, PeeredVnetFilter.EXACT)
            .build();
    assertRejects(exactOnly.vnetOverlapFilter(), exact, in(NVA1));
    assertAcceptsUnchanged(exactOnly.vnetOverlapFilter(), inside, in(NVA1));
    AzureRouteServerPolicies orLonger =
        AzureRouteServerPolicies.builder()
            .peeredVnetAddressSpace(spoke, PeeredVnetFilter.EXACT_OR_LONGER)
            .build();
    assertRejects(orLonger.vnetOverlapFilter(), inside, in(NVA1));
  }

  @Test
  void row18NoAdvertiseReachesNoPeerButIsStillImported() {
    Route r = route("192.168.0.0/16", "65001", "community=NO_ADVERTISE");
    assertAccepts(DEFAULTS.importPolicy(), r, in(NVA1));
    for (PeerInfo to : List.of(NVA2, VPN, ER)) {
      assertRejects(DEFAULTS.exportPolicy(), r, out(NVA1, to));
    }
  }

  @Test
  void noExportReachesNoOtherNvaBecauseRfc1997MakesHonouringItMandatory() {
    for (String community : List.of("NO_EXPORT", "NO_EXPORT_SUBCONFED")) {
      Route r = route("192.168.0.0/16", "65001", "community=" + community);
      assertAccepts(DEFAULTS.importPolicy(), r, in(NVA1));
      assertRejects(DEFAULTS.exportPolicy(), r, out(NVA1, NVA2));
    }
  }

  @Test
  void row29BranchToBranchOffKeepsNvasAndGatewaysApart() {
    RoutePolicy export = DEFAULTS.exportPolicy();
    Route r = route("192.168.0.0/16", "65001");
    assertRejects(export, r, out(VPN, NVA1));
    assertRejects(export, r, out(ER, NVA1));
    assertRejects(export, r, out(NVA1, VPN));
    assertRejects(export, r, out(NVA1, ER));
    assertRejects(export, r, out(VPN, ER));
    assertRejects(export, r, out(ER, VPN));
    assertAcceptsUnchanged(export, r, out(NVA1, NVA2));
  }

  @Test
  void row30BranchToBranchOnExchangesRoutesBetweenNvasAndGateways() {
    RoutePolicy export =
        AzureRouteServerPolicies.builder().branchToBranch(true).build().exportPolicy();
    Route r = route("192.168.0.0/16", "65001");
    for (PolicyContext context :
        List.of(out(VPN, NVA1), out(NVA1, ER), out(ER, VPN), out(NVA1, NVA2))) {
      assertAcceptsUnchanged(export, r, context);
    }
  }

  private static OptionalLong localPref(HubRoutingPreference preference, PeerInfo from) {
    AzureRouteServerPolicies policies =
        AzureRouteServerPolicies.builder().hubRoutingPreference(preference).build();
    Route r = route("192.168.0.0/16", "65001", "lp=7");
    return assertAccepts(policies.importPolicy(), r, in(from)).attributes().localPref();
  }

  @Test
  void row35HubRoutingPreferenceExpressRoutePrefersExpressRoute() {
    assertEquals(OptionalLong.of(200), localPref(HubRoutingPreference.EXPRESS_ROUTE, ER));
    assertEquals(OptionalLong.of(100), localPref(HubRoutingPreference.EXPRESS_ROUTE, VPN));
    assertEquals(OptionalLong.of(100), localPref(HubRoutingPreference.EXPRESS_ROUTE, NVA1));
  }

  @Test
  void row36HubRoutingPreferenceVpnGatewayPrefersVpnAndNvasEqually() {
    assertEquals(OptionalLong.of(100), localPref(HubRoutingPreference.VPN_GATEWAY, ER));
    assertEquals(OptionalLong.of(200), localPref(HubRoutingPreference.VPN_GATEWAY, VPN));
    assertEquals(OptionalLong.of(200), localPref(HubRoutingPreference.VPN_GATEWAY, NVA1));
  }

  @Test
  void row37HubRoutingPreferenceAsPathLeavesItToTheAsPath() {
    for (PeerInfo from : List.of(ER, VPN, NVA1)) {
      assertEquals(OptionalLong.of(100), localPref(HubRoutingPreference.AS_PATH, from));
    }
  }

  @Test
  void importChainRunsTheRulesInArsOrder() {
    assertEquals(
        List.of(
            "azure-reserved-peer-asn",
            "azure-as-path-loop",
            "azure-vnet-overlap",
            "azure-hub-routing-preference"),
        DEFAULTS.importPolicy().elements().stream().map(RoutePolicy::name).toList());
    Explanation why =
        assertRejects(DEFAULTS.importPolicy(), route("10.0.3.0/24", "65001"), in(NVA1));
    assertTrue(why.reason().contains("VNet address space"), why.reason());
  }
}
