package io.github.routeserver.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.AsPathSegment;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AsPathPatternTest {

  private static boolean matches(String pattern, String path) {
    return AsPathPattern.compile(pattern).matches(AsPath.parse(path));
  }

  @Test
  void rendersSetsWithCommasAndConfederationsInTheirOwnBrackets() {
    AsPath path = AsPath.parse("65001 65002 {64512 64513} (65010 65011) [65020 65021]");
    assertEquals(
        "65001 65002 {64512,64513} (65010 65011) [65020,65021]", AsPathPattern.render(path));
    assertEquals("", AsPathPattern.render(AsPath.EMPTY));
  }

  @Test
  void underscoreMatchesTheStartAndTheEndOfThePath() {
    assertTrue(matches("_65001_", "65001"));
    assertTrue(matches("_65001_", "65001 3"));
    assertTrue(matches("_65001_", "3 65001"));
    assertTrue(matches("_65001_", "3 65001 4"));
  }

  @Test
  void underscoreNeverMatchesInsideANumber() {
    assertFalse(matches("_65001_", "165001"));
    assertFalse(matches("_65001_", "650011"));
    assertFalse(matches("_1_", "11 21"));
  }

  @Test
  void underscoreMatchesSetAndConfederationDelimiters() {
    assertTrue(matches("_64512_", "1 {64512 64513}"));
    assertTrue(matches("_64513_", "1 {64512 64513}"));
    assertTrue(matches("_65010_", "(65010 65011) 1"));
    assertTrue(matches("_65021_", "1 [65020 65021]"));
    assertTrue(matches("_64512,64513_", "1 {64512 64513}"));
  }

  @Test
  void anchorsSeeBracketsSoSetsAndConfederationsAreNeitherNeighbourNorOrigin() {
    assertTrue(matches("^65001_", "65001 2"));
    assertFalse(matches("^65001_", "{65001 2}"));
    assertFalse(matches("^65001_", "(65001) 2"));
    assertTrue(matches("_2$", "65001 2"));
    assertFalse(matches("_2$", "65001 {2}"));
    assertTrue(matches("^\\(65001_", "(65001) 2"));
  }

  @Test
  void exactPathAndEmptyPath() {
    assertTrue(matches("^65001$", "65001"));
    assertFalse(matches("^65001$", "65001 65001"));
    assertFalse(matches("^65001$", "{65001}"));
    assertTrue(matches("^$", ""));
    assertFalse(matches("^$", "1"));
    assertTrue(matches(".*", ""));
    assertTrue(matches(".*", "1 2 {3}"));
  }

  @Test
  void regularExpressionFeaturesWork() {
    assertTrue(matches("^[0-9]+$", "65001"));
    assertFalse(matches("^[0-9]+$", "65001 2"));
    assertTrue(matches("^(65001|65002)_", "65002 7"));
    assertFalse(matches("^(65001|65002)_", "65003 7"));
    assertTrue(matches("^65001(_65001)*_7$", "65001 65001 65001 7"));
    assertTrue(matches("_6500[0-9]_", "1 65005 2"));
    assertTrue(matches("^65001 65002$", "65001 65002"));
  }

  @Test
  void invalidRegularExpressionNamesThePattern() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AsPathPattern.compile("(65001"));
    assertTrue(e.getMessage().startsWith("asPathPattern: '(65001'"), e.getMessage());
  }

  @Property
  void directFormsMatchExactlyWhatTheRegularExpressionWould(
      @ForAll("paths") AsPath path, @ForAll("literalPatterns") String pattern) {
    assertEquals(
        AsPathPattern.compileRegex(pattern).matches(path),
        AsPathPattern.compile(pattern).matches(path),
        pattern + " on " + AsPathPattern.render(path));
  }

  @Provide
  Arbitrary<String> literalPatterns() {
    Arbitrary<Long> asn = Arbitraries.longs().between(1, 4);
    return Combinators.combine(Arbitraries.of("^", "_"), asn, Arbitraries.of("$", "_"))
        .as((start, n, end) -> start + n + end)
        .injectDuplicates(0.1)
        .edgeCases(e -> e.add(".*").add("^$"));
  }

  @Provide
  Arbitrary<AsPath> paths() {
    Arbitrary<AsPathSegment.Type> type =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.just(AsPathSegment.Type.AS_SEQUENCE)),
            net.jqwik.api.Tuple.of(2, Arbitraries.just(AsPathSegment.Type.AS_SET)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(AsPathSegment.Type.AS_CONFED_SEQUENCE)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(AsPathSegment.Type.AS_CONFED_SET)));
    Arbitrary<List<Long>> asns =
        Arbitraries.longs().between(1, 14).list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<long[]> members = asns.map(l -> l.stream().mapToLong(Long::longValue).toArray());
    return Combinators.combine(type, members)
        .as((t, m) -> new Object[] {t, m})
        .list()
        .ofMaxSize(3)
        .map(
            segments -> {
              AsPath.Builder builder = AsPath.builder();
              for (Object[] s : segments) {
                builder.segment((AsPathSegment.Type) s[0], (long[]) s[1]);
              }
              return builder.build();
            });
  }
}
