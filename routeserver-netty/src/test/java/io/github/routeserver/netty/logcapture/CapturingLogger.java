package io.github.routeserver.netty.logcapture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger that formats each line at DEBUG and above once, hands it to the open {@link
 * LogCapture}s, and prints it through slf4j-simple's logger of the same name if that one is enabled
 * for its level. TRACE is neither captured nor printed.
 */
final class CapturingLogger extends AbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient Logger printing;

  CapturingLogger(String name, Logger printing) {
    this.name = name;
    this.printing = printing;
  }

  @Override
  protected @Nullable String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level,
      @Nullable Marker marker,
      String messagePattern,
      Object @Nullable [] arguments,
      @Nullable Throwable throwable) {
    String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
    LogCapture.record(new LoggedLine(name, level, message, throwable));
    switch (level) {
      case ERROR -> printing.error(message, throwable);
      case WARN -> printing.warn(message, throwable);
      case INFO -> printing.info(message, throwable);
      case DEBUG -> printing.debug(message, throwable);
      case TRACE -> printing.trace(message, throwable);
    }
  }

  @Override
  public boolean isTraceEnabled() {
    return false;
  }

  @Override
  public boolean isTraceEnabled(Marker marker) {
    return false;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public boolean isDebugEnabled(Marker marker) {
    return true;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled(Marker marker) {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled(Marker marker) {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled(Marker marker) {
    return true;
  }
}
