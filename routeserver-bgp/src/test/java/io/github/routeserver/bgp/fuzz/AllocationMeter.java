package io.github.routeserver.bgp.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Counts the bytes the current thread allocates, with HotSpot's per-thread counter ({@code
 * com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}). The fuzz targets use it to
 * check that decoding allocates in proportion to the octets given, never to what a length field
 * claims.
 */
public final class AllocationMeter {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  static {
    THREADS.setThreadAllocatedMemoryEnabled(true);
  }

  private AllocationMeter() {}

  /** The bytes the current thread has allocated so far. */
  public static long allocated() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }

  /**
   * The most a decoder may allocate for {@code inputLength} octets: a fixed allowance for the
   * result and its lists, plus a bounded number of bytes per input octet (a one-octet NLRI such as
   * 0.0.0.0/0 becomes a {@code Prefix} object and array slots).
   */
  public static long budget(int inputLength) {
    return 32L * 1024 + 128L * inputLength;
  }
}
