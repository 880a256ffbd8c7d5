package io.github.routeserver.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogRateLimitTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void letsTheFirstLineThroughThenOnePerIntervalCountingTheRest() {
    LogRateLimit limit = new LogRateLimit(Duration.ofMinutes(1));
    long start = -5 * SECOND; // a monotonic clock may be negative

    assertTrue(limit.tryAcquire(start));
    assertEquals(0, limit.skipped());
    assertFalse(limit.tryAcquire(start + SECOND));
    assertFalse(limit.tryAcquire(start + 59 * SECOND));
    assertTrue(limit.tryAcquire(start + 60 * SECOND));
    assertEquals(2, limit.skipped(), "refused since the previous line");
    assertTrue(limit.tryAcquire(start + 3600 * SECOND));
    assertEquals(0, limit.skipped());
  }

  @Test
  void refusesAnIntervalThatIsNotPositive() {
    assertThrows(IllegalArgumentException.class, () -> new LogRateLimit(Duration.ZERO));
  }
}
