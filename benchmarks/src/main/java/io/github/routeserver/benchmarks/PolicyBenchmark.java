package io.github.routeserver.benchmarks;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.AzureRouteServerPolicies;
import io.github.routeserver.core.policy.PeerInfo;
import io.github.routeserver.core.policy.PolicyContext;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 50 distinct export policies, one per peer, each evaluated over a Loc-RIB of 200,000 IPv4 routes
 * from {@link SyntheticTable} (70,000 attribute sets, paths of 1 to 10 hops from 40 neighbour ASes,
 * 0 to 6 communities): 10 million evaluations per pass; the policies are {@link SyntheticPolicies},
 * ten of each kind.
 *
 * <p>{@code fullPass} reports the time for all 50 x 200,000 evaluations; {@code perEvaluation} the
 * same work divided into nanoseconds per (policy, route) evaluation.
 *
 * <p>Run: {@code ./mvnw -B -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar PolicyBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
public class PolicyBenchmark {
  static final int ROUTES = 200_000;
  static final int POLICIES = 50;
  static final int EVALUATIONS = ROUTES * POLICIES;

  private Route[] routes;
  private RoutePolicy[] policies;
  private PolicyContext[] contexts;

  /** Builds the table, the routes and the 50 policies with their contexts. */
  @Setup
  public void setUp() {
    SyntheticTable table =
        SyntheticTable.generate(ROUTES, 70_000, 0, 1, SyntheticTable.DEFAULT_SEED);
    Prefix[] prefixes = table.ipv4Prefixes();
    PathAttributes[] attributes = table.ipv4Attributes();
    routes = new Route[ROUTES];
    for (int i = 0; i < ROUTES; i++) {
      long neighbour = attributes[i].asPath().neighborAs().orElse(64_500);
      RouteSource source = RouteSource.external("10.0.2." + (neighbour - 64_500 + 1), neighbour);
      routes[i] = Route.of(prefixes[i], source, attributes[i]);
    }
    PeerInfo from = PeerInfo.of("10.0.2.1", 64_500).withGroups(AzureRouteServerPolicies.NVA);
    IpAddress local = IpAddress.parse("10.0.1.4");
    SplittableRandom random = new SplittableRandom(7);
    policies = new RoutePolicy[POLICIES];
    contexts = new PolicyContext[POLICIES];
    for (int i = 0; i < POLICIES; i++) {
      policies[i] = SyntheticPolicies.export(i, prefixes, random);
      PeerInfo to =
          PeerInfo.of("10.0.3." + (i + 1), 65_100 + i).withGroups(AzureRouteServerPolicies.NVA);
      contexts[i] = PolicyContext.exporting(65_515, local, from, to);
    }
  }

  private int pass() {
    int accepted = 0;
    for (int p = 0; p < POLICIES; p++) {
      RoutePolicy policy = policies[p];
      PolicyContext context = contexts[p];
      for (Route route : routes) {
        if (policy.apply(route, context) != null) {
          accepted++;
        }
      }
    }
    return accepted;
  }

  /** All 50 policies over all 200,000 routes: milliseconds per pass. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int fullPass() {
    return pass();
  }

  /** The same pass in nanoseconds per (policy, route) evaluation. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @OperationsPerInvocation(EVALUATIONS)
  public int perEvaluation() {
    return pass();
  }
}
