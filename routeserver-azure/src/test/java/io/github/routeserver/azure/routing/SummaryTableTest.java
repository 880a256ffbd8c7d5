package io.github.routeserver.azure.routing;

import static io.github.routeserver.azure.Scenarios.id;
import static io.github.routeserver.azure.Scenarios.subnet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.azure.RibBuilder;
import io.github.routeserver.azure.Scenarios;
import io.github.routeserver.azure.arm.EffectiveRouteJson;
import io.github.routeserver.azure.model.BgpConnection;
import io.github.routeserver.azure.model.NextHopType;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteServer;
import io.github.routeserver.azure.model.RouteTable;
import io.github.routeserver.azure.model.Subnet;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.model.UserRoute;
import io.github.routeserver.azure.model.VirtualNetwork;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.AzureRouteServerPolicies.HubRoutingPreference;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One test per row of the summary table of the Azure reference notes (section 5) that concerns
 * routing, named after the row. Rows about BGP sessions (4 multihop, 5 timers, 9 and 10 per-peer
 * limit, 26 both instances, 27 route refresh) belong to the session layer; rows 11, 31, 33, 34 and
 * 40 concern traffic or advertisements beyond Route Server and are not modelled here.
 */
class SummaryTableTest {
  private static final Topology HUB_SPOKE = Scenarios.topology("hub-spoke-two-nvas.json");
  private static final Topology GATEWAYS = Scenarios.topology("vpn-expressroute.json");
  private static final ResourceId ARS = id("virtualHubs/ars");
  private static final String NVA1 = "10.0.2.4";
  private static final String NVA2 = "10.0.2.5";
  private static final TopologyValidator VALIDATOR =
      new TopologyValidator(AzureRoutingOptions.DEFAULT);

  private static List<String> rows(EffectiveRoutes routes, String vnet, String name) {
    return routes.subnet(subnet(vnet, name)).orElseThrow().routes().stream()
        .map(EffectiveRoute::toString)
        .sorted()
        .toList();
  }

  private static List<String> bgpRows(Topology topology, Rib rib, String vnet, String name) {
    return rows(EffectiveRoutes.compute(topology, Map.of(ARS, rib)), vnet, name).stream()
        .filter(r -> r.startsWith("VirtualNetworkGateway"))
        .toList();
  }

  private static List<String> hubBgpRows(Rib rib) {
    return bgpRows(HUB_SPOKE, rib, "hub", "workload");
  }

  private static String bgp(String prefix, String... hops) {
    return "VirtualNetworkGateway Active "
        + prefix
        + " VirtualNetworkGateway "
        + String.join(" ", hops);
  }

  private static List<String> advertised(Topology topology, Rib rib, String peer) {
    return new RouteServerAdvertisements(topology, ARS, AzureRoutingOptions.DEFAULT)
        .advertisedTo(PeerId.of(peer), rib).stream()
            .filter(r -> r.localAddress().equals(IpAddress.parse("10.0.1.4")))
            .map(AdvertisedRoute::toString)
            .sorted()
            .toList();
  }

  private static List<String> errors(Topology topology) {
    return VALIDATOR.validate(topology).stream().map(ValidationError::toString).toList();
  }

  private static Topology withRouteServer(Topology topology, RouteServer routeServer) {
    return topology.toBuilder().add(routeServer).build();
  }

  private static RouteServer ars(Topology topology) {
    return topology.routeServers().get(ARS);
  }

  private static Topology withRouteTable(
      Topology topology, String vnet, String name, RouteTable table) {
    VirtualNetwork v = topology.virtualNetwork(id("virtualNetworks/" + vnet)).orElseThrow();
    ImmutableList<Subnet> subnets =
        v.subnets().stream()
            .map(
                s ->
                    s.name().equals(name)
                        ? new Subnet(
                            s.id(),
                            s.addressPrefixes(),
                            Optional.of(table.id()),
                            s.serviceEndpoints())
                        : s)
            .collect(ImmutableList.toImmutableList());
    return topology.toBuilder()
        .add(new VirtualNetwork(v.id(), v.location(), v.addressSpace(), subnets, v.peerings()))
        .add(table)
        .build();
  }

  private static RouteTable table(String name, boolean disablePropagation, UserRoute... routes) {
    return new RouteTable(
        id("routeTables/" + name), "westeurope", ImmutableList.copyOf(routes), disablePropagation);
  }

