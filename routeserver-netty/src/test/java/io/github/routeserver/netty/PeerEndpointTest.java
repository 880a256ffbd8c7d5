package io.github.routeserver.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.routeserver.bgp.session.SessionConfig;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.PeerId;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PeerEndpointTest {
  private static final PeerId PEER = new PeerId(IpAddress.parse("10.0.0.2"));
  private static final PeerConfig CONFIG =
      PeerConfig.builder().name("nva-1").id(PEER).asn(65001).build();
  private static final SessionConfig SESSION =
      SessionConfig.builder(PEER, 65000, IpAddress.parse("10.0.0.1")).peerAs(65001L).build();
  private static final String PASSWORD = "s3cret-md5-key";

  private static PeerEndpoint signed(String password) {
    return new PeerEndpoint(CONFIG, SESSION, 179, Optional.empty(), Optional.of(password));
  }

  @Test
  void toStringSaysThereIsAPasswordButNotWhichOne() {
    PeerEndpoint endpoint = signed(PASSWORD).withGtsm(1);
    assertEquals("PeerEndpoint[nva-1 10.0.0.2:179 md5 gtsm 1]", endpoint.toString());
  }

  @Test
  void aPasswordTooLongIsRefusedWithoutBeingQuoted() {
    String tooLong = PASSWORD.repeat(6);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> signed(tooLong));
    assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
  }

  @Test
  void gtsmHopsAreOneTo255AndGiveTheMinimumTtl() {
    assertEquals(OptionalInt.of(255), signed(PASSWORD).withGtsm(1).gtsmMinimumTtl());
    assertEquals(OptionalInt.of(1), signed(PASSWORD).withGtsm(255).gtsmMinimumTtl());
    assertEquals(OptionalInt.empty(), signed(PASSWORD).gtsmMinimumTtl());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> signed(PASSWORD).withGtsm(0));
    assertEquals("gtsmHops: 0 (expected: 1 to 255)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> signed(PASSWORD).withGtsm(256));
  }
}
