package io.github.routeserver.examples.embedding;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.fsm.FsmConfig.ConnectMode;
import io.github.routeserver.bgp.session.SessionConfig;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.core.policy.Term;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.netty.NettyRouteServer;
import io.github.routeserver.netty.PeerEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's embedding example runs: its Loc-RIB shows the route of an NVA that connects. */
class EmbeddedRouteServerTest {
  private static final IpAddress NVA = IpAddress.parse("127.0.0.2");

  @Test
  @Timeout(60)
  void printsTheLocRibWithTheRouteOfItsPeer() throws InterruptedException {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    try (NettyRouteServer example = EmbeddedRouteServer.start(0, out);
        Nva nva = new Nva(example.boundAddresses().get(0).getPort())) {
      nva.engine.originate(
          Prefix.parse("10.100.0.0/16"), PathAttributes.builder().nextHop(NVA).build());

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!printed.toString(StandardCharsets.UTF_8).contains("10.100.0.0/16")) {
        assertTrue(System.nanoTime() < deadline, "no Loc-RIB with the NVA's route: " + printed);
        Thread.sleep(20); // a real TCP session: polling is the only way to observe it
      }
    }
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("Loc-RIB version "), text);
    assertTrue(text.contains("  10.100.0.0/16 via 127.0.0.2"), text);
  }

  /** An NVA in AS 65001 at 127.0.0.2, built with the library, that connects to the example. */
  private static final class Nva implements AutoCloseable {
    final RouteServer engine =
        RouteServer.builder()
            .localAsn(65001)
            .routerId(NVA)
            .profile(RouteServerProfile.ROUTER)
            .policies(
                PeerPolicies.builder()
                    .importDefault(Term.named("all").accept())
                    .exportDefault(Term.named("all").accept())
                    .build())
            .build();
    final NettyRouteServer transport;

    Nva(int port) {
      PeerId server = new PeerId(IpAddress.parse("127.0.0.1"));
      transport =
          NettyRouteServer.builder(engine)
              .threads(1)
              .peer(
                  new PeerEndpoint(
                      PeerConfig.builder().id(server).asn(65515).build(),
                      SessionConfig.builder(server, 65001, NVA)
                          .peerAs(65515L)
                          .fsm(f -> f.connectMode(ConnectMode.ACTIVE))
                          .build(),
                      port,
                      Optional.of(NVA),
                      Optional.empty()))
              .build();
      engine.start();
      transport.start();
    }

    @Override
    public void close() {
      transport.close();
      engine.close();
    }
  }
}