  @Test
  void row01ArsLocalAsnIs65515InWhatItAdvertisesAndAnyOtherIsReported() {
    assertTrue(
        advertised(HUB_SPOKE, new RibBuilder().build(), NVA1)
            .contains("10.0.0.0/16 via 10.0.1.4 [65515]"));
    RouteServer other =
        new RouteServer(
            ARS,
            ars(HUB_SPOKE).subnet(),
            65000,
            ars(HUB_SPOKE).routerIps(),
            false,
            HubRoutingPreference.EXPRESS_ROUTE,
            ars(HUB_SPOKE).bgpConnections());
    assertEquals(
        List.of(
            ARS
                + ": properties.virtualRouterAsn: 65000 (expected: 65515, the ASN of every Route Server, TUT-NVA)"),
        errors(withRouteServer(HUB_SPOKE, other)));
  }

  @Test
  void aSpokeRangeThatAnNvaAlsoAdvertisesIsAdvertisedOncePerInstance() {
    List<String> ranges = advertised(HUB_SPOKE, new RibBuilder().build(), NVA2);
    String spoke = ranges.stream().filter(r -> !r.startsWith("10.0.0.0/16")).findFirst().get();
    String prefix = spoke.substring(0, spoke.indexOf(' '));

    List<String> routes =
        advertised(HUB_SPOKE, new RibBuilder().announce(NVA1, 65001, prefix, 65001).build(), NVA2);

    assertEquals(
        1, routes.stream().filter(r -> r.startsWith(prefix + " ")).count(), routes::toString);
  }

  @Test
  void row02EachOfTheTwoInstancesAdvertisesWithItsOwnAddressAsNextHop() {
    List<AdvertisedRoute> routes =
        new RouteServerAdvertisements(HUB_SPOKE, ARS, AzureRoutingOptions.DEFAULT)
            .advertisedTo(PeerId.of(NVA1), new RibBuilder().build());
    assertEquals(
        List.of("10.0.1.4", "10.0.1.4", "10.0.1.5", "10.0.1.5"),
        routes.stream().map(r -> r.localAddress() + "").sorted().toList());
    assertTrue(routes.stream().allMatch(r -> r.nextHop().equals(r.localAddress())));
  }

  private static List<String> peerAsnErrors(long asn) {
    RouteServer one =
        ars(HUB_SPOKE)
            .withBgpConnections(
                ImmutableList.of(
                    new BgpConnection(
                        ARS.child("bgpConnections", "p"), IpAddress.parse(NVA1), asn)));
    return errors(withRouteServer(HUB_SPOKE, one));
  }

  @Test
  void row03SessionTypeIbgpPeerIn65515IsReported() {
    assertEquals(1, peerAsnErrors(65515).size());
  }

  @Test
  void row06AsnWidthFourByteAsnIsReported() {
    assertTrue(peerAsnErrors(4_200_000_000L).get(0).contains("4-byte ASN"));
  }

  @Test
  void row07ReservedPeerAsnsAreReportedAnd65516IsNot() {
    long[] reserved = {
      8074, 8075, 12076, 65515, 65517, 65518, 65519, 65520, 23456, 64496, 64511, 65535, 65551
    };
    for (long asn : reserved) {
      assertEquals(1, peerAsnErrors(asn).size(), "AS" + asn);
    }
    assertEquals(List.of(), peerAsnErrors(65516));
  }

  @Test
  void row08MaxPeersNinthPeerIsReported() {
    ImmutableList<BgpConnection> nine =
        IntStream.range(0, 9)
            .mapToObj(
                i ->
                    new BgpConnection(
                        ARS.child("bgpConnections", "p" + i),
                        IpAddress.parse("10.0.2." + (10 + i)),
                        65001))
            .collect(ImmutableList.toImmutableList());
    assertEquals(
        List.of(ARS + ": properties.bgpConnections: 9 peers (expected: at most 8, LIMITS)"),
        errors(withRouteServer(HUB_SPOKE, ars(HUB_SPOKE).withBgpConnections(nine))));
  }

  @Test
  void row12AsLoopRouteWhoseAsPathHolds65515IsNotInjected() {
    assertEquals(
        List.of(),
        hubBgpRows(new RibBuilder().announce(NVA1, 65001, "10.10.0.0/16", 65001, 65515).build()));
  }

