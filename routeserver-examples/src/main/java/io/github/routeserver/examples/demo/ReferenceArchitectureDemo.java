package io.github.routeserver.examples.demo;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.azure.arm.ArmTopologyReader;
import io.github.routeserver.azure.model.GatewayType;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.routing.EffectiveRouteTable;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.examples.output.EffectiveRouteReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Azure Route Server's reference architecture, live on loopback: a hub VNet with a Route Server of
 * two instances (AS 65515), two NVAs (AS 65001) peered with both, an active-active VPN gateway and
 * an ExpressRoute gateway (both AS 65515, the ExpressRoute routes arriving from the MSEE in AS
 * 12076), a spoke VNet that uses the hub's gateways, and a spoke subnet with a Storage service
 * endpoint. The topology is the ARM template {@code config/hub-and-spoke.json}, with Azure's
 * service tags in {@code config/service-tags.json} (the Storage tags, with documentation prefixes),
 * both bundled next to this class.
 *
 * <p>What each speaker advertises:
 *
 * <ul>
 *   <li>each NVA: a default route, the SD-WAN branches {@value #BRANCHES_TEXT}, the spoke's own
 *       range (which VNet routes always beat) and a prefix inside the hub (which Route Server
 *       drops);
 *   <li>each VPN gateway instance: the branch site {@value #BRANCH_SITE_TEXT} (AS 65050) and the
 *       datacentre {@value #DATACENTRE_TEXT} as a backup path;
 *   <li>each ExpressRoute gateway instance: the datacentre, from AS 65020 behind the MSEE (12076),
 *       which hub routing preference "ExpressRoute" prefers over the VPN's shorter AS path.
 * </ul>
 *
 * <p>Then the steps: branch-to-branch off and on, NVA1 failing and coming back, and NVA2 prepending
 * its AS to become a standby. Each step waits, up to {@link #STEP_TIMEOUT}, for the sessions and
 * routes it expects, and reports the converged state.
 */
public final class ReferenceArchitectureDemo {
  private static final String BRANCHES_TEXT = "10.100.0.0/16";
  private static final String BRANCH_SITE_TEXT = "192.168.10.0/24";
  private static final String DATACENTRE_TEXT = "10.150.0.0/16";

  /** The default route the NVAs advertise (Internet breakout through them). */
  public static final Prefix DEFAULT_ROUTE = Prefix.parse("0.0.0.0/0");

  /** The SD-WAN branches behind the NVAs. */
  public static final Prefix BRANCHES = Prefix.parse(BRANCHES_TEXT);

  /** The spoke VNet's range, which the NVAs advertise too. */
  public static final Prefix SPOKE_RANGE = Prefix.parse("10.1.0.0/16");

  /** A prefix inside the hub VNet, which the NVAs advertise and Route Server drops. */
  public static final Prefix INSIDE_HUB = Prefix.parse("10.0.9.0/24");

  /** The branch site behind the VPN gateway. */
  public static final Prefix BRANCH_SITE = Prefix.parse(BRANCH_SITE_TEXT);

  /** The datacentre: over ExpressRoute, and over VPN as a backup. */
  public static final Prefix DATACENTRE = Prefix.parse(DATACENTRE_TEXT);

  /** How long a step may wait for its sessions and routes. */
  public static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

  private static final long BRANCH_SITE_ASN = 65050;
  private static final long DATACENTRE_ASN = 65020;
  private static final long MSEE_ASN = 12076;
  private static final ImmutableSet<Prefix> NVA_PREFIXES =
      ImmutableSet.of(DEFAULT_ROUTE, BRANCHES, SPOKE_RANGE, INSIDE_HUB);
  private static final ImmutableSet<Prefix> GATEWAY_PREFIXES =
      ImmutableSet.of(BRANCH_SITE, DATACENTRE);

  private final Topology topology;
  private final ResourceId routeServerId;
  private final Map<Speaker, Map<Prefix, PathAttributes>> originated = new LinkedHashMap<>();
  private AzureLoopbackLab lab;

  private ReferenceArchitectureDemo(Topology topology) {
    this.topology = topology;
    this.routeServerId = topology.routeServers().keySet().iterator().next();
  }

  /** The demo's topology: the ARM template and the service tags bundled with this class. */
  public static Topology topology() {
    ArmTopologyReader reader = ArmTopologyReader.create();
    return reader.read("hub-and-spoke.json", resource("hub-and-spoke.json")).toBuilder()
        .addAll(reader.read("service-tags.json", resource("service-tags.json")))
        .build();
  }

  private static Reader resource(String name) {
    InputStream stream = ReferenceArchitectureDemo.class.getResourceAsStream(name);
    if (stream == null) {
      throw new UncheckedIOException(new IOException(name + " is missing from the jar"));
    }
    return new InputStreamReader(stream, StandardCharsets.UTF_8);
  }

  /**
   * Runs the demo, handing each step to {@code onStep} as soon as it has converged.
   *
   * @throws IllegalStateException if a step does not converge within {@link #STEP_TIMEOUT}
   * @throws UncheckedIOException if a loopback address cannot be bound
   */
  public static void run(Consumer<DemoStep> onStep) {
    new ReferenceArchitectureDemo(topology()).steps(onStep);
  }

  private void steps(Consumer<DemoStep> onStep) {
    long start = System.nanoTime();
    try (AzureLoopbackLab started = AzureLoopbackLab.start(topology, routeServerId)) {
      lab = started;
      Speaker nva1 = lab.nvas().get(0);
      Speaker nva2 = lab.nvas().get(1);
      Speaker vpn = lab.gatewayInstances(GatewayType.VPN).get(0);
      for (Speaker nva : lab.nvas()) {
        for (Prefix prefix : NVA_PREFIXES) {
          originate(nva, prefix, PathAttributes.builder().nextHop(nva.address()).build());
        }
      }
      for (Speaker instance : lab.gatewayInstances(GatewayType.VPN)) {
        PathAttributes site =
            PathAttributes.builder()
                .asPath(AsPath.of(BRANCH_SITE_ASN))
                .nextHop(instance.address())
                .build();
        originate(instance, BRANCH_SITE, site);
        originate(instance, DATACENTRE, site);
      }
      for (Speaker instance : lab.gatewayInstances(GatewayType.EXPRESS_ROUTE)) {
        originate(
            instance,
            DATACENTRE,
            PathAttributes.builder()
                .asPath(AsPath.of(MSEE_ASN, DATACENTRE_ASN))
                .nextHop(instance.address())
                .build());
      }
      awaitConverged("every session is established and Route Server has every route");
      long sessions = lab.speakers().stream().mapToLong(s -> s.transport().states().size()).sum();
      onStep.accept(
          new DemoStep(
              String.format(
                  "Azure Route Server's reference architecture is up on loopback: %d BGP sessions"
                      + " established and converged in %.1f s.",
                  sessions / 2, (System.nanoTime() - start) / 1e9),
              speakers(),
              ImmutableList.of(),
              lab.effectiveRoutes().tables(),
              lab.effectiveRoutes().tables().keySet().asList(),
              ImmutableSet.of()));

      onStep.accept(
          learnedStep(
              "Step 1. Branch-to-branch is off (Azure's default): the NVAs learn nothing from the"
                  + " gateways, and the gateways nothing from the NVAs.",
              nva1,
              vpn));

      lab.branchToBranch(true, STEP_TIMEOUT);
      awaitConverged("every session is back and Route Server has every route again");
      AzureLoopbackLab.await(
          "NVA1 learns the gateways' routes and the VPN gateway the NVAs'",
          STEP_TIMEOUT,
          () ->
              notLearned(nva1, GATEWAY_PREFIXES).or(() -> notLearned(vpn, accepted(NVA_PREFIXES))));
      onStep.accept(
          learnedStep(
              "Step 2. Branch-to-branch is on: NVA1 learns the on-premises routes of both"
                  + " gateways (65515 prepended), and the VPN gateway learns the NVAs' routes.",
              nva1,
              vpn));

      lab.stopSessions(nva1);
      AzureLoopbackLab.await(
          "Route Server has no route of NVA1 left",
          STEP_TIMEOUT,
          () -> routeServerMisses(nva1, ImmutableSet.of()));
      onStep.accept(
          workloadStep(
              "Step 3. NVA1 fails: its routes are withdrawn, and every subnet sends "
                  + DEFAULT_ROUTE
                  + " and "
                  + BRANCHES
                  + " to NVA2 alone (ECMP over one path)."));

      lab.startSessions(nva1);
      awaitConverged("NVA1 is back and Route Server has its routes again");
      onStep.accept(
          workloadStep(
              "Step 4. NVA1 comes back: ECMP over both NVAs again (one row per next hop)."));

      PathAttributes prepended =
          PathAttributes.builder()
              .asPath(AsPath.of(nva2.engine().localAsn(), nva2.engine().localAsn()))
              .nextHop(nva2.address())
              .build();
      for (Prefix prefix : NVA_PREFIXES) {
        originate(nva2, prefix, prepended);
      }
      awaitConverged("Route Server has NVA2's prepended paths");
      onStep.accept(
          workloadStep(
              "Step 5. NVA2 prepends its AS twice (AS path 65001 65001 65001): Route Server"
                  + " programs only NVA1's shorter path, and NVA2 becomes a standby."));
    }
  }

  private void originate(Speaker speaker, Prefix prefix, PathAttributes attributes) {
    speaker.engine().originate(prefix, attributes);
    originated.computeIfAbsent(speaker, s -> new LinkedHashMap<>()).put(prefix, attributes);
  }

  /** The prefixes of {@code prefixes} that Route Server accepts: all but the one inside the hub. */
  private static ImmutableSet<Prefix> accepted(Set<Prefix> prefixes) {
    return prefixes.stream()
        .filter(p -> !p.equals(INSIDE_HUB))
        .collect(ImmutableSet.toImmutableSet());
  }

  /**
   * Waits until every session is established and every Route Server instance has, from every
   * speaker, exactly the routes it originates and Route Server accepts, with their AS paths.
   */
  private void awaitConverged(String what) {
    AzureLoopbackLab.await(
        what,
        STEP_TIMEOUT,
        () -> {
          for (Speaker speaker : lab.speakers()) {
            Optional<String> down = speaker.sessionsDown();
            if (down.isPresent()) {
              return down;
            }
          }
          for (Speaker speaker : originated.keySet()) {
            Optional<String> missing =
                routeServerMisses(speaker, accepted(originated.get(speaker).keySet()));
            if (missing.isPresent()) {
              return missing;
            }
          }
          return Optional.empty();
        });
  }

  /**
   * What keeps the Route Server instances from having exactly {@code prefixes} from {@code
   * speaker}, with the AS paths it sent; empty when nothing does.
   */
  private Optional<String> routeServerMisses(Speaker speaker, Set<Prefix> prefixes) {
    PeerId peer = new PeerId(AzureLoopbackLab.loopback(speaker.address()));
    for (Speaker instance : lab.routeServerInstances()) {
      Map<Prefix, AsPath> paths =
          instance
              .engine()
              .snapshot()
              .rib()
              .adjRibIn(peer)
              .collect(Collectors.toMap(Route::prefix, r -> r.attributes().asPath()));
      Map<Prefix, AsPath> expected = new HashMap<>();
      for (Prefix prefix : prefixes) {
        AsPath sent = originated.get(speaker).get(prefix).asPath();
        long asn = speaker.engine().localAsn();
        expected.put(prefix, asn == instance.engine().localAsn() ? sent : sent.prepend(asn, 1));
      }
      if (!paths.equals(expected)) {
        return Optional.of(
            instance.name() + " has " + paths + " from " + speaker.name() + ", not " + expected);
      }
    }
    return Optional.empty();
  }

  /** What {@code speaker} has not yet learned of {@code prefixes} from each instance. */
  private Optional<String> notLearned(Speaker speaker, Set<Prefix> prefixes) {
    for (Speaker instance : lab.routeServerInstances()) {
      PeerId peer = new PeerId(AzureLoopbackLab.loopback(instance.address()));
      Set<Prefix> missing = new TreeSet<>(prefixes);
      speaker.engine().snapshot().rib().adjRibIn(peer).map(Route::prefix).forEach(missing::remove);
      if (!missing.isEmpty()) {
        return Optional.of(speaker.name() + " lacks " + missing + " from " + instance.name());
      }
    }
    return Optional.empty();
  }

  private DemoStep learnedStep(String headline, Speaker nva, Speaker gateway) {
    return new DemoStep(
        headline,
        ImmutableList.of(),
        ImmutableList.of(learned(nva, GATEWAY_PREFIXES), learned(gateway, NVA_PREFIXES)),
        lab.effectiveRoutes().tables(),
        ImmutableList.of(),
        ImmutableSet.of());
  }

  /** What {@code speaker} learned from the Route Server instances for {@code prefixes}. */
  private LearnedRoutes learned(Speaker speaker, Set<Prefix> prefixes) {
    ImmutableList.Builder<LearnedRoutes.Row> rows = ImmutableList.builder();
    for (Speaker instance : lab.routeServerInstances()) {
      PeerId peer = new PeerId(AzureLoopbackLab.loopback(instance.address()));
      speaker
          .engine()
          .snapshot()
          .rib()
          .adjRibIn(peer)
          .filter(route -> prefixes.contains(route.prefix()))
          .sorted((a, b) -> a.prefix().compareTo(b.prefix()))
          .forEach(
              route ->
                  rows.add(
                      new LearnedRoutes.Row(
                          route.prefix(), route.attributes().asPath(), instance.name())));
    }
    return new LearnedRoutes(speaker.name(), rows.build());
  }

  /** A step that shows the NVAs' prefixes in the spoke's workload subnet. */
  private DemoStep workloadStep(String headline) {
    ImmutableMap<ResourceId, EffectiveRouteTable> tables = lab.effectiveRoutes().tables();
    ResourceId workload =
        tables.keySet().stream()
            .filter(id -> EffectiveRouteReport.subnetName(id).equals("spoke/app"))
            .findFirst()
            .orElseThrow();
    return new DemoStep(
        headline,
        ImmutableList.of(),
        ImmutableList.of(),
        tables,
        ImmutableList.of(workload),
        NVA_PREFIXES);
  }

  private ImmutableList<DemoStep.SpeakerSummary> speakers() {
    List<DemoStep.SpeakerSummary> speakers = new ArrayList<>();
    for (Speaker speaker : lab.speakers()) {
      String runsOn =
          speaker.transport().boundAddresses().stream()
              .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
              .findFirst()
              .orElse(AzureLoopbackLab.loopback(speaker.address()).toString());
      speakers.add(
          new DemoStep.SpeakerSummary(
              speaker.name(),
              speaker.engine().localAsn(),
              speaker.address().toString(),
              runsOn,
              ImmutableList.copyOf(originated.getOrDefault(speaker, Map.of()).keySet())));
    }
    return ImmutableList.copyOf(speakers);
  }
}
