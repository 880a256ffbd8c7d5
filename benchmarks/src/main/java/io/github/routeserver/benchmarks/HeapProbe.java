package io.github.routeserver.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Used-heap readings for the footprint probes ({@link RibFootprint}, {@link TrieFootprint}). */
final class HeapProbe {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapProbe() {}

  /**
   * Used heap after full collections, the least of five readings ({@link System#gc()} is only a
   * request, so one reading may still count garbage).
   */
  static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
