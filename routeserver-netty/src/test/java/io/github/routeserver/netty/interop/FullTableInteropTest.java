package io.github.routeserver.netty.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.Prefix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table of 100,000 IPv4 routes from BIRD reaches GoBGP and FRR through our server, all of it. */
@Tag("interop")
class FullTableInteropTest {
  private static final int ROUTES = 100_000;
  private static final Duration CONVERGENCE = Duration.ofSeconds(120);

  @Test
  void aTableOfOneHundredThousandRoutesFromOneDaemonReachesTwoOthersCompletely(@TempDir Path dir)
      throws Exception {
    for (DaemonKind kind : DaemonKind.values()) {
      assumeTrue(kind.binary().isPresent(), kind + " is not installed");
    }
    try (RouteServerLab lab = new RouteServerLab(dir, RouteServerProfile.TRANSPARENT, 65000)) {
      BirdDaemon feeder = (BirdDaemon) lab.add(DaemonKind.BIRD, 65001, List.of());
      feeder.originateBulk(table());
      BgpDaemon gobgp = lab.add(DaemonKind.GOBGP, 65002, List.of());
      BgpDaemon frr = lab.add(DaemonKind.FRR, 65003, List.of());
      lab.start();

      lab.await(
          "GoBGP and FRR hold all " + ROUTES + " routes",
          CONVERGENCE,
          () -> {
            feeder.poke(); // BIRD 2.0 sends the last chunk of a table only when it wakes up
            return gobgp.prefixesFromServer() >= ROUTES && frr.prefixesFromServer() >= ROUTES;
          });

      assertEquals(ROUTES, lab.server().snapshot().rib().size(), "our RIB");
      assertEquals(ROUTES, gobgp.prefixesFromServer(), "GoBGP's routes from us");
      assertEquals(ROUTES, frr.prefixesFromServer(), "FRR's routes from us");
    }
  }

  /** {@value #ROUTES} distinct prefixes: consecutive /24s from 20.0.0.0, a /22 every tenth. */
  private static List<Prefix> table() {
    List<Prefix> prefixes = new ArrayList<>(ROUTES);
    int address = 20 << 24;
    for (int i = 0; i < ROUTES; i++) {
      int length = i % 10 == 9 ? 22 : 24;
      if (length == 22) {
        address = (address + 0x3FF) & ~0x3FF; // align the /22
      }
      prefixes.add(Prefix.ofIpv4(address, length));
      address += 1 << (32 - length);
    }
    return prefixes;
  }
}