  @Test
  void row13VnetOverlapFilterDropsTheVnetRangeAndAnythingInsideIt() {
    assertEquals(
        List.of(),
        hubBgpRows(
            new RibBuilder()
                .announce(NVA1, 65001, "10.0.0.0/16", 65001)
                .announce(NVA1, 65001, "10.0.9.0/24", 65001)
                .build()));
  }

  @Test
  void row14SupernetOfTheVnetSpaceIsInjected() {
    assertEquals(
        List.of(bgp("10.0.0.0/8", NVA1)),
        hubBgpRows(new RibBuilder().announce(NVA1, 65001, "10.0.0.0/8", 65001).build()));
  }

  @Test
  void row15BgpRouteInsideAPeeredVnetLosesToTheVnetPeeringSystemRoute() {
    assertEquals(
        List.of("VirtualNetworkGateway Invalid 10.1.1.0/24 VirtualNetworkGateway 10.0.2.4"),
        hubBgpRows(new RibBuilder().announce(NVA1, 65001, "10.1.1.0/24", 65001).build()));
  }

  @Test
  void row16AsPathIsPassedOnIntactWith65515Prepended() {
    assertTrue(
        advertised(
                HUB_SPOKE,
                new RibBuilder().announce(NVA1, 65001, "192.168.1.0/24", 65001, 65100).build(),
                NVA2)
            .contains("192.168.1.0/24 via 10.0.1.4 [65515 65001 65100]"));
  }

  @Test
  void row17CommunitiesArePassedOnUnchanged() {
    Rib rib =
        new RibBuilder()
            .build()
            .announce(
                RibBuilder.route(NVA1, 65001, "192.168.1.0/24", NVA1, 65001)
                    .withAttributes(
                        RibBuilder.route(NVA1, 65001, "192.168.1.0/24", NVA1, 65001)
                            .attributes()
                            .toBuilder()
                            .addCommunity(Community.of(65001, 100))
                            .build()))
            .after();
    assertTrue(
        advertised(HUB_SPOKE, rib, NVA2)
            .contains("192.168.1.0/24 via 10.0.1.4 [65515 65001] [65001:100]"));
  }

  @Test
  void row18NoAdvertiseIsInjectedButAdvertisedToNoPeer() {
    Rib rib = new RibBuilder().announceNoAdvertise(NVA1, 65001, "192.168.1.0/24", 65001).build();
    assertEquals(List.of(bgp("192.168.1.0/24", NVA1)), hubBgpRows(rib));
    assertTrue(
        advertised(HUB_SPOKE, rib, NVA2).stream().noneMatch(r -> r.startsWith("192.168.1.0/24")));
  }

  @Test
  void row19EqualAsPathLengthFromTwoNvasIsEcmp() {
    assertEquals(
        List.of(bgp("192.168.1.0/24", NVA1), bgp("192.168.1.0/24", NVA2)),
        hubBgpRows(
            new RibBuilder()
                .announce(NVA1, 65001, "192.168.1.0/24", 65001, 65100)
                .announce(NVA2, 65001, "192.168.1.0/24", 65001, 65200)
                .build()));
  }

  @Test
  void row20ShorterAsPathWins() {
    assertEquals(
        List.of(bgp("192.168.1.0/24", NVA2)),
        hubBgpRows(
            new RibBuilder()
                .announce(NVA1, 65001, "192.168.1.0/24", 65001, 65001, 65100)
                .announce(NVA2, 65001, "192.168.1.0/24", 65001, 65100)
                .build()));
  }

  @Test
  void row21PrependedPathIsUsedOnlyAfterThePreferredOneIsWithdrawn() {
    Rib rib =
        new RibBuilder()
            .announce(NVA1, 65001, "192.168.1.0/24", 65001)
            .announce(NVA2, 65001, "192.168.1.0/24", 65001, 65001, 65001)
            .build();
    EffectiveRoutes before = EffectiveRoutes.compute(HUB_SPOKE, Map.of(ARS, rib));
    EffectiveRoutes after =
        before
            .apply(ARS, rib.withdraw(PeerId.of(NVA1), Prefix.parse("192.168.1.0/24"), 0))
            .routes();
    assertTrue(rows(before, "hub", "workload").contains(bgp("192.168.1.0/24", NVA1)));
    assertTrue(rows(after, "hub", "workload").contains(bgp("192.168.1.0/24", NVA2)));
    assertTrue(!rows(after, "hub", "workload").contains(bgp("192.168.1.0/24", NVA1)));
  }

