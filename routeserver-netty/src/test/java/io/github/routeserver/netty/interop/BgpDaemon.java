package io.github.routeserver.netty.interop;

import io.github.routeserver.bgp.interop.Daemon;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One BGP daemon peered with the route server: its process, started in the foreground with its own
 * configuration in its own directory and stopped by process id, the routes it originates, and what
 * its own CLI says about its session and RIB. One subclass per daemon; they differ only in
 * configuration and CLI.
 */
abstract class BgpDaemon implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration COMMAND = Duration.ofSeconds(20);

  final String name;
  final IpAddress address;
  final int port;
  final long asn;
  final Peering peering;
  final Path dir;
  private final Map<Prefix, TestRoute> routes = new LinkedHashMap<>();
  private @Nullable Daemon process;
  private boolean frozen;

  BgpDaemon(
      String name,
      IpAddress address,
      int port,
      long asn,
      Peering peering,
      Path dir,
      Collection<TestRoute> routes) {
    this.name = name;
    this.address = address;
    this.port = port;
    this.asn = asn;
    this.peering = peering;
    this.dir = dir;
    routes.forEach(r -> this.routes.put(r.prefix(), r));
  }

  // ---------------------------------------------------------------------------------------------
  // The process

  /**
   * Writes the configuration for the routes originated now, starts the daemon, waits for its CLI.
   */
  final void start() throws IOException, InterruptedException {
    if (isRunning()) {
      throw new IllegalStateException(name + " runs already");
    }
    Files.createDirectories(dir);
    removeLeftovers();
    writeConfiguration();
    process = Daemon.start(name, dir, command());
    frozen = false;
    Poll.until(name + " answers on its control socket", STARTUP, this::answers);
    started();
  }

  /** Kills the daemon with SIGKILL: a crash, with no NOTIFICATION; the kernel closes its socket. */
  final void kill() throws InterruptedException {
    process().kill();
  }

  /**
   * Stops the daemon with SIGSTOP: it keeps its connection but sends nothing, not even KEEPALIVEs.
   */
  final void freeze() throws IOException, InterruptedException {
    process().signal("STOP");
    frozen = true;
  }

  /** Lets a frozen daemon go on (SIGCONT). */
  final void thaw() throws IOException, InterruptedException {
    process().signal("CONT");
    frozen = false;
  }

  final boolean isRunning() {
    return process != null && process.isAlive();
  }

  final boolean isFrozen() {
    return frozen && isRunning();
  }

  @Override
  public final void close() throws IOException {
    Daemon p = process;
    if (p == null) {
      return;
    }
    try {
      if (frozen) {
        p.signal("CONT");
      }
      p.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted stopping " + name);
    }
  }

  /** The daemon's output so far, for failure messages. */
  final String log() {
    Daemon p = process;
    return p == null ? "(not started)" : p.log();
  }

  private Daemon process() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return process;
  }

  /** Writes the configuration file(s) into {@link #dir}, with {@link #routes()}. */
  abstract void writeConfiguration() throws IOException;

  /** Removes what a killed run of the daemon left behind and would stop it from starting. */
  void removeLeftovers() throws IOException {}

  /** The command line that runs the daemon in the foreground. */
  abstract List<String> command();

  /** Whether the daemon's CLI answers. */
  abstract boolean answers() throws Exception;

  /** Runs after the CLI answers: originates what the configuration file cannot hold. */
  void started() throws IOException, InterruptedException {}

  /** Runs one of the daemon's CLI commands and returns its output. */
  final String cli(List<String> command) throws IOException, InterruptedException {
    return Daemon.run(dir, COMMAND, command);
  }

  // ---------------------------------------------------------------------------------------------
  // Routes it originates

  /** The routes it originates (or will, once started). */
  final List<TestRoute> routes() {
    return List.copyOf(routes.values());
  }

  /** Originates {@code route}, replacing the route of its prefix. */
  final void announce(TestRoute route) throws IOException, InterruptedException {
    routes.put(route.prefix(), route);
    if (isRunning()) {
      originate(route);
    }
  }

  /** Stops originating {@code route}: the daemon withdraws it. */
  final void withdraw(TestRoute route) throws IOException, InterruptedException {
    routes.remove(route.prefix());
    if (isRunning()) {
      stopOriginating(route);
    }
  }

  /** Originates exactly {@code wanted}: withdraws the others, announces what is new or changed. */
  final void originateExactly(Collection<TestRoute> wanted)
      throws IOException, InterruptedException {
    Map<Prefix, TestRoute> target = new LinkedHashMap<>();
    wanted.forEach(r -> target.put(r.prefix(), r));
    for (TestRoute route : routes()) {
      if (!target.containsKey(route.prefix())) {
        withdraw(route);
      }
    }
    for (TestRoute route : target.values()) {
      if (!route.equals(routes.get(route.prefix()))) {
        announce(route);
      }
    }
  }

  /** Makes the running daemon originate {@code route} (also in {@link #routes()} by now). */
  abstract void originate(TestRoute route) throws IOException, InterruptedException;

  /** Makes the running daemon withdraw {@code route} (gone from {@link #routes()} by now). */
  abstract void stopOriginating(TestRoute route) throws IOException, InterruptedException;

  // ---------------------------------------------------------------------------------------------
  // What its CLI says

  /** Whether its session with the route server is established, as the daemon sees it. */
  abstract boolean isEstablished() throws Exception;

  /**
   * Something that changes whenever its session with the route server is established anew (a time
   * stamp or a count of sessions), to tell a session reset apart from a route refresh.
   */
  abstract String sessionStamp() throws Exception;

  /** Whether two {@link #sessionStamp}s, read at different times, show the same session. */
  boolean isSameSession(String before, String after) {
    return before.equals(after);
  }

  /** The routes its RIB holds from the route server, by prefix. */
  abstract Map<Prefix, ObservedRoute> routesFromServer() throws Exception;

  /** How many prefixes (IPv4 and IPv6) it has accepted from the route server. */
  abstract long prefixesFromServer() throws Exception;

  /**
   * Asks the route server for its routes again with a ROUTE-REFRESH (RFC 2918), through the
   * daemon's CLI.
   *
   * @return false when the daemon has no command that sends one
   */
  abstract boolean requestRouteRefresh() throws Exception;

  /**
   * How many route announcements it has received from the route server, by its own count: BIRD
   * counts routes, FRR counts UPDATE messages (with one attribute set per test route, a route per
   * UPDATE at least).
   */
  abstract long announcementsReceived() throws Exception;

  /**
   * The routes every other client should see of this daemon's through a transparent route server:
   * as originated, with the daemon's AS as the whole AS_PATH.
   */
  final List<ObservedRoute> expectedTransparently() {
    List<ObservedRoute> expected = new ArrayList<>();
    for (TestRoute route : routes.values()) {
      expected.add(route.passedTransparentlyFrom(asn));
    }
    return expected;
  }

  @Override
  public final String toString() {
    return name + " (" + address + ":" + port + ", AS" + asn + ")";
  }
}
