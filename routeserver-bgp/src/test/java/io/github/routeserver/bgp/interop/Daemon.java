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
 * {@link #close()} stops it by its process id: SIGTERM, then SIGKILL after five seconds.
 */
final class Daemon implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private Daemon(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** The first of {@code candidates} that is an executable file, or one found on the PATH. */
  static Optional<Path> find(String... candidates) {
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
  static Daemon start(String name, Path dir, List<String> command) throws IOException {
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
  static String run(Path dir, Duration timeout, List<String> command)
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
    if (process.exitValue() != 0) {
      throw new IOException("exit " + process.exitValue() + " from " + command + ":\n" + text);
    }
    return text;
  }

  /** Whether the process still runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** The daemon's output so far. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
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
