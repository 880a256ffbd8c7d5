package io.github.routeserver.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SingleLineTest {
  @Test
  void escapesLineBreaksTabsAndOtherControlCharacters() {
    assertEquals(
        "a\\nb\\r\\tc\\u0000d\\u0085e\\u2028f", SingleLine.of("a\nb\r\tc\0d\u0085e\u2028f"));
  }

  @Test
  void returnsPlainTextAsItIs() {
    String text = "fuzz.json:11:15: resources[0].name: ünïcode 'quoted'";
    assertSame(text, SingleLine.of(text));
  }

  @Property
  void theResultIsAlwaysOneLine(@ForAll String text) {
    assertEquals(1, ("x" + SingleLine.of(text)).lines().count());
  }
}
