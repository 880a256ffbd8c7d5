package io.github.routeserver.netty.interop;

import io.github.routeserver.bgp.interop.Daemon;
import io.github.routeserver.core.net.IpAddress;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/** The daemons the route server is tested with, and where their binaries are. */
enum DaemonKind {
  BIRD("bird", BirdDaemon.BINARY, "/usr/sbin/bird"),
  GOBGP("gobgp", GobgpDaemon.BINARY, "/usr/bin/gobgpd"),
  FRR("frr", FrrDaemon.BINARY, "bgpd");

  final String label;
  private final String[] candidates;

  DaemonKind(String label, String... candidates) {
    this.label = label;
    this.candidates = candidates;
  }

  /** The daemon's binary, if installed. */
  Optional<Path> binary() {
    return Daemon.find(candidates);
  }

  /** A daemon of this kind, not started. */
  BgpDaemon create(
      String name,
      IpAddress address,
      int port,
      long asn,
      Peering peering,
      Path dir,
      Collection<TestRoute> routes) {
    Path binary = binary().orElseThrow(() -> new IllegalStateException(this + " is not installed"));
    return switch (this) {
      case BIRD -> new BirdDaemon(binary, name, address, port, asn, peering, dir, routes);
      case GOBGP -> new GobgpDaemon(binary, name, address, port, asn, peering, dir, routes);
      case FRR -> new FrrDaemon(binary, name, address, port, asn, peering, dir, routes);
    };
  }
}
