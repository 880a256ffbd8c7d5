package io.github.routeserver.netty.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.Prefix;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our server in the AZURE profile, as Azure Route Server: one NVA (GoBGP) announces two routes, one
 * of them NO_ADVERTISE; another NVA (BIRD) receives the other with 65515 prepended, our address as
 * next hop and its communities intact.
 *
 * <p>Only BIRD can be the receiving NVA here: in the AZURE profile we are the next hop, and on
 * loopback our address is 127.0.0.1, which FRR 8.4 refuses as a martian next hop (resetting the
 * session, {@code allow-reserved-ranges} notwithstanding) and GoBGP 3.10 treats as a withdrawal.
 */
@Tag("interop")
class AzureProfileInteropTest {
  private static final long ARS = RouteServerProfile.AZURE_ASN;
  private static final long SENDER = 65001;

  @Test
  void anotherNvaGetsTheRouteWith65515PrependedAndUsAsNextHopButNotTheNoAdvertiseOne(
      @TempDir Path dir) throws Exception {
    for (DaemonKind kind : List.of(DaemonKind.GOBGP, DaemonKind.BIRD)) {
      assumeTrue(kind.binary().isPresent(), kind + " is not installed");
    }
    try (RouteServerLab lab = new RouteServerLab(dir, RouteServerProfile.AZURE, ARS)) {
      List<TestRoute> routes = TestRoute.threeFor(lab.nextAddress(), SENDER);
      TestRoute advertised = routes.get(0);
      TestRoute noAdvertise = routes.get(1).withCommunity(new TestRoute.Community(65535, 65282));
      BgpDaemon sender = lab.add(DaemonKind.GOBGP, SENDER, List.of(advertised, noAdvertise));
      BgpDaemon receiver = lab.add(DaemonKind.BIRD, 65002, List.of());
      lab.start();

      lab.await(
          "our RIB holds both routes of the sending NVA, NO_ADVERTISE or not",
          RouteServerLab.PROPAGATION,
          () -> lab.holds(advertised.prefix(), sender) && lab.holds(noAdvertise.prefix(), sender));
      // Once a later route has arrived, so has everything sent before it: one TCP stream, and a
      // peer is sent the changes between RIB versions in order.
      TestRoute later = advertised.withPrefix(Prefix.parse("203.0.113.0/28"));
      sender.announce(later);
      lab.await(
          receiver + " learns " + advertised.prefix() + " and the later " + later.prefix(),
          RouteServerLab.PROPAGATION,
          () -> {
            Map<Prefix, ObservedRoute> held = receiver.routesFromServer();
            return held.containsKey(advertised.prefix()) && held.containsKey(later.prefix());
          });

      Map<Prefix, ObservedRoute> held = receiver.routesFromServer();
      ObservedRoute seen = held.get(advertised.prefix());
      assertEquals(List.of(ARS, SENDER), seen.asPath(), "65515 prepended");
      assertEquals(RouteServerLab.SERVER, seen.nextHop(), "we are the next hop");
      assertEquals(Set.of(advertised.community().toString()), seen.communities());
      assertEquals(Set.of(advertised.largeCommunity().toString()), seen.largeCommunities());
      assertEquals(Set.of(advertised.routeTarget().toString()), seen.extendedCommunities());
      assertFalse(held.containsKey(noAdvertise.prefix()), "NO_ADVERTISE passed on");
    }
  }
}
