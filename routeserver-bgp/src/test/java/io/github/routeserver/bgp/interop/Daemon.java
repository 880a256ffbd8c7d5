package io.github.routeserver.bgp.interop;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A BGP daemon run in the foreground for one test, its output in a log file of its directory.
 * {@link #close()} stops it by its process id: SIGTERM, then SIGKILL after five seconds. Public for
 * the interoperability tests of the modules above this one (the test-jar).
 */
public final class Daemon implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private Daemon(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** The first of {@code candidates} that is an executable file, or one found on the PATH. */
  public static Optional<Path> find(String... candidates) {
    for (String candidate : candidates) {
      if (candidate.contains("/")) {
        Path path = Path.of(candidate);
        if (Files.isExecutable(path)) {
          return Optional.of(path);
        }
        continue;
      }
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        Path path = Path.of(dir, candidate);
        if (!dir.isEmpty() && Files.isExecutable(path)) {
          return Optional.of(path);
        }
      }
    }
    return Optional.empty();
  }

  /** Starts {@code command} in {@code dir}, output to {@code dir/daemon.log}. */
  public static Daemon start(String name, Path dir, List<String> command) throws IOException {
    Path log = dir.resolve("daemon.log");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new Daemon(name, process, log);
  }

  /** Runs {@code command} to completion within {@code timeout}; returns its output. */
  public static String run(Path dir, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile(dir, "command", ".out");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out after " + timeout + ": " + command);
    }
    String text = Files.readString(output);
    Files.delete(output);
    if (process.exitValue() != 0) {
      throw new IOException("exit " + process.exitValue() + " from " + command + ":\n" + text);
    }
    return text;
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /**
   * Kills the daemon with SIGKILL, as a crash would: it closes nothing of its own, the kernel
   * closes its sockets. Returns once the process is gone.
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  /** Sends the daemon {@code signal} ({@code STOP}, {@code CONT}...) by its process id. */
  public void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /** The daemon's output so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
