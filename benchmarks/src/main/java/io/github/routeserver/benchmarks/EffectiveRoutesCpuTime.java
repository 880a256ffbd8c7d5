package io.github.routeserver.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The workloads of {@link EffectiveRoutesBenchmark} timed in CPU time of the calling thread rather
 * than wall time, so that other processes on a shared machine inflate them less: after warm-up
 * runs, the median of the timed runs of each workload, one line each, {@code <name> median_ms=<n>
 * runs=<n>}.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.routeserver.benchmarks.EffectiveRoutesCpuTime [runs]}
 */
public final class EffectiveRoutesCpuTime {
  private EffectiveRoutesCpuTime() {}

  /** Runs every workload; the optional argument is the number of timed runs of the full ones. */
  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    EffectiveRoutesBenchmark workloads = new EffectiveRoutesBenchmark();
    workloads.setUp();
    report("computeAllTables", runs, workloads::computeAllTables);
    report("computeAndListEveryRow", runs, workloads::computeAndListEveryRow);
    report("updateAfterOneRouteChanges", runs * 50, workloads::updateAfterOneRouteChanges);
    report("updateThenListOneChangedSubnet", runs * 50, workloads::updateThenListOneChangedSubnet);
  }

  private static void report(String name, int runs, Supplier<?> workload) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Object sink = null;
    for (int i = 0; i < runs; i++) {
      sink = workload.get();
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = threads.getCurrentThreadCpuTime();
      sink = workload.get();
      nanos[i] = threads.getCurrentThreadCpuTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "%s median_ms=%.3f runs=%d (%s)%n",
        name, nanos[runs / 2] / 1e6, runs, sink == null ? "-" : sink.getClass().getSimpleName());
  }
}
