package io.github.routeserver.azure.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.core.net.Prefix;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The destination of a UDR: a CIDR prefix or a service tag name, nothing else. */
class UserRouteTest {
  @ParameterizedTest
  @ValueSource(strings = {"Storage", "AzureCloud.WestEurope", "Sql.EastUS2"})
  void takesAServiceTagName(String tag) {
    UserRoute route = new UserRoute("r", tag, NextHopType.INTERNET, Optional.empty());

    assertTrue(route.isServiceTag());
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "10.0.0.5", "10.0.0/8", "fd00::/129", "9lives"})
  void refusesWhatIsNeitherAPrefixNorATagName(String destination) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new UserRoute("r", destination, NextHopType.NONE, Optional.empty()));

    assertTrue(e.getMessage().startsWith("addressPrefix: '" + destination + "'"), e::getMessage);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/8", "2001:db8::/32"})
  void takesAPrefix(String prefix) {
    UserRoute route = new UserRoute("r", prefix, NextHopType.NONE, Optional.empty());

    assertEquals(Optional.of(Prefix.parse(prefix)), route.prefix());
  }
}
