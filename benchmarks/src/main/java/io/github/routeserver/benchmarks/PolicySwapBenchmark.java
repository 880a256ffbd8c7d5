package io.github.routeserver.benchmarks;

import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.UpdatePacker;
import io.github.routeserver.core.engine.ExportSink;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.engine.PeerHandle;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.Term;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Swaps export policies of a live {@link RouteServer} and measures what it costs: a TRANSPARENT
 * server whose Loc-RIB holds 200,000 IPv4 routes from one feeder ({@link SyntheticTable}, 70,000
 * attribute sets), and 50 clients, each with its own export policy from {@link SyntheticPolicies}.
 * Each swap replaces policies with {@link RouteServer#swapPolicies} and then drains every client
 * the way a session does (batches of 1,024 routes packed by the codec's {@link UpdatePacker} into
 * 4,096-octet UPDATEs), on as many threads as the machine has cores, the way the transport's event
 * loops drain their peers. Three swaps per run: one client's policy ({@code one}), another client's
 * ({@code another}), all 50 at once ({@code all}); each flips the chosen clients between policy
 * {@code i} and policy {@code i + 50} of the mix, the same kind with other values.
 *
 * <p>A swap's time runs from the call of {@code swapPolicies} until every client has been sent all
 * that changed (wall time, and the process's CPU time over the same span, which a busy machine
 * inflates less); the UPDATEs are those the changes were packed into. Prints one line per swap,
 * then the medians: {@code swap=<name> peers_changed=<n> median_ms=<x> median_cpu_ms=<y>
 * updates=<n> prefixes=<n>}.
 *
 * <p>Run: {@code java -Xmx4g -XX:+UseG1GC -cp benchmarks/target/benchmarks.jar
 * io.github.routeserver.benchmarks.PolicySwapBenchmark [runs]}
 */
public final class PolicySwapBenchmark {
  private static final int ROUTES = 200_000;
  private static final int ATTRIBUTE_SETS = 70_000;
  private static final int CLIENTS = 50;
  private static final int BATCH = 1024;
  private static final IpAddress ROUTER_ID = IpAddress.parse("10.0.1.4");
  private static final RoutePolicy ACCEPT = Term.named("accept").accept();

  private final RoutePolicy[][] exports = new RoutePolicy[2][CLIENTS]; // [variant][client]
  private final int[] variant = new int[CLIENTS];
  private final List<Client> clients = new ArrayList<>();
  private final ExecutorService drainers =
      Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
  private RouteServer server;

  private PolicySwapBenchmark() {}

  /** Runs the benchmark; the optional argument is the number of runs of the three swaps (5). */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    new PolicySwapBenchmark().run(runs);
  }

  private void run(int runs) throws Exception {
    SyntheticTable table =
        SyntheticTable.generate(ROUTES, ATTRIBUTE_SETS, 0, 1, SyntheticTable.DEFAULT_SEED);
    Prefix[] prefixes = table.ipv4Prefixes();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < CLIENTS; i++) {
      exports[0][i] = SyntheticPolicies.export(i, prefixes, random);
      exports[1][i] = SyntheticPolicies.export(i + CLIENTS, prefixes, random);
    }
    server =
        RouteServer.builder()
            .localAsn(64999)
            .routerId(ROUTER_ID)
            .profile(RouteServerProfile.TRANSPARENT)
            .policies(policies())
            .build();
    server.start();
    try {
      PeerHandle feeder = establish("10.0.2.1", 64500);
      for (int i = 0; i < CLIENTS; i++) {
        clients.add(new Client(establish("10.0.3." + (i + 1), 65100 + i)));
      }
      long start = System.nanoTime();
      long startCpu = processCpuNanos();
      feed(feeder, table);
      await(() -> server.snapshot().rib().size() == ROUTES);
      Result initial = drainAll(start, startCpu);
      System.out.printf(
          "initial table: %d routes to %d clients in %d ms (%d ms CPU), %d UPDATEs, %d prefixes%n",
          ROUTES,
          CLIENTS,
          initial.millis(),
          initial.cpuMillis(),
          initial.updates(),
          initial.prefixes());

      String[] names = {"one", "another", "all"};
      long[][] millis = new long[names.length][runs];
      long[][] cpuMillis = new long[names.length][runs];
      Result[] last = new Result[names.length];
      for (int run = 0; run < runs; run++) {
        for (int s = 0; s < names.length; s++) {
          int[] flipped = s == 0 ? new int[] {0} : s == 1 ? new int[] {1} : allClients();
          Result result = swap(flipped);
          millis[s][run] = result.millis();
          cpuMillis[s][run] = result.cpuMillis();
          last[s] = result;
          System.out.printf(
              "run %d swap=%s peers_changed=%d ms=%d cpu_ms=%d updates=%d prefixes=%d"
                  + " load=%.1f%n",
              run + 1,
              names[s],
              flipped.length,
              result.millis(),
              result.cpuMillis(),
              result.updates(),
              result.prefixes(),
              ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
      }
      for (int s = 0; s < names.length; s++) {
        Arrays.sort(millis[s]);
        Arrays.sort(cpuMillis[s]);
        System.out.printf(
            "swap=%s peers_changed=%d median_ms=%d median_cpu_ms=%d updates=%d prefixes=%d%n",
            names[s],
            s == 2 ? CLIENTS : 1,
            millis[s][runs / 2],
            cpuMillis[s][runs / 2],
            last[s].updates(),
            last[s].prefixes());
      }
    } finally {
      drainers.shutdownNow();
      server.close();
    }
  }

  private PeerPolicies policies() {
    PeerPolicies.Builder builder = PeerPolicies.builder().importDefault(ACCEPT);
    for (int i = 0; i < CLIENTS; i++) {
      builder.exportPolicy(PeerId.of("10.0.3." + (i + 1)), exports[variant[i]][i]);
    }
    return builder.build();
  }

  private PeerHandle establish(String address, long asn) {
    PeerHandle handle =
        server.addPeer(PeerConfig.builder().id(PeerId.of(address)).asn(asn).build());
    handle.sessionEstablished(RouteSource.external(address, asn).withSession(1), ROUTER_ID);
    handle.resendAll(AddressFamily.IPV4);
    return handle;
  }

  /** The feeder's table in UPDATE-sized submissions, each run of routes sharing attributes. */
  private static void feed(PeerHandle feeder, SyntheticTable table) {
    Prefix[] prefixes = table.ipv4Prefixes();
    PathAttributes[] attributes = table.ipv4Attributes();
    RouteSource source = RouteSource.external("10.0.2.1", 64500).withSession(1);
    List<Route> update = new ArrayList<>();
    for (int set = 0; set < ATTRIBUTE_SETS; set++) {
      for (int i = set; i < prefixes.length; i += ATTRIBUTE_SETS) { // prefix i uses set i % sets
        update.add(Route.of(prefixes[i], source, attributes[i]));
      }
      feeder.submit(update, List.of());
      update.clear();
    }
  }

  private static int[] allClients() {
    int[] all = new int[CLIENTS];
    Arrays.setAll(all, i -> i);
    return all;
  }

  private Result swap(int[] flipped) throws Exception {
    for (int client : flipped) {
      variant[client] ^= 1;
    }
    PeerPolicies next = policies();
    long start = System.nanoTime();
    long startCpu = processCpuNanos();
    server.swapPolicies(next);
    await(() -> server.policies().equals(next));
    return drainAll(start, startCpu);
  }

  /**
   * Drains every client until it has nothing left; the time is counted from {@code start} (wall)
   * and {@code startCpu} (the process's CPU time, all threads, GC and JIT included).
   */
  private Result drainAll(long start, long startCpu) throws Exception {
    List<Future<long[]>> counts = new ArrayList<>();
    for (Client client : clients) {
      counts.add(drainers.submit(client::drain));
    }
    long updates = 0;
    long prefixes = 0;
    for (Future<long[]> count : counts) {
      long[] c = count.get(10, TimeUnit.MINUTES);
      updates += c[0];
      prefixes += c[1];
    }
    return new Result(
        (System.nanoTime() - start) / 1_000_000,
        (processCpuNanos() - startCpu) / 1_000_000,
        updates,
        prefixes);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the route server did not get there in 5 minutes");
      }
      Thread.sleep(1);
    }
  }

  private record Result(long millis, long cpuMillis, long updates, long prefixes) {}

  /** One client: its handle and what a session would pack its changes into. */
  private static final class Client implements ExportSink {
    private final PeerHandle peer;
    private final UpdatePacker packer =
        new UpdatePacker(CodecContext.builder().fourOctetAs(true).build());
    private final ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
    private long prefixes;

    Client(PeerHandle peer) {
      this.peer = peer;
    }

    /** Drains everything pending; returns the UPDATEs and prefixes it took. */
    long[] drain() {
      long updates = 0;
      prefixes = 0;
      int drained;
      do {
        drained = peer.drain(BATCH, this);
        while (packer.hasPending()) {
          chunk.clear();
          updates += packer.writeTo(chunk);
        }
      } while (drained == BATCH);
      return new long[] {updates, prefixes};
    }

    @Override
    public void announce(Prefix prefix, PathAttributes attributes) {
      packer.announce(prefix, 0, attributes);
      prefixes++;
    }

    @Override
    public void withdraw(Prefix prefix) {
      packer.withdraw(prefix, 0);
      prefixes++;
    }

    @Override
    public void tableSent(AddressFamily family) {}
  }
}
