package io.github.routeserver.netty.logcapture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Collects what every logger logs at DEBUG and above from {@link #start()} until {@link #close()},
 * from every thread. Needs {@link CapturingServiceProvider} as the SLF4J binding. Thread-safe.
 */
public final class LogCapture implements AutoCloseable {
  private static final List<LogCapture> OPEN = new CopyOnWriteArrayList<>();

  private final List<LoggedLine> lines = new CopyOnWriteArrayList<>();

  private LogCapture() {}

  /**
   * Starts capturing.
   *
   * @throws IllegalStateException if SLF4J is bound to anything else, so nothing would be captured
   */
  public static LogCapture start() {
    String binding =
        org.slf4j.LoggerFactory.getILoggerFactory().getLogger("probe").getClass().getName();
    if (!binding.equals(CapturingLogger.class.getName())) {
      throw new IllegalStateException(
          "SLF4J is bound to "
              + binding
              + ", not "
              + CapturingServiceProvider.class.getName()
              + " (the slf4j.provider system property)");
    }
    LogCapture capture = new LogCapture();
    OPEN.add(capture);
    return capture;
  }

  /** Whether any capture is open. */
  static boolean isCapturing() {
    return !OPEN.isEmpty();
  }

  static void record(LoggedLine line) {
    for (LogCapture capture : OPEN) {
      capture.lines.add(line);
    }
  }

  /** Every line captured so far, in the order logged. */
  public List<LoggedLine> lines() {
    return List.copyOf(lines);
  }

  /** The lines captured so far that {@code which} accepts. */
  public List<LoggedLine> lines(Predicate<LoggedLine> which) {
    List<LoggedLine> matching = new ArrayList<>();
    for (LoggedLine line : lines) {
      if (which.test(line)) {
        matching.add(line);
      }
    }
    return matching;
  }

  @Override
  public void close() {
    OPEN.remove(this);
  }
}