  @Test
  void row22ProgrammedNextHopIsTheNextHopTheNvaSentSuchAsAnIlb() {
    assertEquals(
        List.of(bgp("192.168.1.0/24", "10.0.2.100")),
        hubBgpRows(
            new RibBuilder().announce(NVA1, 65001, "192.168.1.0/24", "10.0.2.100", 65001).build()));
  }

  @Test
  void row23VnetRangesAreAdvertisedToNvasWithAsPath65515() {
    assertTrue(
        advertised(HUB_SPOKE, new RibBuilder().build(), NVA1)
            .contains("10.0.0.0/16 via 10.0.1.4 [65515]"));
  }

  @Test
  void row24RangesOfSpokesThatUseRemoteGatewayAreAdvertised() {
    assertTrue(
        advertised(HUB_SPOKE, new RibBuilder().build(), NVA1)
            .contains("10.1.0.0/16 via 10.0.1.4 [65515]"));
  }

  @Test
  void row25SpokeWithoutUseRemoteGatewayIsNotAdvertisedAndGetsNoRoutes() {
    Rib rib = new RibBuilder().announce(NVA1, 65001, "192.168.1.0/24", 65001).build();
    assertTrue(
        advertised(HUB_SPOKE, rib, NVA1).stream().noneMatch(r -> r.startsWith("10.2.0.0/16")));
    assertEquals(List.of(), bgpRows(HUB_SPOKE, rib, "spoke2", "app"));
  }

  @Test
  void row28DefaultRouteReachesEverySubnetIncludingTheNvasOwn() {
    Topology noUdr = withRouteTable(HUB_SPOKE, "hub", "nva", table("rt-nva", false));
    assertEquals(
        List.of(bgp("0.0.0.0/0", NVA1)),
        bgpRows(
            noUdr,
            new RibBuilder().announce(NVA1, 65001, "0.0.0.0/0", 65001).build(),
            "hub",
            "nva"));
  }

  @Test
  void row29BranchToBranchOffNoRoutesPassBetweenNvasAndGateways() {
    Rib rib = VpnAndExpressRouteCoexistingTest.rib();
    assertEquals(List.of(), advertised(GATEWAYS, rib, "10.0.0.4"));
    assertTrue(advertised(GATEWAYS, rib, "10.0.2.4").stream().noneMatch(r -> r.startsWith("172.")));
  }

  @Test
  void row30BranchToBranchOnGatewayRoutesReachNvasWith65515Prepended() {
    Topology on = Scenarios.topology("vpn-expressroute-b2b.json");
    assertTrue(
        advertised(on, VpnAndExpressRouteCoexistingTest.rib(), "10.0.2.4")
            .contains("172.30.0.0/16 via 10.0.1.4 [65515 65050]"));
  }

  @Test
  void row32VpnGatewayForTransitMustBeActiveActiveIn65515() {
    Topology invalid = Scenarios.topology("invalid.json");
    assertEquals(2, errors(invalid).stream().filter(e -> e.contains("ERVPN")).count());
  }

  private static List<String> gatewayRows(HubRoutingPreference preference, RibBuilder rib) {
    RouteServer server = ars(GATEWAYS);
    RouteServer changed =
        new RouteServer(
            ARS,
            server.subnet(),
            65515,
            server.routerIps(),
            false,
            preference,
            server.bgpConnections());
    return bgpRows(withRouteServer(GATEWAYS, changed), rib.build(), "hub", "workload").stream()
        .filter(r -> r.contains("172.40.0.0/16"))
        .toList();
  }

  private static RibBuilder sameRangeFromAllSources() {
    return new RibBuilder()
        .announce("10.0.0.12", 65515, "172.40.0.0/16", 12076, 65100, 65101)
        .announce("10.0.0.4", 65515, "172.40.0.0/16", 65050, 65051)
        .announce("10.0.2.4", 65010, "172.40.0.0/16", 65010);
  }

  @Test
  void row35HrpExpressRouteDefaultErBeatsVpnAndNva() {
    assertEquals(
        List.of(bgp("172.40.0.0/16", "10.0.0.12")),
        gatewayRows(HubRoutingPreference.EXPRESS_ROUTE, sameRangeFromAllSources()));
  }

