package io.github.routeserver.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.RoaTable.Roa;
import io.github.routeserver.core.policy.RoaTable.ValidationState;
import io.github.routeserver.core.route.AsPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cases of RFC 6811 section 2. */
class RoaTableTest {
  private static final RoaTable TABLE =
      RoaTable.of(
          "rpki",
          List.of(
              new Roa(Prefix.parse("10.0.0.0/8"), 16, 65001),
              new Roa(Prefix.parse("10.1.0.0/16"), 24, 65002),
              new Roa(Prefix.parse("192.0.2.0/24"), 24, 0),
              new Roa(Prefix.parse("2001:db8::/32"), 48, 65003)));

  private static ValidationState validate(String prefix, String path) {
    return TABLE.validate(Prefix.parse(prefix), AsPath.parse(path));
  }

  @Test
  void notFoundWhenNoPayloadCoversThePrefix() {
    assertEquals(ValidationState.NOT_FOUND, validate("11.0.0.0/8", "65001"));
    // A payload for a more specific prefix does not cover a less specific route.
    assertEquals(ValidationState.NOT_FOUND, validate("10.0.0.0/7", "65001"));
  }

  @Test
  void validWhenACoveringPayloadHasTheOriginAndAllowsTheLength() {
    assertEquals(ValidationState.VALID, validate("10.0.0.0/8", "3 65001"));
    assertEquals(ValidationState.VALID, validate("10.5.0.0/16", "65001"));
    assertEquals(ValidationState.VALID, validate("2001:db8:1::/48", "65003"));
  }

  @Test
  void invalidWhenTooLongOrFromAnotherOrigin() {
    assertEquals(ValidationState.INVALID, validate("10.5.0.0/17", "65001"));
    assertEquals(ValidationState.INVALID, validate("10.5.0.0/16", "65009"));
  }

  @Test
  void anyCoveringPayloadCanMakeARouteValidNotJustTheMostSpecific() {
    assertEquals(ValidationState.VALID, validate("10.1.0.0/16", "65001"));
    assertEquals(ValidationState.VALID, validate("10.1.2.0/24", "65002"));
    assertEquals(ValidationState.INVALID, validate("10.1.2.0/24", "65001"));
  }

  @Test
  void pathsWithoutOriginAndAs0PayloadsAreNeverValid() {
    assertEquals(ValidationState.INVALID, validate("10.0.0.0/8", "3 {65001}"));
    assertEquals(ValidationState.INVALID, validate("10.0.0.0/8", ""));
    assertEquals(ValidationState.INVALID, validate("192.0.2.0/24", "0"));
  }
}
