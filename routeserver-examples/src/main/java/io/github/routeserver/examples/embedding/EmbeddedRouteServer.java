package io.github.routeserver.examples.embedding;

import io.github.routeserver.bgp.fsm.FsmConfig.ConnectMode;
import io.github.routeserver.bgp.session.SessionConfig;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.Term;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.netty.NettyRouteServer;
import io.github.routeserver.netty.PeerEndpoint;
import java.io.PrintStream;
import java.net.InetSocketAddress;

/**
 * The README's embedding example: a route server in AS 65515 that waits on 127.0.0.1 for one peer,
 * 127.0.0.2 in AS 65001, and prints its Loc-RIB whenever it changes. The README shows this file
 * from {@code // README:begin} to {@code // README:end}, and a test keeps the two the same.
 */
public final class EmbeddedRouteServer {
  private EmbeddedRouteServer() {}

  /** Runs the route server on port 1790 (or {@code args[0]}) until the process is stopped. */
  public static void main(String[] args) throws InterruptedException {
    start(args.length > 0 ? Integer.parseInt(args[0]) : 1790, System.out);
    Thread.currentThread().join();
  }

  /**
   * Starts the route server listening on 127.0.0.1:{@code port} (0 for any free port), printing its
   * Loc-RIB to {@code out}; closing the returned transport ends the sessions.
   */
  // README:begin
  public static NettyRouteServer start(int port, PrintStream out) {
    RoutePolicy all = Term.named("all").accept(); // RFC 8212: without a policy, no routes
    RouteServer server =
        RouteServer.builder()
            .localAsn(65515)
            .routerId(IpAddress.parse("10.0.1.4"))
            .policies(PeerPolicies.builder().importDefault(all).exportDefault(all).build())
            .build();
    server.addListener(
        (snapshot, delta) -> {
          out.println("Loc-RIB version " + snapshot.version() + ":");
          snapshot.rib().selections().forEach(best -> out.println("  " + best));
        });
    PeerId nva = new PeerId(IpAddress.parse("127.0.0.2"));
    SessionConfig session =
        SessionConfig.builder(nva, 65515, IpAddress.parse("10.0.1.4"))
            .peerAs(65001L)
            .fsm(fsm -> fsm.connectMode(ConnectMode.LISTEN_ONLY)) // the NVA connects to us
            .build();
    NettyRouteServer netty =
        NettyRouteServer.builder(server)
            .listen(new InetSocketAddress("127.0.0.1", port))
            .peer(PeerEndpoint.of(PeerConfig.builder().id(nva).asn(65001).build(), session, 179))
            .build();
    server.start();
    netty.start();
    return netty;
  }
  // README:end
}
