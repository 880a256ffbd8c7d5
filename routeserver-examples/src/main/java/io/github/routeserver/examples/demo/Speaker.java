package io.github.routeserver.examples.demo;

import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.netty.NettyRouteServer;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One BGP speaker of the lab: a route-server engine and its Netty transport, known by its Azure
 * address and running at its loopback address.
 *
 * @param name what the demo calls it, for example {@code NVA1}
 * @param address its address in the Azure topology
 * @param engine its RIB, policies and routes
 * @param transport its BGP sessions
 */
record Speaker(String name, IpAddress address, RouteServer engine, NettyRouteServer transport) {

  /** The sessions of the speaker that are not established, if any, with their states. */
  Optional<String> sessionsDown() {
    Map<PeerId, FsmState> down = new TreeMap<>(transport.states());
    down.values().removeIf(FsmState.ESTABLISHED::equals);
    return down.isEmpty()
        ? Optional.empty()
        : Optional.of(name + " is not established with " + down);
  }

  /** Closes the sessions (a CEASE to every peer), then the engine. */
  void close() {
    transport.close();
    engine.close();
  }
}
