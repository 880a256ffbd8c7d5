package io.github.routeserver.benchmarks;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.azure.model.BgpConnection;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteServer;
import io.github.routeserver.azure.model.RouteTable;
import io.github.routeserver.azure.model.Subnet;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.model.UserRoute;
import io.github.routeserver.azure.model.VirtualNetwork;
import io.github.routeserver.azure.model.VirtualNetworkPeering;
import io.github.routeserver.azure.routing.EffectiveRouteTable;
import io.github.routeserver.azure.routing.EffectiveRoutes;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.AzureRouteServerPolicies.HubRoutingPreference;
import io.github.routeserver.core.rib.DecisionOptions;
import io.github.routeserver.core.rib.DecisionProcess;
import io.github.routeserver.core.rib.DecisionStep;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.rib.RibDelta;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Effective routes of 1,000 subnets fed by a Route Server whose RIB holds 10,000 prefixes, each
 * announced by two NVAs with equal AS paths (so 20,000 BGP paths and, in every subnet, 20,000 ECMP
 * rows). The hub has 10 subnets and Route Server; 99 spokes of 10 subnets each use it as remote
 * gateway. Every second subnet has its own route table of three UDRs.
 *
 * <ul>
 *   <li>{@code computeAllTables}: {@link EffectiveRoutes#compute} from scratch: every table ready,
 *       its BGP rows shared with the other subnets of the hub.
 *   <li>{@code computeAndListEveryRow}: the same, then every row of every subnet assembled (20
 *       million rows), as writing all tables out would.
 *   <li>{@code updateAfterOneRouteChanges}: {@link EffectiveRoutes#apply} of a delta in which one
 *       NVA prepends one prefix (its two ECMP rows become one), alternating with the delta that
 *       undoes it.
 *   <li>{@code updateThenListOneChangedSubnet}: the update, then one changed subnet's rows (the
 *       first listing after an update assembles the shared BGP rows once).
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EffectiveRoutesBenchmark -f 1 -wi 2 -w
 * 2s -i 3 -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EffectiveRoutesBenchmark {
  private static final String NETWORK =
      "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/";
  private static final int SPOKES = 99;
  private static final int SUBNETS_PER_VNET = 10;
  private static final int PREFIXES = 10_000;
  private static final ResourceId ARS = ResourceId.of(NETWORK + "virtualHubs/ars");
  private static final RouteSource NVA1 = RouteSource.external("10.0.2.4", 65001);
  private static final RouteSource NVA2 = RouteSource.external("10.0.2.5", 65001);

  private Topology topology;
  private Rib rib;
  private RibDelta prepend;
  private RibDelta undo;
  private EffectiveRoutes current;
  private boolean prepended;
  private ResourceId someSubnet;

  @Setup
  public void setUp() {
    Topology.Builder builder = Topology.builder();
    ResourceId hub = ResourceId.of(NETWORK + "virtualNetworks/hub");
    List<VirtualNetworkPeering> hubPeerings = new ArrayList<>();
    for (int s = 1; s <= SPOKES; s++) {
      ResourceId spoke = ResourceId.of(NETWORK + "virtualNetworks/spoke" + s);
      Prefix space = Prefix.ofIpv4(0x0A000000 | s << 16, 16);
      hubPeerings.add(
          new VirtualNetworkPeering(
              hub.child("virtualNetworkPeerings", "to-spoke" + s),
              spoke,
              ImmutableList.of(space),
              true,
              false,
              true));
      builder.add(
          vnet(
              builder,
              spoke,
              space,
              ImmutableList.of(
                  new VirtualNetworkPeering(
                      spoke.child("virtualNetworkPeerings", "to-hub"),
                      hub,
                      ImmutableList.of(Prefix.parse("10.0.0.0/16")),
                      false,
                      true,
                      true))));
    }
    builder.add(vnet(builder, hub, Prefix.parse("10.0.0.0/16"), ImmutableList.copyOf(hubPeerings)));
    builder.add(
        new RouteServer(
            ARS,
            Optional.of(hub.child("subnets", "subnet0")),
            65515,
            ImmutableList.of(IpAddress.parse("10.0.0.4"), IpAddress.parse("10.0.0.5")),
            false,
            HubRoutingPreference.EXPRESS_ROUTE,
            ImmutableList.of(
                new BgpConnection(
                    ARS.child("bgpConnections", "nva1"), NVA1.peer().address(), 65001),
                new BgpConnection(
                    ARS.child("bgpConnections", "nva2"), NVA2.peer().address(), 65001))));
    topology = builder.build();
    someSubnet = ResourceId.of(NETWORK + "virtualNetworks/spoke1/subnets/subnet1");

    Rib.Editor editor =
        Rib.empty(
                new DecisionProcess(
                    DecisionOptions.builder()
                        .multipathThrough(DecisionStep.AS_PATH_LENGTH)
                        .build()))
            .editor();
    for (int i = 0; i < PREFIXES; i++) {
      Prefix prefix = Prefix.ofIpv4(0xAC000000 | i << 8, 24); // 172.0.0.0/24 upwards
      editor.announce(route(NVA1, prefix, 65001, 65100 + i % 50));
      editor.announce(route(NVA2, prefix, 65001, 65100 + i % 50));
    }
    rib = editor.commit().after();
    Prefix changed = Prefix.ofIpv4(0xAC000000 | 4242 << 8, 24);
    prepend = rib.announce(route(NVA1, changed, 65001, 65001, 65100));
    undo = RibDelta.between(prepend.after(), rib);
    current = EffectiveRoutes.compute(topology, Map.of(ARS, rib));
  }

  private static Route route(RouteSource source, Prefix prefix, long... path) {
    return Route.of(
        prefix,
        source,
        PathAttributes.builder().asPath(AsPath.of(path)).nextHop(source.peer().address()).build());
  }

  private static VirtualNetwork vnet(
      Topology.Builder builder,
      ResourceId id,
      Prefix space,
      ImmutableList<VirtualNetworkPeering> peerings) {
    ImmutableList.Builder<Subnet> subnets = ImmutableList.builder();
    for (int n = 0; n < SUBNETS_PER_VNET; n++) {
      ResourceId subnet = id.child("subnets", "subnet" + n);
      Optional<ResourceId> table = Optional.empty();
      if (n % 2 == 1) {
        ResourceId tableId = ResourceId.of(NETWORK + "routeTables/rt-" + id.name() + "-" + n);
        builder.add(
            new RouteTable(
                tableId,
                "westeurope",
                ImmutableList.of(
                    UserRoute.toAppliance(
                        "to-onprem", Prefix.parse("192.168.0.0/16"), IpAddress.parse("10.0.2.4")),
                    UserRoute.toAppliance(
                        "pinned",
                        Prefix.ofIpv4(0xAC000000 | n << 8, 24),
                        IpAddress.parse("10.0.2.5")),
                    UserRoute.of(
                        "dmz",
                        Prefix.parse("10.250.0.0/16"),
                        io.github.routeserver.azure.model.NextHopType.NONE)),
                false));
        table = Optional.of(tableId);
      }
      subnets.add(
          new Subnet(
              subnet, ImmutableList.of(Prefix.of(space.address(), 24)), table, ImmutableList.of()));
    }
    return new VirtualNetwork(id, "westeurope", ImmutableList.of(space), subnets.build(), peerings);
  }

  @Benchmark
  public EffectiveRoutes computeAllTables() {
    return EffectiveRoutes.compute(topology, Map.of(ARS, rib));
  }

  @Benchmark
  public long computeAndListEveryRow() {
    long rows = 0;
    for (EffectiveRouteTable table :
        EffectiveRoutes.compute(topology, Map.of(ARS, rib)).tables().values()) {
      rows += table.routes().size();
    }
    return rows;
  }

  @Benchmark
  public EffectiveRoutes updateAfterOneRouteChanges() {
    current = current.apply(ARS, prepended ? undo : prepend).routes();
    prepended = !prepended;
    return current;
  }

  @Benchmark
  public int updateThenListOneChangedSubnet() {
    current = current.apply(ARS, prepended ? undo : prepend).routes();
    prepended = !prepended;
    return current.subnet(someSubnet).orElseThrow().routes().size();
  }
}
