package io.github.routeserver.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.common.testing.EqualsTester;
import io.github.routeserver.core.route.PeerId;
import org.junit.jupiter.api.Test;

class PeerPoliciesTest {
  private static final Term A = Term.named("a").accept();
  private static final Term B = Term.named("b").accept();
  private static final Term C = Term.named("c").accept();
  private static final PeerInfo NVA = PeerInfo.of("10.0.2.4", 65001).withGroups("nva", "edge");

  @Test
  void peerBindingBeatsGroupBindingWhichBeatsTheDefault() {
    PeerPolicies policies =
        PeerPolicies.builder()
            .importPolicy("nva", B)
            .importPolicy(PeerId.of("10.0.2.4"), A)
            .exportPolicy("edge", C)
            .exportPolicy("nva", B)
            .build();
    assertSame(A, policies.importPolicy(NVA));
    assertSame(C, policies.exportPolicy(NVA), "the first group bound wins");
    assertEquals(
        StandardPolicies.rfc8212DefaultDeny(),
        policies.importPolicy(PeerInfo.of("10.0.9.9", 65009)));
  }

  @Test
  void defaultsCanBeReplaced() {
    PeerPolicies policies = PeerPolicies.builder().importDefault(A).exportDefault(B).build();
    assertSame(A, policies.importPolicy(NVA));
    assertSame(B, policies.exportPolicy(NVA));
  }

  @Test
  void equalBindingsAreEqual() {
    new EqualsTester()
        .addEqualityGroup(
            PeerPolicies.builder().importPolicy("nva", A).build(),
            PeerPolicies.builder().importPolicy("nva", Term.named("a").accept()).build())
        .addEqualityGroup(PeerPolicies.builder().importPolicy("nva", B).build())
        .addEqualityGroup(PeerPolicies.builder().exportPolicy("nva", A).build())
        .testEquals();
  }
}
