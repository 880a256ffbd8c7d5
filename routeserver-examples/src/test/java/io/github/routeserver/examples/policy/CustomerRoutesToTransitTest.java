package io.github.routeserver.examples.policy;

import static io.github.routeserver.core.policy.testing.PolicyAssert.assertAccepts;
import static io.github.routeserver.core.policy.testing.PolicyAssert.assertAcceptsUnchanged;
import static io.github.routeserver.core.policy.testing.PolicyAssert.assertRejects;
import static io.github.routeserver.core.policy.testing.TestRoutes.export;
import static io.github.routeserver.core.policy.testing.TestRoutes.route;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.routeserver.core.policy.PeerInfo;
import io.github.routeserver.core.policy.Role;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.route.AsPath;
import org.junit.jupiter.api.Test;

/** How a vendor tests a policy: one line to build a route, one line to assert the outcome. */
class CustomerRoutesToTransitTest {
  private static final RoutePolicy POLICY = CustomerRoutesToTransit.policy();
  private static final PeerInfo CUSTOMER = PeerInfo.of("10.1.0.4", 65001).withRole(Role.CUSTOMER);
  private static final PeerInfo TAGGED = PeerInfo.of("10.1.0.6", 65003).withGroups("customers");
  private static final PeerInfo PEER = PeerInfo.of("10.1.0.5", 65002).withRole(Role.PEER);
  private static final PeerInfo TRANSIT = PeerInfo.of("192.0.2.9", 3356).withGroups("transit");

  // README:begin
  @Test
  void customerRoutesGoToTransitPrependedTwice() {
    var sent =
        assertAccepts(
            POLICY, route("203.0.113.0/24", "65001", "nh=10.1.0.4"), export(CUSTOMER, TRANSIT));
    assertEquals(AsPath.parse("64999 64999 65001"), sent.attributes().asPath());
  }

  // README:end

  @Test
  void customersKnownOnlyByGroupCountToo() {
    assertAccepts(POLICY, route("198.51.100.0/24", "65003"), export(TAGGED, TRANSIT));
  }

  @Test
  void peerRoutesNeverGoToTransit() {
    assertRejects(POLICY, route("192.0.2.0/24", "65002 7"), export(PEER, TRANSIT));
  }

  @Test
  void routesToOtherPeersAreLeftAlone() {
    assertAcceptsUnchanged(POLICY, route("192.0.2.0/24", "65002 7"), export(PEER, CUSTOMER));
  }

  // README:begin
  @Test
  void theRejectionSaysWhy() {
    var why = assertRejects(POLICY, route("192.0.2.0/24", "65002"), export(PEER, TRANSIT));
    assertEquals(
        "only customer routes go to transit (term customer-routes-to-transit/everything-else)",
        why.reason());
  }
  // README:end
}
