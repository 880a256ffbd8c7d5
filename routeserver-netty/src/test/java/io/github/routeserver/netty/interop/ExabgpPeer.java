package io.github.routeserver.netty.interop;

import io.github.routeserver.bgp.interop.Daemon;
import io.github.routeserver.core.net.IpAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * ExaBGP as a peer that sends what it is told: it connects to our server and announces the routes
 * that {@link #send} appends to a command file, which a small process of its API turns into
 * ExaBGP's API commands. Routes may carry raw attributes ({@code attribute [0xTYPE 0xFLAGS
 * 0xVALUE]}, ExaBGP 4.2), which replace ExaBGP's own attribute of that type or, for MP_REACH_NLRI,
 * come next to it. Runs in the foreground in its own directory; stopped by process id.
 */
final class ExabgpPeer implements AutoCloseable {
  /**
   * Copies each new line of the command file to ExaBGP, and what ExaBGP reports (session changes
   * and why) to the events file; ends when ExaBGP does.
   */
  private static final String FEEDER =
      String.join(
          "\n",
          "import os, sys, threading, time",
          "def report(events):",
          "    with open(events, 'a') as out:",
          "        for line in sys.stdin:",
          "            out.write(line)",
          "            out.flush()",
          "threading.Thread(target=report, args=(sys.argv[2],), daemon=True).start()",
          "path, done = sys.argv[1], 0",
          "while os.getppid() != 1:",
          "    with open(path) as f:",
          "        lines = f.read().split('\\n')",
          "    for line in lines[done:-1]:",
          "        print(line, flush=True)",
          "    done = max(done, len(lines) - 1)",
          "    time.sleep(0.05)",
          "");

  private final String name;
  private final Path dir;
  private final Path commands;
  private final Path events;
  private @Nullable Daemon process;

  private ExabgpPeer(String name, Path dir) {
    this.name = name;
    this.dir = dir;
    this.commands = dir.resolve("commands");
    this.events = dir.resolve("events");
  }

  /** The exabgp program, if installed. */
  static Optional<Path> binary() {
    return Daemon.find("/usr/sbin/exabgp", "/usr/bin/exabgp", "exabgp");
  }

  /**
   * Starts ExaBGP at {@code address}, AS {@code asn}, connecting to our server at {@code server}
   * port {@code serverPort}, AS {@code serverAsn}, for IPv4 and IPv6 unicast.
   */
  static ExabgpPeer start(
      Path dir, IpAddress address, long asn, IpAddress server, int serverPort, long serverAsn)
      throws IOException {
    Files.createDirectories(dir);
    ExabgpPeer peer = new ExabgpPeer("exabgp-" + asn, dir);
    Files.writeString(dir.resolve("feeder.py"), FEEDER);
    Files.writeString(peer.commands, "");
    Files.writeString(peer.events, "");
    Files.writeString(
        dir.resolve("exabgp.conf"),
        String.join(
            "\n",
            "process feeder {",
            "  run /usr/bin/python3 "
                + dir.resolve("feeder.py")
                + " "
                + peer.commands
                + " "
                + peer.events
                + ";",
            "  encoder text;",
            "}",
            "neighbor " + server + " {",
            "  router-id " + address + ";",
            "  local-address " + address + ";",
            "  local-as " + asn + ";",
            "  peer-as " + serverAsn + ";",
            "  hold-time " + RouteServerLab.HOLD_TIME + ";",
            "  family { ipv4 unicast; ipv6 unicast; }",
            "  api { processes [ feeder ]; neighbor-changes; }",
            "}",
            ""));
    peer.process =
        Daemon.start(
            peer.name,
            dir,
            List.of(
                "env",
                "exabgp.daemon.daemonize=false",
                // as root ExaBGP would become nobody, who cannot read this test's directory
                "exabgp.daemon.user=" + System.getProperty("user.name"),
                "exabgp.tcp.port=" + serverPort,
                "exabgp.tcp.bind=",
                "exabgp.log.destination=stdout",
                "exabgp.api.ack=false",
                "exabgp.cache.attributes=false",
                binary().orElseThrow().toString(),
                dir.resolve("exabgp.conf").toString()));
    return peer;
  }

  /** Has ExaBGP announce {@code route}, in ExaBGP's API syntax after "announce route". */
  void announce(String route) throws IOException {
    send("announce route " + route);
  }

  /** Sends one API command. */
  void send(String command) throws IOException {
    Files.writeString(commands, command + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  /**
   * What ExaBGP reported through its API so far, in its text encoding: one line per session change,
   * for example {@code neighbor 127.0.0.1 down - peer reset, message [notification received (3,2)]
   * ...} when our server sent a NOTIFICATION of code 3, subcode 2.
   */
  String events() throws IOException {
    return Files.readString(events);
  }

  /** What ExaBGP printed so far. */
  String log() {
    return process == null ? "" : process.log();
  }

  @Override
  public void close() throws IOException {
    Daemon p = process;
    process = null;
    if (p != null) {
      try {
        p.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while stopping " + name, e);
      }
    }
  }

  @Override
  public String toString() {
    return name + " in " + dir;
  }
}
