package io.github.routeserver.netty.logcapture;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.simple.SimpleServiceProvider;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of this module's tests, named by the {@code slf4j.provider} system property
 * that surefire sets: slf4j-simple, with every line at DEBUG and above also handed to the open
 * {@link LogCapture}s.
 */
public final class CapturingServiceProvider implements SLF4JServiceProvider {
  private final SimpleServiceProvider simple = new SimpleServiceProvider();
  private ILoggerFactory loggerFactory;

  @Override
  public void initialize() {
    simple.initialize();
    ILoggerFactory printing = simple.getLoggerFactory();
    loggerFactory = name -> new CapturingLogger(name, printing.getLogger(name));
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return simple.getMarkerFactory();
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return simple.getMDCAdapter();
  }

  @Override
  public String getRequestedApiVersion() {
    return simple.getRequestedApiVersion();
  }
}
