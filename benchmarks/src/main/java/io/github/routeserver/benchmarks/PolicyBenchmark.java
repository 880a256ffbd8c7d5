package io.github.routeserver.benchmarks;

import static io.github.routeserver.core.policy.Matchers.asPath;
import static io.github.routeserver.core.policy.Matchers.communityAny;
import static io.github.routeserver.core.policy.Matchers.neighborAs;
import static io.github.routeserver.core.policy.Matchers.prefixIn;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.Actions;
import io.github.routeserver.core.policy.AsnSet;
import io.github.routeserver.core.policy.AzureRouteServerPolicies;
import io.github.routeserver.core.policy.CommunitySet;
import io.github.routeserver.core.policy.Disposition;
import io.github.routeserver.core.policy.PeerInfo;
import io.github.routeserver.core.policy.PolicyContext;
import io.github.routeserver.core.policy.PrefixRange;
import io.github.routeserver.core.policy.PrefixSet;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.StandardPolicies;
import io.github.routeserver.core.policy.Term;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.ArrayList;
import java.util.List;
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
 * 0 to 6 communities): 10 million evaluations per pass. The mix, ten policies of each kind:
 *
 * <ol>
 *   <li>prefix-list filter: bogons rejected, then a 2,000-range customer list accepted, otherwise
 *       reject;
 *   <li>community policy: blackhole community rejected, routes tagged with the neighbour's
 *       communities get a community added;
 *   <li>prepend twice towards routes from one neighbour AS, reject longer than /24;
 *   <li>AS-path regular expressions: reject one transit AS, set MED on a range of neighbours;
 *   <li>a chain of the built-ins: RFC 1997 well-known communities, the Azure Route Server export
 *       rules and RFC 9234 egress.
 * </ol>
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
      policies[i] = policy(i, prefixes, random);
      PeerInfo to =
          PeerInfo.of("10.0.3." + (i + 1), 65_100 + i).withGroups(AzureRouteServerPolicies.NVA);
      contexts[i] = PolicyContext.exporting(65_515, local, from, to);
    }
  }

  private static RoutePolicy policy(int i, Prefix[] prefixes, SplittableRandom random) {
    PrefixSet bogons =
        PrefixSet.parse(
            "bogons",
            "0.0.0.0/8 le 32",
            "10.0.0.0/8 le 32",
            "100.64.0.0/10 le 32",
            "127.0.0.0/8 le 32",
            "169.254.0.0/16 le 32",
            "172.16.0.0/12 le 32",
            "192.0.2.0/24 le 32",
            "192.168.0.0/16 le 32",
            "198.18.0.0/15 le 32",
            "224.0.0.0/3 le 32");
    long neighbour = 64_500 + i % 40;
    String name = "export-" + i;
    return switch (i % 5) {
      case 0 -> {
        List<PrefixRange> customers = new ArrayList<>();
        for (int k = 0; k < 2_000; k++) {
          Prefix p = prefixes[random.nextInt(prefixes.length)];
          customers.add(new PrefixRange(p, p.length(), Math.max(p.length(), 24)));
        }
        yield RoutePolicy.firstMatch(
                name,
                Term.named("bogons").when(prefixIn(bogons)).reject(),
                Term.named("customers")
                    .when(prefixIn(PrefixSet.of("customers-" + i, customers)))
                    .accept())
            .withOtherwise(Disposition.REJECT);
      }
      case 1 ->
          RoutePolicy.firstMatch(
              name,
              Term.named("blackhole")
                  .when(communityAny(CommunitySet.parse("blackhole", "65535:666", "BLACKHOLE")))
                  .reject(),
              Term.named("tag")
                  .when(communityAny(CommunitySet.parse("from-neighbour", neighbour + ":*")))
                  .then(Actions.addCommunities(CommunitySet.parse("tag", "64999:" + i)))
                  .accept());
      case 2 ->
          RoutePolicy.allMatch(
              name,
              Term.named("prepend")
                  .when(neighborAs(AsnSet.of(neighbour)))
                  .then(Actions.prepend(2))
                  .next(),
              Term.named("too-long")
                  .when(prefixIn(PrefixSet.parse("long", "0.0.0.0/0 ge 25")))
                  .reject());
      case 3 ->
          RoutePolicy.allMatch(
              name,
              Term.named("no-transit").when(asPath("_" + (1 + i) + "_")).reject(),
              Term.named("med").when(asPath("^645[0-1][0-9]_")).then(Actions.setMed(i)).next());
      default ->
          RoutePolicy.chain(
              name,
              StandardPolicies.wellKnownCommunities(),
              AzureRouteServerPolicies.builder().build().exportPolicy(),
              StandardPolicies.rfc9234Egress(),
              Term.named("bogons").when(prefixIn(bogons)).reject());
    };
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
