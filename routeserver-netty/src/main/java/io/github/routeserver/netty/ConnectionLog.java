package io.github.routeserver.netty;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.text.LogRateLimit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused connections at most once per address per minute, so that a scanner or a
 * misconfigured neighbour retrying every second cannot flood the log. Remembers at most 4,096
 * addresses. Thread-safe.
 */
final class ConnectionLog {
  private static final Logger log = LoggerFactory.getLogger(ConnectionLog.class);
  private static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final int MAX_ADDRESSES = 4096;

  private final LongSupplier nanoTime;
  private final Map<IpAddress, LogRateLimit> limits =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<IpAddress, LogRateLimit> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };

  ConnectionLog(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Logs that a connection from {@code address} was refused, unless it was logged recently. */
  synchronized boolean refused(IpAddress address) {
    LogRateLimit limit = limits.computeIfAbsent(address, a -> new LogRateLimit(INTERVAL));
    if (!limit.tryAcquire(nanoTime.getAsLong())) {
      return false;
    }
    log.warn(
        "refused BGP connection from {}: no configured peer or template (logged once a minute)",
        address);
    return true;
  }
}
