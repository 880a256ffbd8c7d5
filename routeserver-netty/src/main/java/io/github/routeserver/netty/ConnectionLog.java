package io.github.routeserver.netty;

import io.github.routeserver.core.engine.PeerTemplate;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.text.LogRateLimit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused connections at most once a minute per address, or per template for a template that
 * is full, so that a scanner, a misconfigured neighbour retrying every second or a host trying
 * address after address of a range cannot flood the log. Remembers at most 4,096 addresses and
 * templates. Thread-safe.
 */
final class ConnectionLog {
  private static final Logger log = LoggerFactory.getLogger(ConnectionLog.class);
  private static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final int MAX_KEYS = 4096;

  private final LongSupplier nanoTime;
  private final Map<Object, LogRateLimit> limits =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, LogRateLimit> eldest) {
          return size() > MAX_KEYS;
        }
      };

  ConnectionLog(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * Logs that a connection from {@code address}, which no peer or template has, was refused, unless
   * it was logged recently.
   */
  synchronized boolean refused(IpAddress address) {
    if (!due(address)) {
      return false;
    }
    log.warn(
        "refused BGP connection from {}: no configured peer or template (logged once a minute)",
        address);
    return true;
  }

  /**
   * Logs that a connection from {@code address} was refused because {@code template} already has
   * its {@link PeerTemplate#maxPeers}, unless such a refusal was logged recently.
   */
  synchronized boolean refusedFull(IpAddress address, PeerTemplate template) {
    if (!due(template)) {
      return false;
    }
    log.warn(
        "refused BGP connection from {}: template {} already has its {} peers (maxPeers; logged"
            + " once a minute per template)",
        address,
        template.name(),
        template.maxPeers());
    return true;
  }

  private boolean due(Object key) {
    return limits
        .computeIfAbsent(key, k -> new LogRateLimit(INTERVAL))
        .tryAcquire(nanoTime.getAsLong());
  }
}