  @Test
  void row36HrpVpnGatewayVpnAndNvaBeatErAndTheShorterPathDecidesBetweenThem() {
    assertEquals(
        List.of(bgp("172.40.0.0/16", "10.0.2.4")),
        gatewayRows(HubRoutingPreference.VPN_GATEWAY, sameRangeFromAllSources()));
  }

  @Test
  void row37HrpAsPathShortestPathWinsWhateverTheSource() {
    RibBuilder rib =
        new RibBuilder()
            .announce("10.0.0.12", 65515, "172.40.0.0/16", 12076)
            .announce("10.0.0.4", 65515, "172.40.0.0/16", 65050, 65051)
            .announce("10.0.2.4", 65010, "172.40.0.0/16", 65010, 65011, 65012);
    assertEquals(
        List.of(bgp("172.40.0.0/16", "10.0.0.12")), gatewayRows(HubRoutingPreference.AS_PATH, rib));
  }

  @Test
  void row38SelectionOrderLongerPrefixFromNvaStaysActiveBesideTheErRoute() {
    RibBuilder rib =
        new RibBuilder()
            .announce("10.0.0.12", 65515, "172.40.0.0/16", 12076)
            .announce("10.0.2.4", 65010, "172.40.1.0/24", 65010);
    assertEquals(
        List.of(bgp("172.40.0.0/16", "10.0.0.12"), bgp("172.40.1.0/24", "10.0.2.4")),
        bgpRows(GATEWAYS, rib.build(), "hub", "workload").stream()
            .filter(r -> r.contains("172.40."))
            .toList());
  }

  @Test
  void row39RoutesOfAnotherRouteServerArrivingThroughExpressRouteAreDropped() {
    Rib rib =
        new RibBuilder().announce("10.0.0.12", 65515, "10.99.0.0/16", 12076, 65515, 65001).build();
    assertTrue(
        bgpRows(GATEWAYS, rib, "hub", "workload").stream().noneMatch(r -> r.contains("10.99.")));
  }

  @Test
  void row41PropagationFlagRemovesGatewayAndRouteServerRoutes() {
    Topology off = withRouteTable(GATEWAYS, "hub", "workload", table("rt-off", true));
    List<String> rows =
        rows(
            EffectiveRoutes.compute(off, Map.of(ARS, VpnAndExpressRouteCoexistingTest.rib())),
            "hub",
            "workload");
    assertTrue(
        rows.stream().noneMatch(r -> r.startsWith("VirtualNetworkGateway")), rows.toString());
  }

  @Test
  void row42EverySubnetHasVnetInternetAndFourReservedNoneRoutes() {
    assertEquals(
        List.of(
            "Default Active 0.0.0.0/0 Internet",
            "Default Active 10.0.0.0/16 VNetPeering",
            "Default Active 10.0.0.0/8 None",
            "Default Active 10.2.0.0/16 VnetLocal",
            "Default Active 100.64.0.0/10 None",
            "Default Active 172.16.0.0/12 None",
            "Default Active 192.168.0.0/16 None"),
        rows(EffectiveRoutes.compute(HUB_SPOKE, Map.of()), "spoke2", "app"));
  }

  @Test
  void row43ReservedRangeEqualToOrInsideTheVnetSpaceBecomesVnetLocal() {
    ResourceId vnet = id("virtualNetworks/big");
    Subnet s =
        new Subnet(
            vnet.child("subnets", "a"),
            ImmutableList.of(Prefix.parse("10.1.0.0/24")),
            Optional.empty(),
            ImmutableList.of());
    Topology topology =
        Topology.builder()
            .add(
                new VirtualNetwork(
                    vnet,
                    "westeurope",
                    ImmutableList.of(
                        Prefix.parse("10.0.0.0/8"),
                        Prefix.parse("172.0.0.0/11"),
                        Prefix.parse("192.168.1.0/24")),
                    ImmutableList.of(s),
                    ImmutableList.of()))
            .build();
    assertEquals(
        List.of(
            "Default Active 0.0.0.0/0 Internet",
            "Default Active 10.0.0.0/8 VnetLocal",
            "Default Active 100.64.0.0/10 None",
            "Default Active 172.0.0.0/11 VnetLocal",
            "Default Active 192.168.0.0/16 None",
            "Default Active 192.168.1.0/24 VnetLocal"),
        rows(EffectiveRoutes.compute(topology, Map.of()), "big", "a"));
  }

