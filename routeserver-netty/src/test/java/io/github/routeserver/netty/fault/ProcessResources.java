package io.github.routeserver.netty.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * What this JVM holds at one moment: heap in use right after full collections, live threads and
 * open file descriptors (Linux {@code /proc/self/fd}).
 */
record ProcessResources(long heapBytes, int threads, int fileDescriptors) {
  /** Measures now, after full collections (System.gc() is a full collection with G1). */
  static ProcessResources measure() {
    long heap = Long.MAX_VALUE;
    // A few rounds: finalizable and reference-queued objects need a second collection to go.
    for (int i = 0; i < 4; i++) {
      System.gc();
      heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return new ProcessResources(
        heap, ManagementFactory.getThreadMXBean().getThreadCount(), countFileDescriptors());
  }

  /** The CPU time this process has used, all its threads together (zero where the OS hides it). */
  static Duration cpuTime() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private static int countFileDescriptors() {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return -1;
    }
    try (Stream<Path> entries = Files.list(fds)) {
      return (int) entries.count() - 1; // the listing's own descriptor
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return String.format(
        "heap %.1f MB, %d threads, %d file descriptors", heapBytes / 1e6, threads, fileDescriptors);
  }
}
