package io.github.routeserver.bgp.fsm;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.GracefulRestartCapability;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.core.net.IpAddress;
import java.time.Duration;
import java.util.List;

/** OPENs and configurations shared by the state machine tests. */
final class FsmFixtures {
  static final long LOCAL_AS = 65000;
  static final long PEER_AS = 65001;
  static final IpAddress LOCAL_ID = IpAddress.parse("10.0.0.1");
  static final IpAddress PEER_ID = IpAddress.parse("10.0.0.2");
  static final Duration HOLD = Duration.ofSeconds(90);

  private FsmFixtures() {}

  static Open open(long asn, int holdTime, IpAddress id, Capability... capabilities) {
    List<Capability> all =
        ImmutableList.<Capability>builder()
            .add(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST))
            .add(capabilities)
            .build();
    return Open.of(asn, holdTime, id, all);
  }

  static Open localOpen(int holdTime) {
    return open(LOCAL_AS, holdTime, LOCAL_ID);
  }

  static Open peerOpen(int holdTime) {
    return open(PEER_AS, holdTime, PEER_ID);
  }

  static Open peerOpen() {
    return peerOpen((int) HOLD.toSeconds());
  }

  static GracefulRestartCapability gracefulRestart() {
    return new GracefulRestartCapability(false, false, 120, ImmutableList.of());
  }

  /** Active, no jitter, peer AS checked. */
  static FsmConfig.Builder config() {
    return FsmConfig.builder(localOpen((int) HOLD.toSeconds())).peerAs(PEER_AS).jitter(false, 0);
  }
}