  @Test
  void row44UdrForTheDefaultRouteRemovesTheReservedNoneRoutesUnlessTurnedOff() {
    RouteTable udr =
        table(
            "rt-default",
            false,
            UserRoute.toAppliance("default", Prefix.parse("0.0.0.0/0"), IpAddress.parse(NVA1)));
    Topology topology = withRouteTable(HUB_SPOKE, "spoke2", "app", udr);
    assertTrue(
        rows(EffectiveRoutes.compute(topology, Map.of()), "spoke2", "app").stream()
            .noneMatch(r -> r.endsWith(" None")));
    EffectiveRoutes kept =
        EffectiveRoutes.compute(
            topology,
            Map.of(),
            AzureRoutingOptions.builder().defaultUdrRemovesReservedRoutes(false).build());
    assertEquals(4, rows(kept, "spoke2", "app").stream().filter(r -> r.endsWith(" None")).count());
  }

  @Test
  void row45OnePeeringRoutePerRangeOfEachPeeredVnet() {
    assertEquals(
        List.of("Default Active 10.1.0.0/16 VNetPeering", "Default Active 10.2.0.0/16 VNetPeering"),
        rows(EffectiveRoutes.compute(HUB_SPOKE, Map.of()), "hub", "workload").stream()
            .filter(r -> r.contains("VNetPeering"))
            .toList());
  }

  @Test
  void row46ServiceEndpointRoutesOnlyOnTheEnabledSubnetAndActiveBesideADefaultRoute() {
    Topology topology = Scenarios.topology("service-endpoint.json", "service-tags-sample.json");
    EffectiveRoutes routes =
        EffectiveRoutes.compute(
            topology,
            Map.of(ARS, new RibBuilder().announce(NVA1, 65001, "0.0.0.0/0", 65001).build()));
    assertTrue(
        rows(routes, "hub", "storage")
            .contains(
                "Default Active 198.51.100.0/25 203.0.113.0/25 VirtualNetworkServiceEndpoint"));
    assertTrue(
        rows(routes, "hub", "workload").stream().noneMatch(r -> r.contains("ServiceEndpoint")));
  }

  @Test
  void row47LongerBgpPrefixStaysActiveBesideAShorterUserRoute() {
    RouteTable udr =
        table(
            "rt-w",
            false,
            UserRoute.toAppliance("onprem", Prefix.parse("192.168.0.0/16"), IpAddress.parse(NVA2)));
    Topology topology = withRouteTable(HUB_SPOKE, "hub", "workload", udr);
    List<String> rows =
        rows(
            EffectiveRoutes.compute(
                topology,
                Map.of(
                    ARS, new RibBuilder().announce(NVA1, 65001, "192.168.10.0/24", 65001).build())),
            "hub",
            "workload");
    assertTrue(rows.contains("User Active 192.168.0.0/16 VirtualAppliance 10.0.2.5"));
    assertTrue(rows.contains(bgp("192.168.10.0/24", NVA1)));
  }

  @Test
  void row48SamePrefixUserBeatsBgpBeatsSystem() {
    RouteTable udr =
        table(
            "rt-w",
            false,
            UserRoute.toAppliance("default", Prefix.parse("0.0.0.0/0"), IpAddress.parse(NVA2)));
    Topology topology = withRouteTable(HUB_SPOKE, "hub", "workload", udr);
    List<String> rows =
        rows(
                EffectiveRoutes.compute(
                    topology,
                    Map.of(
                        ARS, new RibBuilder().announce(NVA1, 65001, "0.0.0.0/0", 65001).build())),
                "hub",
                "workload")
            .stream()
            .filter(r -> r.contains(" 0.0.0.0/0 "))
            .toList();
    assertEquals(
        List.of(
            "Default Invalid 0.0.0.0/0 Internet",
            "User Active 0.0.0.0/0 VirtualAppliance 10.0.2.5",
            "VirtualNetworkGateway Invalid 0.0.0.0/0 VirtualNetworkGateway 10.0.2.4"),
        rows);
  }

