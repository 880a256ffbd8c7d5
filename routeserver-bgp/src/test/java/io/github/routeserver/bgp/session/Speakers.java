package io.github.routeserver.bgp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.routeserver.bgp.fsm.FsmConfig;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Origin;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Two of our sessions facing each other through an {@link InMemoryNetwork}: "a" (AS 65001,
 * 192.0.2.1) connects to "b" (AS 65002, 192.0.2.2), which only listens. Each has its {@link
 * MapEngine}.
 */
final class Speakers {
  static final IpAddress A_ADDRESS = IpAddress.parse("192.0.2.1");
  static final IpAddress B_ADDRESS = IpAddress.parse("192.0.2.2");
  static final long A_AS = 65001;
  static final long B_AS = 65002;

  final InMemoryNetwork network = new InMemoryNetwork();
  final MapEngine aEngine = new MapEngine();
  MapEngine bEngine = new MapEngine();
  BgpSession a;
  BgpSession b;
  private final UnaryOperator<SessionConfig.Builder> bOptions;

  Speakers() {
    this(UnaryOperator.identity(), UnaryOperator.identity());
  }

  Speakers(
      UnaryOperator<SessionConfig.Builder> aOptions,
      UnaryOperator<SessionConfig.Builder> bOptions) {
    this.bOptions = bOptions;
    a =
        new BgpSession(
            aOptions
                .apply(
                    SessionConfig.builder(new PeerId(B_ADDRESS), A_AS, A_ADDRESS)
                        .name("a")
                        .peerAs(B_AS))
                .build(),
            network.connector("a", "b"),
            aEngine,
            aEngine);
    b = newB(bEngine);
    network.add(a);
    network.add(b);
  }

  /** A new "b" (as after a restart) with {@code engine}; not yet on the network. */
  BgpSession newB(MapEngine engine) {
    return new BgpSession(
        bOptions
            .apply(
                SessionConfig.builder(new PeerId(A_ADDRESS), B_AS, B_ADDRESS)
                    .name("b")
                    .peerAs(A_AS)
                    .fsm(fsm -> fsm.connectMode(FsmConfig.ConnectMode.LISTEN_ONLY)))
            .build(),
        network.connector("b", "a"),
        engine,
        engine);
  }

  /** Starts both and runs until both are established. */
  Speakers establish() {
    b.start(network.now());
    a.start(network.now());
    network.settle();
    assertEquals(FsmState.ESTABLISHED, a.state(), "a");
    assertEquals(FsmState.ESTABLISHED, b.state(), "b");
    return this;
  }

  void advance(Duration duration) {
    network.advance(duration);
  }

  static PathAttributes attributes(long originAs, IpAddress nextHop) {
    return PathAttributes.builder()
        .origin(Origin.IGP)
        .asPath(AsPath.of(originAs))
        .nextHop(nextHop)
        .build();
  }

  /** The {@code index}-th /24 of 10.0.0.0/8 (index below 65536). */
  static Prefix prefix(int index) {
    return Prefix.ofIpv4(0x0A00_0000 | index << 8, 24);
  }
}
