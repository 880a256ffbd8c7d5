package io.github.routeserver.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The {@link CodecBenchmark} workloads timed in CPU time rather than wall time, for machines where
 * other work competes for the cores: prefixes per second of the benchmark thread's CPU time, and
 * per second of the whole process's CPU time (garbage collection and compilation included). Prints
 * every round, then the medians of the last half of the rounds as {@code decode_thread=<n>
 * decode_process=<n> encode_thread=<n> encode_process=<n>} (prefixes per CPU-second).
 *
 * <p>Run: {@code java -Xmx3g -XX:+UseG1GC -cp benchmarks/target/benchmarks.jar
 * io.github.routeserver.benchmarks.CodecCpuTime [rounds]}
 */
public final class CodecCpuTime {
  private CodecCpuTime() {}

  /** Runs the probe; the optional argument is the number of rounds per workload (default 10). */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    CodecBenchmark benchmark = new CodecBenchmark();
    benchmark.setUp();
    long[] sink = {0};
    double[] decode = measure("decode", rounds, () -> sink[0] += benchmark.decode(r -> {}));
    double[] encode = measure("encode", rounds, () -> sink[0] += benchmark.encodeFullTable());
    System.out.printf(
        "decode_thread=%.0f decode_process=%.0f encode_thread=%.0f encode_process=%.0f (%d)%n",
        decode[0], decode[1], encode[0], encode[1], sink[0] % 10);
  }

  /** Median prefixes per thread- and process-CPU-second over the last half of the rounds. */
  private static double[] measure(String name, int rounds, Runnable workload) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double[] thread = new double[rounds];
    double[] process = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      long threadStart = threads.getCurrentThreadCpuTime();
      long processStart = os.getProcessCpuTime();
      workload.run();
      thread[round] =
          SyntheticTable.IPV4_PREFIXES * 1e9 / (threads.getCurrentThreadCpuTime() - threadStart);
      process[round] = SyntheticTable.IPV4_PREFIXES * 1e9 / (os.getProcessCpuTime() - processStart);
      System.out.printf(
          "%s round %d: %.0f prefixes per thread-CPU-second, %.0f per process-CPU-second%n",
          name, round, thread[round], process[round]);
    }
    return new double[] {median(thread, rounds / 2), median(process, rounds / 2)};
  }

  private static double median(double[] values, int from) {
    double[] measured = Arrays.copyOfRange(values, from, values.length);
    Arrays.sort(measured);
    return measured[measured.length / 2];
  }
}
