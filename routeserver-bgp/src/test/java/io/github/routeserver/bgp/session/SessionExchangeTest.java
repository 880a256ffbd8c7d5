package io.github.routeserver.bgp.session;

import static io.github.routeserver.bgp.session.Speakers.A_ADDRESS;
import static io.github.routeserver.bgp.session.Speakers.A_AS;
import static io.github.routeserver.bgp.session.Speakers.attributes;
import static io.github.routeserver.bgp.session.Speakers.prefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.core.route.PathAttributes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two sessions establish and exchange routes. */
class SessionExchangeTest {
  @Test
  void establishesAndSendsTheInitialTableFollowedByEndOfRib() {
    Speakers speakers = new Speakers();
    PathAttributes attributes = attributes(A_AS, A_ADDRESS);
    for (int i = 0; i < 10; i++) {
      speakers.aEngine.export(prefix(i), attributes);
    }

    speakers.establish();

    assertEquals(10, speakers.bEngine.adjRibIn.size());
    assertEquals(attributes, speakers.bEngine.routesByPrefix().get(prefix(3)));
    assertEquals(List.of("established 1", "end-of-rib IPV4/UNICAST"), speakers.bEngine.events);
    assertTrue(speakers.aEngine.events.contains("end-of-rib IPV4/UNICAST"), "b's empty table too");
    NegotiatedSession negotiated = speakers.b.negotiated().orElseThrow();
    assertEquals(List.of(AfiSafi.IPV4_UNICAST), negotiated.families().asList());
    assertEquals(90, negotiated.holdTime());
  }
}
