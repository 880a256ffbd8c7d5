package io.github.routeserver.netty.logcapture;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

/**
 * One line logged through SLF4J, its arguments formatted into the message.
 *
 * @param logger the logger's name
 * @param level its level
 * @param message the formatted message
 * @param thrown the exception logged with it, if any
 */
public record LoggedLine(String logger, Level level, String message, @Nullable Throwable thrown) {
  /** The message and, if an exception was logged, its stack trace: all the line prints. */
  public String text() {
    if (thrown == null) {
      return message;
    }
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    return message + System.lineSeparator() + trace;
  }

  @Override
  public String toString() {
    return level + " " + logger + " - " + text();
  }
}
