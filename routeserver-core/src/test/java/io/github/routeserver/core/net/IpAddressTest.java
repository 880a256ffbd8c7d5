package io.github.routeserver.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @ParameterizedTest(name = "{0} prints as {1}")
  @CsvSource({
    // RFC 5952 section 4: lower case, no leading zeros, longest zero run compressed, first on ties
    "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "0:0:0:0:0:0:0:0, ::",
    "0:0:0:0:0:0:0:1, ::1",
    "fe80:0:0:0:0:0:0:0, fe80::",
    "1:0:0:0:0:0:0:0, 1::",
    "10.0.0.1, 10.0.0.1",
    "255.255.255.255, 255.255.255.255",
  })
  void printsCanonicalText(String input, String canonical) {
    assertEquals(canonical, IpAddress.parse(input).toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "10.0.0", "10.0.0.256", "1::2::3", "fe80::1%eth0", "example.com", "::g"})
  void rejectsTextThatIsNotAnAddress(String text) {
    assertTrue(IpAddress.tryParse(text).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text));
  }

  @Test
  void keepsIpv4MappedIpv6AddressesInTheIpv6Family() {
    IpAddress mapped = IpAddress.parse("::ffff:192.0.2.1");
    assertTrue(mapped.isIpv6());
    assertEquals("::ffff:c000:201", mapped.toString());
  }

  @Test
  void laysOutIpv4InTheTopBitsSoBitIndexesAgreeAcrossFamilies() {
    IpAddress v4 = IpAddress.parse("128.0.0.1");
    assertTrue(v4.bit(0));
    assertFalse(v4.bit(1));
    assertTrue(v4.bit(31));
    assertEquals(0x8000_0001, v4.toIpv4Bits());
    assertEquals(0, v4.lo());
  }

  @Test
  void recognisesLinkLocal() {
    assertTrue(IpAddress.parse("fe80::1").isLinkLocal());
    assertTrue(IpAddress.parse("febf::1").isLinkLocal());
    assertFalse(IpAddress.parse("fec0::1").isLinkLocal());
    assertFalse(IpAddress.parse("169.254.0.1").isLinkLocal());
  }

  @Test
  void ordersIpv4BeforeIpv6ThenNumericallyUnsigned() {
    assertTrue(IpAddress.parse("255.255.255.255").compareTo(IpAddress.parse("::")) < 0);
    assertTrue(IpAddress.parse("10.0.0.1").compareTo(IpAddress.parse("200.0.0.1")) < 0);
    assertTrue(IpAddress.parse("::1").compareTo(IpAddress.parse("ffff::")) < 0);
  }

  @Test
  void refusesToTreatIpv6AsIpv4() {
    assertThrows(IllegalStateException.class, () -> IpAddress.parse("::1").toIpv4Bits());
    assertThrows(IllegalArgumentException.class, () -> IpAddress.ofBytes(new byte[5]));
  }

  @Test
  void equalsByFamilyAndValue() {
    new EqualsTester()
        .addEqualityGroup(IpAddress.parse("10.0.0.1"), IpAddress.ofIpv4(0x0a000001))
        .addEqualityGroup(IpAddress.parse("::a00:1")) // same bits, other family
        .addEqualityGroup(IpAddress.parse("2001:db8::1"), IpAddress.parse("2001:DB8:0::1"))
        .testEquals();
  }

  @Property
  void roundTripsThroughBytesTextAndInetAddress(@ForAll byte[] raw) throws Exception {
    byte[] bytes = java.util.Arrays.copyOf(raw, raw.length % 2 == 0 ? 16 : 4);
    IpAddress address = IpAddress.ofBytes(bytes);
    assertEquals(address, IpAddress.parse(address.toString()));
    assertEquals(address, IpAddress.of(InetAddress.getByAddress(address.toBytes())));
    if (address.isIpv6()) {
      assertEquals(InetAddress.getByAddress(bytes), InetAddress.getByName(address.toString()));
    }
  }
}
