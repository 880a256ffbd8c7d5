package io.github.routeserver.netty.fault;

import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.PathAttributes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A load peer that counts instead of storing: on a thread of its own, a {@link RawBgpPeer} waits
 * for a start signal, establishes a session with the server, announces its routes, then reads
 * everything the server sends for as long as it runs, sending a KEEPALIVE every third of the hold
 * time. What it holds is one bit per prefix of the lab's {@link FaultLab#prefixes} layout, so two
 * hundred of them fit in one JVM where two hundred route tables would not.
 *
 * <p>It counts every announcement and withdrawal, every announcement whose AS path or next hop is
 * not its prefix's owner's, the longest silence of the server, and how the session ended if it
 * ended: a NOTIFICATION, a close or an error. Everything it counts can be read from any thread.
 */
final class CountingPeer implements AutoCloseable {
  private static final Duration ESTABLISH_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_CHECK = Duration.ofMillis(100);

  private final int index;
  private final InetSocketAddress server;
  private final int holdTime;
  private final List<Prefix> routes;
  private final CountDownLatch start;
  private final int routesPerPeer;
  private final Thread thread;
  private final BitSet held = new BitSet();
  private final AtomicInteger heldCount = new AtomicInteger();
  private final AtomicLong announcements = new AtomicLong();
  private final AtomicLong withdrawals = new AtomicLong();
  private final AtomicLong foreign = new AtomicLong();
  private volatile long establishedAt;
  private volatile long longestSilence;
  private volatile long longestSilenceEnded;
  private volatile @Nullable String ended;
  private volatile boolean stopping;
  private volatile @Nullable RawBgpPeer connection;

  private CountingPeer(
      int index,
      InetSocketAddress server,
      int holdTime,
      List<Prefix> routes,
      CountDownLatch start) {
    this.index = index;
    this.server = server;
    this.holdTime = holdTime;
    this.routes = routes;
    this.start = start;
    this.routesPerPeer = routes.size();
    this.thread = new Thread(this::run, "counting-peer-" + index);
    thread.setDaemon(true);
  }

  /**
   * Starts peer {@code index} of the lab, which connects to {@code server} once {@code start} opens
   * and offers hold time {@code holdTime}; every peer of the lab must announce as many routes.
   */
  static CountingPeer start(
      int index,
      InetSocketAddress server,
      int holdTime,
      List<Prefix> routes,
      CountDownLatch start) {
    CountingPeer peer = new CountingPeer(index, server, holdTime, routes, start);
    peer.thread.start();
    return peer;
  }

  /** The peer's index in the lab. */
  int index() {
    return index;
  }

  /** When the session came up ({@link System#nanoTime}), 0 until it has. */
  long establishedAt() {
    return establishedAt;
  }

  /** The number of prefixes announced and not withdrawn since. */
  int heldCount() {
    return heldCount.get();
  }

  long announcements() {
    return announcements.get();
  }

  long withdrawals() {
    return withdrawals.get();
  }

  /** Announcements whose AS path or next hop is not that of the peer that owns the prefix. */
  long foreign() {
    return foreign.get();
  }

  /** The longest time without a message from the server since the session came up. */
  Duration longestSilence() {
    return Duration.ofNanos(longestSilence);
  }

  /** When the longest silence ended ({@link System#nanoTime}), 0 if there was none. */
  long longestSilenceEnded() {
    return longestSilenceEnded;
  }

  /** How the session ended, if it did: the NOTIFICATION, the close or the error. */
  Optional<String> ended() {
    return Optional.ofNullable(ended);
  }

  /**
   * A copy of the prefixes held, as bits {@code owner * routes + position} of {@link
   * FaultLab#ownerOf} and {@link FaultLab#positionOf}.
   */
  BitSet held() {
    synchronized (held) {
      return (BitSet) held.clone();
    }
  }

  private void run() {
    try {
      start.await();
      try (RawBgpPeer peer =
          RawBgpPeer.connect(FaultLab.address(index), FaultLab.asn(index), server, 0)) {
        connection = peer;
        peer.establish(holdTime, ESTABLISH_TIMEOUT);
        long lastHeard = System.nanoTime();
        establishedAt = lastHeard;
        peer.announce(routes);
        long keepaliveInterval = TimeUnit.SECONDS.toNanos(holdTime) / 3;
        long keepaliveDue = lastHeard + keepaliveInterval;
        while (!stopping) {
          long wait = Math.min(keepaliveDue - System.nanoTime(), STOP_CHECK.toNanos());
          BgpMessage message = peer.read(Duration.ofNanos(Math.max(1, wait)));
          long now = System.nanoTime();
          if (now - lastHeard > longestSilence) {
            longestSilence = now - lastHeard;
            longestSilenceEnded = now;
          }
          if (message != null) {
            lastHeard = now;
            if (message instanceof Update update) {
              count(update);
            } else if (message instanceof Notification notification) {
              ended = "NOTIFICATION " + notification;
              return;
            }
          }
          if (now - keepaliveDue >= 0) {
            peer.send(Keepalive.INSTANCE);
            keepaliveDue = now + keepaliveInterval;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!stopping) {
        ended = e.toString();
      }
    } catch (InterruptedException e) {
      ended = "interrupted";
    }
  }

  private void count(Update update) {
    synchronized (held) {
      countHeld(update);
    }
  }

  private void countHeld(Update update) {
    NlriList withdrawn = update.withdrawnRoutes();
    for (int i = 0; i < withdrawn.size(); i++) {
      int bit = bit(withdrawn.prefix(i));
      if (held.get(bit)) {
        held.clear(bit);
        heldCount.decrementAndGet();
      }
    }
    withdrawals.addAndGet(withdrawn.size());
    NlriList nlri = update.nlri();
    PathAttributes attributes = update.attributes().orElse(null);
    for (int i = 0; i < nlri.size(); i++) {
      Prefix prefix = nlri.prefix(i);
      int bit = bit(prefix);
      if (!held.get(bit)) {
        held.set(bit);
        heldCount.incrementAndGet();
      }
      if (attributes == null || !isOwners(prefix, attributes)) {
        foreign.incrementAndGet();
      }
    }
    announcements.addAndGet(nlri.size());
  }

  /** Whether {@code attributes} are what the owner of {@code prefix} announced (transparent RS). */
  private static boolean isOwners(Prefix prefix, PathAttributes attributes) {
    int owner = FaultLab.ownerOf(prefix);
    IpAddress nextHop = FaultLab.address(owner);
    return attributes.asPath().equals(AsPath.of(FaultLab.asn(owner)))
        && attributes.nextHop().equals(Optional.of(nextHop));
  }

  private int bit(Prefix prefix) {
    return FaultLab.ownerOf(prefix) * routesPerPeer + FaultLab.positionOf(prefix);
  }

  /**
   * Stops reading and closes the connection (a FIN); waits for the thread. Closing the socket here
   * is what ends a read the thread is blocked in (see {@link java.net.Socket#close}).
   */
  @Override
  public void close() {
    stopping = true;
    RawBgpPeer peer = connection;
    try {
      if (peer != null) {
        peer.close();
      }
    } catch (IOException e) {
      ended = "close failed: " + e;
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