  @Test
  void row49OverriddenVnetRouteIsInvalidAndTheUserRouteActive() {
    RouteTable udr =
        table(
            "rt-w",
            false,
            UserRoute.toAppliance("vnet", Prefix.parse("10.0.0.0/16"), IpAddress.parse(NVA2)));
    List<String> rows =
        rows(
            EffectiveRoutes.compute(withRouteTable(HUB_SPOKE, "hub", "workload", udr), Map.of()),
            "hub",
            "workload");
    assertTrue(rows.contains("Default Invalid 10.0.0.0/16 VnetLocal"));
    assertTrue(rows.contains("User Active 10.0.0.0/16 VirtualAppliance 10.0.2.5"));
  }

  @Test
  void row50SourcesAreDefaultUserAndVirtualNetworkGatewayForRouteServerRoutes() {
    EffectiveRoutes routes =
        EffectiveRoutes.compute(
            HUB_SPOKE,
            Map.of(ARS, new RibBuilder().announce(NVA1, 65001, "0.0.0.0/0", 65001).build()));
    assertEquals(
        List.of(
            EffectiveRouteSource.DEFAULT,
            EffectiveRouteSource.VIRTUAL_NETWORK_GATEWAY,
            EffectiveRouteSource.USER),
        routes.subnet(subnet("hub", "nva")).orElseThrow().routes().stream()
            .map(EffectiveRoute::source)
            .distinct()
            .toList());
  }

  @Test
  void row51PrefixesAndNextHopsAreArraysAndSystemRoutesHaveNoNextHop() {
    EffectiveRoute system =
        EffectiveRoute.system(
            ImmutableList.of(Prefix.parse("10.0.0.0/16")), NextHopType.VNET_LOCAL, false);
    EffectiveRoute user =
        new EffectiveRoute(
            Optional.of("to-nva"),
            EffectiveRouteSource.USER,
            EffectiveRouteState.ACTIVE,
            ImmutableList.of(Prefix.parse("0.0.0.0/0")),
            NextHopType.VIRTUAL_APPLIANCE,
            ImmutableList.of(IpAddress.parse(NVA1)),
            false);
    assertEquals(
        String.join(
            "\n",
            "{",
            "  \"value\" : [ {",
            "    \"addressPrefix\" : [ \"10.0.0.0/16\" ],",
            "    \"disableBgpRoutePropagation\" : false,",
            "    \"nextHopIpAddress\" : [ ],",
            "    \"nextHopType\" : \"VnetLocal\",",
            "    \"source\" : \"Default\",",
            "    \"state\" : \"Active\"",
            "  }, {",
            "    \"addressPrefix\" : [ \"0.0.0.0/0\" ],",
            "    \"disableBgpRoutePropagation\" : false,",
            "    \"name\" : \"to-nva\",",
            "    \"nextHopIpAddress\" : [ \"10.0.2.4\" ],",
            "    \"nextHopType\" : \"VirtualAppliance\",",
            "    \"source\" : \"User\",",
            "    \"state\" : \"Active\"",
            "  } ]",
            "}",
            ""),
        EffectiveRouteJson.toJson(List.of(system, user)));
  }

  @Test
  void row52NextHopIpOnANonApplianceRouteIsReported() {
    assertTrue(
        errors(Scenarios.topology("invalid.json")).stream()
            .anyMatch(
                e -> e.contains("routes[2].properties.nextHopIpAddress: set on a Internet route")));
  }

  @Test
  void row53PeeringAndServiceEndpointNextHopsCannotBeSetInUdrs() {
    assertTrue(
        errors(Scenarios.topology("invalid.json")).stream()
            .anyMatch(e -> e.contains("VNetPeering cannot be set in a route table")));
  }

  @Test
  void row54GatewayNextHopNeedsAVpnGatewayWithoutExpressRoute() {
    assertTrue(
        errors(Scenarios.topology("invalid.json")).stream()
            .anyMatch(e -> e.contains("VirtualNetworkGateway needs a VPN gateway")));
  }

  @Test
  void row55DuplicatePrefixInATableIsRouteConflict() {
    assertTrue(
        errors(Scenarios.topology("invalid.json")).stream()
            .anyMatch(e -> e.contains("RouteConflict")));
  }

