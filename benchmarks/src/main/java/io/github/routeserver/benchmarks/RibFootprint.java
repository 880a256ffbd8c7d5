package io.github.routeserver.benchmarks;

import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.rib.DecisionOptions;
import io.github.routeserver.core.rib.DecisionProcess;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.lang.ref.Reference;
import java.util.Arrays;

/**
 * Loads the synthetic full IPv4 table (1.05M prefixes, 350k attribute sets) from one peer into a
 * {@link Rib} through its batch editor, in the order a BGP feed delivers it (the prefixes that
 * share an attribute set arrive together, as the NLRI of one UPDATE), and reports the load time
 * (median of several loads, one thread) and the retained heap per prefix (used heap after full GCs
 * with the RIB alive, minus the same before the table existed). Then it withdraws the peer from the
 * loaded RIB, as when its session goes down (median of as many runs). The last line is {@code
 * bytes_per_prefix=<n> load_ms=<n> withdraw_peer_ms=<n>}.
 *
 * <p>Run: {@code java -Xmx4g -XX:+UseG1GC -cp benchmarks/target/benchmarks.jar
 * io.github.routeserver.benchmarks.RibFootprint [loads]}
 */
public final class RibFootprint {
  private RibFootprint() {}

  /** Runs the probe; the optional argument is the number of timed loads (default 5). */
  public static void main(String[] args) {
    int loads = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    long baseline = HeapProbe.usedAfterGc();

    SyntheticTable table =
        SyntheticTable.generate(
            SyntheticTable.IPV4_PREFIXES,
            SyntheticTable.IPV4_ATTRIBUTE_SETS,
            0,
            1,
            SyntheticTable.DEFAULT_SEED);
    Prefix[] prefixes = table.ipv4Prefixes();
    PathAttributes[] attributes = table.ipv4Attributes();
    RouteSource feeder = RouteSource.external("192.0.2.1", 64500);
    DecisionProcess decision = new DecisionProcess(DecisionOptions.DEFAULT);

    long[] millis = new long[loads];
    Rib rib = null;
    for (int run = 0; run < loads; run++) {
      rib = null;
      HeapProbe.usedAfterGc();
      long start = System.nanoTime();
      Rib.Editor editor = Rib.empty(decision).editor();
      int sets = SyntheticTable.IPV4_ATTRIBUTE_SETS;
      for (int set = 0; set < sets; set++) {
        for (int i = set; i < prefixes.length; i += sets) { // prefix i uses set i % sets
          editor.announce(Route.of(prefixes[i], feeder, attributes[i]));
        }
      }
      rib = editor.commit().after();
      millis[run] = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("load %d: %d ms (%d prefixes)%n", run + 1, millis[run], rib.size());
    }
    table = null;
    prefixes = null;
    attributes = null;
    long retained = HeapProbe.usedAfterGc() - baseline;
    Reference.reachabilityFence(rib);
    long[] withdrawMillis = new long[loads];
    for (int run = 0; run < loads; run++) {
      long start = System.nanoTime();
      Rib withdrawn = rib.withdrawPeer(feeder.peer()).after();
      withdrawMillis[run] = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "withdraw peer %d: %d ms (%d prefixes left)%n",
          run + 1, withdrawMillis[run], withdrawn.size());
    }
    Arrays.sort(millis);
    Arrays.sort(withdrawMillis);
    long bytesPerPrefix = retained / SyntheticTable.IPV4_PREFIXES;
    System.out.printf(
        "retained heap %d MB for %d prefixes%n", retained >> 20, SyntheticTable.IPV4_PREFIXES);
    System.out.printf(
        "bytes_per_prefix=%d load_ms=%d withdraw_peer_ms=%d%n",
        bytesPerPrefix, millis[loads / 2], withdrawMillis[loads / 2]);
  }
}
