package io.github.routeserver.core.policy;

import static io.github.routeserver.core.policy.testing.PolicyAssert.assertAccepts;
import static io.github.routeserver.core.policy.testing.PolicyAssert.assertAcceptsUnchanged;
import static io.github.routeserver.core.policy.testing.PolicyAssert.assertRejects;
import static io.github.routeserver.core.policy.testing.TestRoutes.LOCAL_ASN;
import static io.github.routeserver.core.policy.testing.TestRoutes.export;
import static io.github.routeserver.core.policy.testing.TestRoutes.importFrom;
import static io.github.routeserver.core.policy.testing.TestRoutes.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.core.route.Route;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StandardPoliciesTest {
  private static final Route PLAIN = route("10.0.0.0/8", "65001 7");
  private static final Route MARKED = route("10.0.0.0/8", "65001 7", "otc=65001");

  private static PeerInfo peer(Role role) {
    return PeerInfo.of("10.1.0.4", 65001).withRole(role);
  }

  private static final PeerInfo SOURCE = PeerInfo.of("10.9.0.1", 65009);

  @Test
  void rfc8212RejectsBothDirectionsOfExternalSessionsOnly() {
    Term deny = StandardPolicies.rfc8212DefaultDeny();
    assertRejects(deny, PLAIN, importFrom(peer(Role.PEER)));
    assertRejects(deny, PLAIN, export(SOURCE, peer(Role.PEER)));
    PeerInfo internal = PeerInfo.of("10.1.0.7", LOCAL_ASN);
    assertAcceptsUnchanged(deny, PLAIN, importFrom(internal));
    assertAcceptsUnchanged(deny, PLAIN, export(SOURCE, internal));
  }

  @Test
  void rfc9234IngressRule1OtcFromCustomerOrRsClientIsALeak() {
    RoutePolicy ingress = StandardPolicies.rfc9234Ingress();
    assertRejects(ingress, MARKED, importFrom(peer(Role.CUSTOMER)));
    assertRejects(ingress, MARKED, importFrom(peer(Role.RS_CLIENT)));
    assertAcceptsUnchanged(ingress, PLAIN, importFrom(peer(Role.CUSTOMER)));
  }

  @Test
  void rfc9234IngressRule2OtcFromPeerMustBeThePeersAs() {
    RoutePolicy ingress = StandardPolicies.rfc9234Ingress();
    assertAcceptsUnchanged(ingress, MARKED, importFrom(peer(Role.PEER)));
    Route other = route("10.0.0.0/8", "65001 7", "otc=7");
    assertRejects(ingress, other, importFrom(peer(Role.PEER)));
  }

  @Test
  void rfc9234IngressRule3MarksRoutesFromProvidersPeersAndRouteServers() {
    RoutePolicy ingress = StandardPolicies.rfc9234Ingress();
    for (Role role : new Role[] {Role.PROVIDER, Role.PEER, Role.RS}) {
      Route marked = assertAccepts(ingress, PLAIN, importFrom(peer(role)));
      assertEquals(OptionalLong.of(65001), marked.attributes().onlyToCustomer(), role.toString());
    }
    Route kept =
        assertAccepts(
            ingress, route("10.0.0.0/8", "65001", "otc=3"), importFrom(peer(Role.PROVIDER)));
    assertEquals(OptionalLong.of(3), kept.attributes().onlyToCustomer());
  }

  @Test
  void rfc9234IngressLeavesPeersWithoutRoleAndExportsAlone() {
    RoutePolicy ingress = StandardPolicies.rfc9234Ingress();
    assertAcceptsUnchanged(ingress, MARKED, importFrom(PeerInfo.of("10.1.0.4", 65001)));
    assertAcceptsUnchanged(ingress, MARKED, export(peer(Role.CUSTOMER), peer(Role.CUSTOMER)));
  }

  @Test
  void rfc9234EgressRule2KeepsMarkedRoutesFromProvidersPeersAndRouteServers() {
    RoutePolicy egress = StandardPolicies.rfc9234Egress();
    for (Role role : new Role[] {Role.PROVIDER, Role.PEER, Role.RS}) {
      assertRejects(egress, MARKED, export(SOURCE, peer(role)));
    }
    assertAcceptsUnchanged(egress, MARKED, export(SOURCE, peer(Role.CUSTOMER)));
    assertAcceptsUnchanged(egress, MARKED, export(SOURCE, peer(Role.RS_CLIENT)));
  }

  @Test
  void rfc9234EgressRule1MarksRoutesToCustomersPeersAndRsClientsWithOurAs() {
    RoutePolicy egress = StandardPolicies.rfc9234Egress();
    for (Role role : new Role[] {Role.CUSTOMER, Role.PEER, Role.RS_CLIENT}) {
      Route sent = assertAccepts(egress, PLAIN, export(SOURCE, peer(role)));
      assertEquals(OptionalLong.of(LOCAL_ASN), sent.attributes().onlyToCustomer(), role.toString());
    }
    assertAcceptsUnchanged(egress, PLAIN, export(SOURCE, peer(Role.PROVIDER)));
  }

  @Test
  void noAdvertiseGoesNowhereAndNoExportStaysInside() {
    RoutePolicy communities = StandardPolicies.wellKnownCommunities();
    Route noAdvertise = route("10.0.0.0/8", "65001", "community=NO_ADVERTISE");
    Route noExport = route("10.0.0.0/8", "65001", "community=NO_EXPORT");
    Route subconfed = route("10.0.0.0/8", "65001", "community=NO_EXPORT_SUBCONFED");
    PeerInfo internal = PeerInfo.of("10.1.0.7", LOCAL_ASN);
    assertRejects(communities, noAdvertise, export(SOURCE, internal));
    assertRejects(communities, noExport, export(SOURCE, peer(Role.PEER)));
    assertRejects(communities, subconfed, export(SOURCE, peer(Role.PEER)));
    assertAcceptsUnchanged(communities, noExport, export(SOURCE, internal));
    assertAcceptsUnchanged(communities, noAdvertise, importFrom(peer(Role.PEER)));
  }

  @Test
  void builtInsPrintTheirRules() {
    String text = StandardPolicies.rfc9234Egress().toString();
    assertTrue(text.contains("term otc-to-provider-peer-rs"), text);
    assertTrue(text.contains("to role in [PROVIDER, RS, PEER]"), text);
  }
}
