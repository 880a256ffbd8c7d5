package io.github.routeserver.core.text;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;

/**
 * Lets one log line through per interval and counts the lines held back in between, so that a peer
 * or a scanner that repeats itself cannot flood the log. Time is passed in, as nanoseconds of a
 * monotonic clock. Not thread-safe.
 */
public final class LogRateLimit {
  private final long interval;
  private boolean acquired;
  private long last;
  private long held;
  private long skipped;

  /**
   * A limit of one line per {@code interval}.
   *
   * @throws IllegalArgumentException if {@code interval} is not positive
   */
  public LogRateLimit(Duration interval) {
    checkArgument(
        !interval.isNegative() && !interval.isZero(), "interval: %s (expected: > 0)", interval);
    this.interval = interval.toNanos();
  }

  /**
   * Whether a line may be logged at {@code now}: the first time, then once the interval has passed
   * since the last line let through. A line refused is counted towards {@link #skipped()}.
   */
  public boolean tryAcquire(long now) {
    if (acquired && now - last < interval) {
      held++;
      return false;
    }
    acquired = true;
    last = now;
    skipped = held;
    held = 0;
    return true;
  }

  /** How many lines were refused between the last two that {@link #tryAcquire} let through. */
  public long skipped() {
    return skipped;
  }
}
