package io.github.routeserver.bgp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import org.junit.jupiter.api.Test;

class CodePointTest {
  @Test
  void returnsTheConstantForAKnownCode() {
    assertSame(MessageType.UPDATE, MessageType.valueOf(2));
    assertSame(CapabilityCode.ADD_PATH, CapabilityCode.valueOf(69));
    assertSame(AttributeType.LARGE_COMMUNITY, AttributeType.valueOf(32));
    assertSame(Afi.IPV6, Afi.valueOf(2));
    assertSame(Safi.UNICAST, Safi.valueOf(1));
    assertSame(ErrorCode.CEASE, ErrorCode.valueOf(6));
    assertSame(BgpRole.ROUTE_SERVER_CLIENT, BgpRole.valueOf(2));
    assertSame(RouteRefreshSubtype.EORR, RouteRefreshSubtype.valueOf(2));
  }

  @Test
  void keepsTheNumberOfAnUnknownCode() {
    CapabilityCode unknown = CapabilityCode.valueOf(200);

    assertFalse(unknown.isKnown());
    assertEquals(200, unknown.code());
    assertEquals("UNKNOWN(200)", unknown.toString());
    assertTrue(CapabilityCode.ROLE.isKnown());
    assertEquals("ROLE", CapabilityCode.ROLE.toString());
  }

  @Test
  void refusesACodeOutsideItsField() {
    assertThrows(IllegalArgumentException.class, () -> MessageType.valueOf(256));
    assertThrows(IllegalArgumentException.class, () -> Afi.valueOf(65536));
    assertThrows(IllegalArgumentException.class, () -> Safi.valueOf(-1));
  }

  @Test
  void comparesByRegistryAndNumber() {
    new EqualsTester()
        .addEqualityGroup(CapabilityCode.valueOf(200), CapabilityCode.valueOf(200))
        .addEqualityGroup(CapabilityCode.ROLE, CapabilityCode.valueOf(9))
        .addEqualityGroup(AttributeType.valueOf(9))
        .addEqualityGroup(Safi.valueOf(9))
        .addEqualityGroup(Afi.valueOf(9))
        .testEquals();
  }

  @Test
  void comparesFamiliesByBothNumbers() {
    new EqualsTester()
        .addEqualityGroup(
            AfiSafi.IPV4_UNICAST, AfiSafi.of(1, 1), new AfiSafi(Afi.IPV4, Safi.UNICAST))
        .addEqualityGroup(AfiSafi.IPV6_UNICAST, AfiSafi.of(2, 1))
        .addEqualityGroup(AfiSafi.of(1, 2))
        .addEqualityGroup(AfiSafi.of(1, 200), AfiSafi.of(1, 200))
        .testEquals();
    record Generated(Afi afi, Safi safi) {}
    assertEquals(new Generated(Afi.IPV6, Safi.UNICAST).hashCode(), AfiSafi.IPV6_UNICAST.hashCode());
  }

  @Test
  void namesErrorsByCodeAndSubcode() {
    assertSame(BgpError.BAD_PEER_AS, BgpError.valueOf(2, 2));
    assertSame(BgpError.HARD_RESET, BgpError.valueOf(6, 9));
    assertSame(BgpError.UNEXPECTED_MESSAGE_IN_ESTABLISHED, BgpError.valueOf(5, 3));
    assertSame(BgpError.INVALID_ROUTE_REFRESH_LENGTH, BgpError.valueOf(7, 1));
    assertEquals("BAD_PEER_AS (2/2)", BgpError.BAD_PEER_AS.toString());
    assertEquals("CEASE/99 (6/99)", BgpError.valueOf(6, 99).toString());
    assertEquals("UNKNOWN(42)/1 (42/1)", BgpError.valueOf(42, 1).toString());
    new EqualsTester()
        .addEqualityGroup(BgpError.valueOf(6, 99), BgpError.valueOf(6, 99))
        .addEqualityGroup(BgpError.CEASE, BgpError.valueOf(6, 0))
        .addEqualityGroup(BgpError.valueOf(42, 0))
        .testEquals();
  }

  @Test
  void pairsAfiAndSafi() {
    assertEquals(AfiSafi.IPV6_UNICAST, AfiSafi.of(2, 1));
    assertEquals("IPV4/UNICAST", AfiSafi.IPV4_UNICAST.toString());
    assertEquals("L2VPN/EVPN", AfiSafi.of(25, 70).toString());
    assertTrue(AfiSafi.of(1, 2).unicastFamily().isEmpty());
  }
}
