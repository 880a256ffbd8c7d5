package io.github.routeserver.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrefixTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "10.0.0.0/8, 10.0.0.0/8",
    "10.1.2.3/8, 10.0.0.0/8",
    "192.168.1.255/31, 192.168.1.254/31",
    "0.0.0.0/0, 0.0.0.0/0",
    "1.2.3.4/0, 0.0.0.0/0",
    "1.2.3.4/32, 1.2.3.4/32",
    "2001:DB8:0:0::/32, 2001:db8::/32",
    "2001:db8:ffff::1/33, 2001:db8:8000::/33",
    "::/0, ::/0",
    "fe80::1/128, fe80::1/128",
    "2001:db8::1/64, 2001:db8::/64",
    "2001:db8::1/65, 2001:db8::/65",
    "2001:db8:0:0:ffff::/66, 2001:db8:0:0:c000::/66",
  })
  void masksHostBitsAndPrintsCanonically(String text, String canonical) {
    assertEquals(canonical, Prefix.parse(text).toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0",
        "10.0.0.0/",
        "10.0.0.0/33",
        "10.0.0.0/-1",
        "10.0.0.0/08",
        "::/129",
        "x/8",
        "10.0.0.0/8/8",
        "10.0.0.0/1234"
      })
  void rejectsMalformedText(String text) {
    assertTrue(Prefix.tryParse(text).isEmpty());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse(text));
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }

  @Test
  void containsItselfAndMoreSpecificsOfItsFamilyOnly() {
    Prefix ten = Prefix.parse("10.0.0.0/8");
    assertTrue(ten.contains(ten));
    assertTrue(ten.contains(Prefix.parse("10.255.0.0/16")));
    assertFalse(ten.contains(Prefix.parse("0.0.0.0/0")));
    assertFalse(ten.contains(Prefix.parse("11.0.0.0/16")));
    assertFalse(Prefix.parse("::/0").contains(ten));
    assertTrue(Prefix.parse("0.0.0.0/0").contains(IpAddress.parse("203.0.113.9")));
    assertFalse(Prefix.parse("0.0.0.0/0").contains(IpAddress.parse("::1")));
    assertTrue(Prefix.parse("2001:db8::/32").contains(IpAddress.parse("2001:db8:1::1")));
  }

  @Test
  void overlapsWhenOneContainsTheOther() {
    assertTrue(Prefix.parse("10.0.0.0/8").overlaps(Prefix.parse("10.1.0.0/16")));
    assertTrue(Prefix.parse("10.1.0.0/16").overlaps(Prefix.parse("10.0.0.0/8")));
    assertFalse(Prefix.parse("10.0.0.0/16").overlaps(Prefix.parse("10.1.0.0/16")));
  }

  @Test
  void ordersFamilyThenAddressThenShorterFirst() {
    List<Prefix> sorted =
        new ArrayList<>(
            List.of(
                Prefix.parse("::/0"),
                Prefix.parse("10.0.0.0/16"),
                Prefix.parse("10.0.0.0/8"),
                Prefix.parse("9.0.0.0/8"),
                Prefix.parse("200.0.0.0/8")));
    sorted.sort(null);
    assertEquals(
        List.of(
            Prefix.parse("9.0.0.0/8"),
            Prefix.parse("10.0.0.0/8"),
            Prefix.parse("10.0.0.0/16"),
            Prefix.parse("200.0.0.0/8"),
            Prefix.parse("::/0")),
        sorted);
  }

  @Test
  void givesTheLastAddress() {
    assertEquals(IpAddress.parse("10.255.255.255"), Prefix.parse("10.0.0.0/8").lastAddress());
    assertEquals(
        IpAddress.parse("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"),
        Prefix.parse("2001:db8::/32").lastAddress());
  }

  @Test
  void equalsByFamilyAddressAndLength() {
    new EqualsTester()
        .addEqualityGroup(
            Prefix.parse("10.0.0.0/8"), Prefix.parse("10.9.9.9/8"), Prefix.ofIpv4(0x0a000000, 8))
        .addEqualityGroup(Prefix.parse("10.0.0.0/9"))
        .addEqualityGroup(Prefix.parse("::/0"))
        .addEqualityGroup(Prefix.parse("0.0.0.0/0"))
        .testEquals();
  }

  @Test
  void refusesLengthsBeyondTheFamily() {
    assertThrows(IllegalArgumentException.class, () -> Prefix.ofIpv4(0, 33));
    assertThrows(IllegalArgumentException.class, () -> Prefix.ofIpv6(0, 0, -1));
  }

  @Property
  void roundTripsThroughText(
      @ForAll long hi, @ForAll long lo, @ForAll @IntRange(max = 128) int length) {
    Prefix v6 = Prefix.ofIpv6(hi, lo, length);
    assertEquals(v6, Prefix.parse(v6.toString()));
    Prefix v4 = Prefix.ofIpv4((int) hi, length % 33);
    assertEquals(v4, Prefix.parse(v4.toString()));
    assertTrue(v6.contains(v6.address()) && v6.contains(v6.lastAddress()));
  }
}
