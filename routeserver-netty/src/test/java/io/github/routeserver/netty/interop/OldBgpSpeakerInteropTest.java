package io.github.routeserver.netty.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.routeserver.core.engine.RouteServerProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An "OLD" BGP speaker (RFC 6793), BIRD without the 4-octet AS capability, among 4-octet clients
 * (GoBGP, FRR) of our transparent server: on its 2-octet session a 4-octet AS travels as AS_TRANS
 * with the real path in AS4_PATH, in both directions. Of the three daemons only BIRD can turn the
 * capability off alone.
 */
@Tag("interop")
class OldBgpSpeakerInteropTest {
  private static final long OLD = 65040;
  private static final List<Long> PREPENDED = List.of(4_200_000_099L, 65099L);

  @Test
  void fourOctetAsPathsCrossTheTwoOctetSessionIntactBothWays(@TempDir Path dir) throws Exception {
    for (DaemonKind kind : DaemonKind.values()) {
      assumeTrue(kind.binary().isPresent(), kind + " is not installed");
    }
    try (RouteServerLab lab = new RouteServerLab(dir, RouteServerProfile.TRANSPARENT, 65000)) {
      BirdDaemon old =
          (BirdDaemon) lab.add(DaemonKind.BIRD, OLD, TestRoute.threeFor(lab.nextAddress(), OLD));
      old.speakTwoOctetAsOnly();
      old.prependToOriginated(PREPENDED); // a 4-octet AS inside the path it sends
      List<BgpDaemon> clients =
          List.of(
              lab.add(
                  DaemonKind.GOBGP,
                  4_200_000_041L,
                  TestRoute.threeFor(lab.nextAddress(), 4_200_000_041L)),
              lab.add(
                  DaemonKind.FRR,
                  4_200_000_042L,
                  TestRoute.threeFor(lab.nextAddress(), 4_200_000_042L)));
      lab.start();

      List<Long> oldPath = new ArrayList<>(List.of(OLD));
      oldPath.addAll(PREPENDED);
      List<ObservedRoute> fromOld = new ArrayList<>();
      old.routes().forEach(r -> fromOld.add(r.passedTransparentlyWith(oldPath)));
      for (BgpDaemon client : clients) {
        // We merged its AS_TRANS-laden AS_PATH with its AS4_PATH.
        lab.awaitRoutes(client, fromOld);
        // We sent AS_TRANS with AS4_PATH, and the old speaker put the 4-octet AS back.
        lab.awaitRoutes(old, client.expectedTransparently());
      }
    }
  }
}
