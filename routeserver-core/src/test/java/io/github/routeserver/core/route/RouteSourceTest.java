package io.github.routeserver.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.testing.EqualsTester;
import io.github.routeserver.core.net.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteSourceTest {
  private static final IpAddress ID = IpAddress.parse("192.0.2.1");

  // What javac generates for records of the same components, to compare the written-out hashes.
  private record GeneratedPeerId(IpAddress address) {}

  private record GeneratedSource(
      PeerId peer, long asn, IpAddress bgpIdentifier, boolean internal, long session) {}

  @Test
  void peersAreEqualByAddress() {
    new EqualsTester()
        .addEqualityGroup(PeerId.of("10.0.0.1"), new PeerId(IpAddress.ofIpv4(0x0a000001)))
        .addEqualityGroup(PeerId.of("10.0.0.2"))
        .addEqualityGroup(PeerId.of("::a00:1"))
        .testEquals();
  }

  @Test
  void sourcesAreEqualInEveryComponent() {
    PeerId peer = PeerId.of("10.0.0.1");
    new EqualsTester()
        .addEqualityGroup(
            new RouteSource(peer, 65001, ID, false, 3),
            new RouteSource(PeerId.of("10.0.0.1"), 65001, IpAddress.parse("192.0.2.1"), false, 3))
        .addEqualityGroup(new RouteSource(PeerId.of("10.0.0.2"), 65001, ID, false, 3))
        .addEqualityGroup(new RouteSource(peer, 65002, ID, false, 3))
        .addEqualityGroup(new RouteSource(peer, 65001, IpAddress.parse("192.0.2.2"), false, 3))
        .addEqualityGroup(new RouteSource(peer, 65001, ID, true, 3))
        .addEqualityGroup(new RouteSource(peer, 65001, ID, false, 4))
        .testEquals();
  }

  @Test
  void hashesAreTheOnesRecordsGenerate() {
    for (RouteSource source :
        List.of(
            new RouteSource(PeerId.of("10.0.0.1"), 65001, ID, false, 3),
            new RouteSource(PeerId.of("2001:db8::1"), 4_200_000_000L, ID, true, Long.MAX_VALUE))) {
      assertEquals(
          new GeneratedPeerId(source.peer().address()).hashCode(), source.peer().hashCode());
      assertEquals(
          new GeneratedSource(
                  source.peer(),
                  source.asn(),
                  source.bgpIdentifier(),
                  source.internal(),
                  source.session())
              .hashCode(),
          source.hashCode());
    }
  }
}
