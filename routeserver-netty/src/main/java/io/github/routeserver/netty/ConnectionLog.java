package io.github.routeserver.netty;

import io.github.routeserver.core.net.IpAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
  private static final long INTERVAL = TimeUnit.MINUTES.toNanos(1);
  private static final int MAX_ADDRESSES = 4096;

  private final LongSupplier nanoTime;
  private final Map<IpAddress, Long> lastLogged =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<IpAddress, Long> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };

  ConnectionLog(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Logs that a connection from {@code address} was refused, unless it was logged recently. */
  synchronized boolean refused(IpAddress address) {
    long now = nanoTime.getAsLong();
    Long last = lastLogged.get(address);
    if (last != null && now - last < INTERVAL) {
      return false;
    }
    lastLogged.put(address, now);
    log.warn(
        "refused BGP connection from {}: no configured peer or template (logged once a minute)",
        address);
    return true;
  }
}
