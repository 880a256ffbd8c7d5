package io.github.routeserver.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.testing.EqualsTester;
import io.github.routeserver.core.net.Prefix;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PrefixSetTest {

  private static boolean in(PrefixSet set, String prefix) {
    return set.contains(Prefix.parse(prefix));
  }

  @Test
  void plainPrefixMatchesOnlyItself() {
    PrefixSet set = PrefixSet.parse("s", "10.0.0.0/8");
    assertTrue(in(set, "10.0.0.0/8"));
    assertFalse(in(set, "10.1.0.0/16"));
    assertFalse(in(set, "0.0.0.0/0"));
  }

  @Test
  void leAdmitsLongerPrefixesInsideUpToTheLimit() {
    PrefixSet set = PrefixSet.parse("s", "10.0.0.0/8 le 24");
    assertTrue(in(set, "10.0.0.0/8"));
    assertTrue(in(set, "10.20.30.0/24"));
    assertFalse(in(set, "10.20.30.0/25"));
    assertFalse(in(set, "11.0.0.0/24"));
  }

  @Test
  void geWithoutLeRunsToTheFullLength() {
    PrefixSet set = PrefixSet.parse("s", "192.168.0.0/16 ge 24");
    assertFalse(in(set, "192.168.0.0/16"));
    assertFalse(in(set, "192.168.1.0/23"));
    assertTrue(in(set, "192.168.1.0/24"));
    assertTrue(in(set, "192.168.1.1/32"));
  }

  @Test
  void geAndLeTogetherBoundBothEnds() {
    PrefixSet set = PrefixSet.parse("s", "2001:db8::/32 ge 40 le 48");
    assertFalse(in(set, "2001:db8::/32"));
    assertTrue(in(set, "2001:db8:100::/40"));
    assertTrue(in(set, "2001:db8:1::/48"));
    assertFalse(in(set, "2001:db8:1::/56"));
    assertFalse(in(set, "2001:db9::/48"));
  }

  @Test
  void aShorterRangeStillMatchesWhereTheMostSpecificEntryDoesNot() {
    // 10.1.0.0/16 exact is the longest covering key of 10.1.2.0/24, but 10.0.0.0/8 le 24 admits it.
    PrefixSet set = PrefixSet.parse("s", "10.0.0.0/8 le 24", "10.1.0.0/16");
    assertTrue(in(set, "10.1.2.0/24"));
    assertTrue(in(set, "10.1.0.0/16"));
    assertFalse(in(set, "10.1.2.0/25"));
  }

  @Test
  void familiesDoNotMix() {
    PrefixSet set = PrefixSet.parse("s", "0.0.0.0/0 le 32");
    assertTrue(in(set, "10.0.0.0/8"));
    assertFalse(in(set, "2001:db8::/32"));
  }

  @Test
  void textFormRoundTripsThroughParse() {
    for (String text :
        List.of("10.0.0.0/8", "10.0.0.0/8 le 24", "10.0.0.0/8 ge 16", "10.0.0.0/8 ge 16 le 24")) {
      assertEquals(text, PrefixRange.parse(text).toString());
    }
    assertEquals("10.0.0.0/8", PrefixRange.parse("10.0.0.0/8 ge 8 le 8").toString());
  }

  @Test
  void rejectsRangesThatCannotMatchAnything() {
    assertThrows(IllegalArgumentException.class, () -> PrefixRange.parse("10.0.0.0/16 le 8"));
    assertThrows(IllegalArgumentException.class, () -> PrefixRange.parse("10.0.0.0/8 ge 24 le 16"));
    assertThrows(IllegalArgumentException.class, () -> PrefixRange.parse("10.0.0.0/8 le 33"));
    assertThrows(IllegalArgumentException.class, () -> PrefixRange.parse("10.0.0.0/8 foo 9"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PrefixRange.parse("10.0.0.0/8 le x"));
    assertTrue(e.getMessage().contains("'x' is not a prefix length"), e.getMessage());
  }

  @Test
  void equalityIsByNameAndRanges() {
    new EqualsTester()
        .addEqualityGroup(PrefixSet.parse("a", "10.0.0.0/8"), PrefixSet.parse("a", "10.0.0.0/8"))
        .addEqualityGroup(PrefixSet.parse("b", "10.0.0.0/8"))
        .addEqualityGroup(PrefixSet.parse("a", "10.0.0.0/8 le 9"))
        .testEquals();
  }

  @Property
  void agreesWithCheckingEveryRange(
      @ForAll("ranges") List<PrefixRange> ranges, @ForAll("prefixes") Prefix prefix) {
    boolean naive = ranges.stream().anyMatch(r -> r.matches(prefix));
    assertEquals(naive, PrefixSet.of("s", ranges).contains(prefix));
  }

  @Provide
  Arbitrary<Prefix> prefixes() {
    // A small address space so that ranges and prefixes often overlap.
    return Combinators.combine(
            Arbitraries.integers().between(0, 15), Arbitraries.integers().between(0, 8))
        .as((bits, length) -> Prefix.ofIpv4(bits << 28, length));
  }

  @Provide
  Arbitrary<List<PrefixRange>> ranges() {
    Arbitrary<PrefixRange> range =
        Combinators.combine(
                prefixes(),
                Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(0, 8))
            .as(
                (p, a, b) -> {
                  List<Integer> bounds =
                      new ArrayList<>(List.of(p.length() + a, p.length() + a + b));
                  int ge = Math.min(32, bounds.get(0));
                  int le = Math.min(32, bounds.get(1));
                  return new PrefixRange(p, ge, le);
                });
    return range.list().ofMaxSize(6);
  }
}
