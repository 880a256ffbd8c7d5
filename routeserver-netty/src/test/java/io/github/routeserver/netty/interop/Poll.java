package io.github.routeserver.netty.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;

/**
 * Bounded polling of state outside the JVM (daemons' RIBs, sessions): the one place these tests
 * wait. Every loop ends at a deadline.
 */
final class Poll {
  private static final Duration INTERVAL = Duration.ofMillis(100);

  private Poll() {}

  /**
   * A condition read from a daemon; an exception counts as "not yet" (the daemon may be starting).
   */
  @FunctionalInterface
  interface Condition {
    boolean holds() throws Exception;
  }

  /**
   * Waits until {@code condition} holds, failing with {@code what} once {@code timeout} has passed.
   *
   * @return how long it took
   */
  static Duration until(String what, Duration timeout, Condition condition) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        if (condition.holds()) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
        last = null;
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() - deadline > 0) {
        fail(
            "timed out after "
                + timeout
                + " waiting until "
                + what
                + (last == null ? "" : ": " + last),
            last);
      }
      pause();
    }
  }

  /**
   * Checks {@code condition} over and over until {@code duration} has passed, failing with {@code
   * what} the first time it does not hold.
   */
  static void throughout(String what, Duration duration, Condition condition) {
    long deadline = System.nanoTime() + duration.toNanos();
    do {
      boolean holds;
      try {
        holds = condition.holds();
      } catch (Exception e) {
        throw new AssertionError("could not check that " + what, e);
      }
      if (!holds) {
        fail("no longer true: " + what);
      }
      pause();
    } while (System.nanoTime() - deadline < 0);
  }

  private static void pause() {
    try {
      Thread.sleep(INTERVAL.toMillis()); // polling a daemon: there is nothing to wait on
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
