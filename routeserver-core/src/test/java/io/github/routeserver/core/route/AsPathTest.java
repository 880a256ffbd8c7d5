package io.github.routeserver.core.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.testing.EqualsTester;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AsPathTest {

  @ParameterizedTest(name = "[{0}] has length {1}")
  @CsvSource({
    "'', 0",
    "65001, 1",
    "65001 65002 65003, 3",
    "65001 {1 2 3}, 2",
    "{1 2} {3}, 2",
    "(64512 64513) 65001, 1",
    "[64512 64513] 65001 {7 8}, 2",
    "4200000000 23456, 2",
  })
  void countsLengthByRfc4271Rules(String text, int length) {
    AsPath path = AsPath.parse(text);
    assertEquals(length, path.length());
    assertEquals(text, path.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"65001 {1 2", "65001 }", "{1 {2}}", "65001 x", "4294967296", "(1 2]"})
  void rejectsMalformedText(String text) {
    assertThrows(IllegalArgumentException.class, () -> AsPath.parse(text));
  }

  @Test
  void findsNeighbourAndOriginAses() {
    AsPath path = AsPath.parse("65001 65002 65003");
    assertEquals(OptionalLong.of(65001), path.neighborAs());
    assertEquals(OptionalLong.of(65003), path.originAs());
    assertEquals(OptionalLong.empty(), AsPath.parse("65001 {1 2}").originAs());
    assertEquals(OptionalLong.empty(), AsPath.parse("(64512) 65001").neighborAs());
    assertEquals(OptionalLong.empty(), AsPath.EMPTY.neighborAs());
    assertEquals(OptionalLong.empty(), AsPath.EMPTY.originAs());
  }

  @Test
  void containsAsesOfEveryKindOfSegment() {
    AsPath path = AsPath.parse("(64512) 65001 {4200000000}");
    assertTrue(path.contains(64512));
    assertTrue(path.contains(65001));
    assertTrue(path.contains(4_200_000_000L));
    assertFalse(path.contains(65515));
  }

  @Test
  void prependsToTheLeadingSequenceAndSplitsAtTwoHundredFiftyFiveMembers() {
    assertEquals(AsPath.parse("65515 65515 65001"), AsPath.of(65001).prepend(65515, 2));
    assertEquals(AsPath.parse("65515 {1 2}"), AsPath.parse("{1 2}").prepend(65515, 1));
    assertEquals(AsPath.of(65515), AsPath.EMPTY.prepend(65515, 1));
    AsPath long256 = AsPath.of(1).prepend(2, 255);
    assertEquals(256, long256.length());
    assertEquals(2, long256.segmentCount());
    assertEquals(255, long256.segments().get(0).asns().size());
  }

  @Test
  void exposesSegmentsAndAsns() {
    AsPath path = AsPath.parse("65001 {1 2}");
    assertEquals(
        ImmutableList.of(
            new AsPathSegment(AsPathSegment.Type.AS_SEQUENCE, ImmutableList.of(65001L)),
            new AsPathSegment(AsPathSegment.Type.AS_SET, ImmutableList.of(1L, 2L))),
        path.segments());
    assertEquals(path, AsPath.of(path.segments()));
    assertTrue(Arrays.equals(new long[] {65001, 1, 2}, path.asns()));
  }

  @Test
  void equalsBySegments() {
    new EqualsTester()
        .addEqualityGroup(AsPath.EMPTY, AsPath.parse(""), AsPath.of())
        .addEqualityGroup(AsPath.of(1, 2), AsPath.parse("1 2"), AsPath.parse("1,2"))
        .addEqualityGroup(AsPath.parse("1 {2}"))
        .addEqualityGroup(AsPath.parse("{1 2}"))
        .addEqualityGroup(AsPath.parse("{2 1}"))
        .testEquals();
  }

  @Test
  void refusesSegmentsOutsideTheWireLimits() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new AsPathSegment(AsPathSegment.Type.AS_SET, ImmutableList.of()));
    assertThrows(IllegalArgumentException.class, () -> AsPathSegment.Type.ofCode(5));
    assertThrows(IllegalArgumentException.class, () -> AsPath.of(-1));
  }
}
