package io.github.routeserver.netty.logcapture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger that, while a {@link LogCapture} is open, formats each line at DEBUG and above once and
 * hands it to the open captures; and that prints it through slf4j-simple's logger of the same name
 * if that one is enabled for its level. With no capture open it costs what slf4j-simple does. TRACE
 * is neither captured nor printed.
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
    if (LogCapture.isCapturing()) {
      LogCapture.record(new LoggedLine(name, level, message, throwable));
    }
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
    return LogCapture.isCapturing() || printing.isDebugEnabled();
  }

  @Override
  public boolean isDebugEnabled(Marker marker) {
    return isDebugEnabled();
  }

  @Override
  public boolean isInfoEnabled() {
    return LogCapture.isCapturing() || printing.isInfoEnabled();
  }

  @Override
  public boolean isInfoEnabled(Marker marker) {
    return isInfoEnabled();
  }

  @Override
  public boolean isWarnEnabled() {
    return LogCapture.isCapturing() || printing.isWarnEnabled();
  }

  @Override
  public boolean isWarnEnabled(Marker marker) {
    return isWarnEnabled();
  }

  @Override
  public boolean isErrorEnabled() {
    return LogCapture.isCapturing() || printing.isErrorEnabled();
  }

  @Override
  public boolean isErrorEnabled(Marker marker) {
    return isErrorEnabled();
  }
}