  @Test
  void row56ExplicitPrefixBeatsAServiceTagOnAnExactTieAndTagRoutesAreLimitedTo25() {
    Topology tags = Scenarios.topology("hub-spoke-two-nvas.json", "service-tags-sample.json");
    RouteTable udr =
        table(
            "rt-w",
            false,
            new UserRoute("storage", "Storage.WestEurope", NextHopType.INTERNET, Optional.empty()),
            UserRoute.toAppliance("a", Prefix.parse("198.51.100.0/25"), IpAddress.parse(NVA1)),
            UserRoute.toAppliance("b", Prefix.parse("203.0.113.0/25"), IpAddress.parse(NVA1)));
    List<String> rows =
        rows(
            EffectiveRoutes.compute(withRouteTable(tags, "hub", "workload", udr), Map.of()),
            "hub",
            "workload");
    assertTrue(
        rows.contains("User Invalid 198.51.100.0/25 203.0.113.0/25 Internet"), rows.toString());
    List<UserRoute> many = new ArrayList<>();
    for (int i = 0; i < 26; i++) {
      many.add(
          new UserRoute(
              "t" + i,
              i % 2 == 0 ? "Storage" : "Storage.NorthEurope",
              NextHopType.INTERNET,
              Optional.empty()));
    }
    RouteTable tooMany =
        new RouteTable(id("routeTables/tags"), "westeurope", ImmutableList.copyOf(many), false);
    assertTrue(
        errors(tags.toBuilder().add(tooMany).build()).stream()
            .anyMatch(e -> e.endsWith("26 service-tag routes (expected: at most 25, UDR)")));
  }

  @Test
  void row57MoreThan200TablesInASubscriptionRegionIsReported() {
    Topology.Builder many = Topology.builder();
    for (int i = 0; i <= 200; i++) {
      many.add(table("rt" + i, false));
    }
    assertEquals(
        List.of(
            id("routeTables/rt200")
                + ": location: more than 200 route tables in this subscription and region (expected: at most 200, VNLIM)"),
        errors(many.build()));
  }

  @Test
  void row58RouteServerSubnetMustBeNamedSoAndExist() {
    RouteServer elsewhere = ars(HUB_SPOKE).withSubnet(subnet("hub", "workload"));
    assertEquals(
        List.of(
            subnet("hub", "workload")
                + ": name: 'workload' (expected: exactly RouteServerSubnet, FAQ, QS-P)"),
        errors(withRouteServer(HUB_SPOKE, elsewhere)));
    RouteServer nowhere = ars(HUB_SPOKE).withSubnet(subnet("hub", "missing"));
    assertTrue(
        errors(withRouteServer(HUB_SPOKE, nowhere)).get(0).contains("RouteServerSubnet missing"));
  }

  @Test
  void row59SecondRouteServerInAVnetIsReportedAndIpv6RoutesAreNotInjected() {
    RouteServer second =
        new RouteServer(
            id("virtualHubs/ars2"),
            ars(HUB_SPOKE).subnet(),
            65515,
            ImmutableList.of(),
            false,
            HubRoutingPreference.EXPRESS_ROUTE,
            ImmutableList.of());
    assertTrue(errors(withRouteServer(HUB_SPOKE, second)).get(0).contains("a second Route Server"));
    assertEquals(
        List.of(),
        hubBgpRows(new RibBuilder().announce(NVA1, 65001, "2001:db8::/32", NVA1, 65001).build()));
  }

  @Test
  void row60ExpressRouteKeepsOneNextHopWithRouteServerUnlessTheOptionSaysItIsFixed() {
    Rib rib =
        new RibBuilder()
            .announce("10.0.0.12", 65515, "172.40.0.0/16", 12076)
            .announce("10.0.0.13", 65515, "172.40.0.0/16", 12076)
            .build();
    assertEquals(
        List.of(bgp("172.40.0.0/16", "10.0.0.12")),
        bgpRows(GATEWAYS, rib, "hub", "workload").stream()
            .filter(r -> r.contains("172.40"))
            .toList());
    EffectiveRoutes fixed =
        EffectiveRoutes.compute(
            GATEWAYS,
            Map.of(ARS, rib),
            AzureRoutingOptions.builder().expressRouteEcmpLostWithRouteServer(false).build());
    assertTrue(
        rows(fixed, "hub", "workload").contains(bgp("172.40.0.0/16", "10.0.0.12", "10.0.0.13")));
  }
}
