package io.github.routeserver.azure.routing;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.azure.model.NetworkInterface;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteServer;
import io.github.routeserver.azure.model.Subnet;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.model.VirtualNetwork;
import io.github.routeserver.azure.model.VirtualNetworkGateway;
import io.github.routeserver.azure.model.VirtualNetworkPeering;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.rib.DecisionOptions;
import io.github.routeserver.core.rib.DecisionProcess;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.rib.RibDelta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective routes of every subnet of a {@link Topology}, given what each BGP speaker has
 * learned: a {@link Rib} per Route Server (or, in a VNet without one, per gateway). Immutable: each
 * {@link #apply} returns a new version and leaves this one readable.
 *
 * <p>Where BGP routes go: a VNet with a Route Server or a gateway is a hub; its BGP routes reach
 * its own subnets and those of spokes whose peering to it has {@code useRemoteGateways} (and whose
 * hub side, where known, has {@code allowGatewayTransit}); Route Server programs "its VNet, and ...
 * directly peered VNets" only (INJ; FAQ; reference 1.9). A spoke without {@code useRemoteGateways}
 * gets none (FAQ, TRB). Subnets whose route table disables BGP propagation get none either (UDR,
 * INJ, issue #84075).
 *
 * <p>Cost: a version shares everything with the one before except what changed. {@link #apply}
 * touches only the prefixes in the delta and only the subnets served by the speaker's hub.
 */
public final class EffectiveRoutes {
  private final ImmutableMap<ResourceId, HubInjection> hubs;
  private final ImmutableMap<ResourceId, ResourceId> hubOfSpeaker;
  private final ImmutableMap<ResourceId, BgpLayer> layers;
  private final ImmutableMap<ResourceId, EffectiveRouteTable> tables;
  private final ImmutableMap<ResourceId, ResourceId> subnetOfNic;

  private EffectiveRoutes(
      ImmutableMap<ResourceId, HubInjection> hubs,
      ImmutableMap<ResourceId, ResourceId> hubOfSpeaker,
      ImmutableMap<ResourceId, BgpLayer> layers,
      ImmutableMap<ResourceId, EffectiveRouteTable> tables,
      ImmutableMap<ResourceId, ResourceId> subnetOfNic) {
    this.hubs = hubs;
    this.hubOfSpeaker = hubOfSpeaker;
    this.layers = layers;
    this.tables = tables;
    this.subnetOfNic = subnetOfNic;
  }

  /** The effective routes with the default options. */
  public static EffectiveRoutes compute(Topology topology, Map<ResourceId, Rib> ribs) {
    return compute(topology, ribs, AzureRoutingOptions.DEFAULT);
  }

  /**
   * Computes every subnet's effective routes.
   *
   * @param ribs the routes each speaker learned, keyed by the id of a Route Server, or of a gateway
   *     in a VNet that has no Route Server
   * @throws IllegalArgumentException if a key is neither, or names a gateway in a VNet that has a
   *     Route Server (whose RIB holds the gateway's routes)
   */
  public static EffectiveRoutes compute(
      Topology topology, Map<ResourceId, Rib> ribs, AzureRoutingOptions options) {
    Map<ResourceId, ResourceId> hubOfSpeaker = new LinkedHashMap<>();
    Map<ResourceId, ResourceId> speakerOfHub = new LinkedHashMap<>();
    for (ResourceId speaker : ribs.keySet()) {
      ResourceId hub = hubOf(topology, speaker);
      checkArgument(
          !speakerOfHub.containsKey(hub),
          "ribs: %s and %s both speak for %s (expected: one RIB per hub VNet)",
          speakerOfHub.get(hub),
          speaker,
          hub);
      hubOfSpeaker.put(speaker, hub);
      speakerOfHub.put(hub, speaker);
    }
    Map<ResourceId, HubInjection> hubs = new LinkedHashMap<>();
    Map<ResourceId, BgpLayer> layers = new LinkedHashMap<>();
    for (VirtualNetwork vnet : topology.virtualNetworks().values()) {
      if (isHub(topology, vnet.id())) {
        Optional<ResourceId> speaker = Optional.ofNullable(speakerOfHub.get(vnet.id()));
        HubInjection injection = new HubInjection(topology, vnet, speaker, options);
        hubs.put(vnet.id(), injection);
        Rib rib = speaker.map(ribs::get).orElse(null);
        layers.put(vnet.id(), rib == null ? injection.build(emptyRib()) : injection.build(rib));
      }
    }
    Map<ResourceId, EffectiveRouteTable> tables = new LinkedHashMap<>();
    for (VirtualNetwork vnet : topology.virtualNetworks().values()) {
      Optional<ResourceId> hub = servingHub(topology, vnet);
      for (Subnet subnet : vnet.subnets()) {
        SubnetRouting routing = new SubnetRouting(topology, vnet, subnet, hub, options);
        BgpLayer layer = routing.hub().map(layers::get).orElse(BgpLayer.EMPTY);
        tables.put(subnet.id(), EffectiveRouteTable.of(routing, layer));
      }
    }
    Map<ResourceId, ResourceId> nics = new LinkedHashMap<>();
    for (NetworkInterface nic : topology.networkInterfaces().values()) {
      nics.put(nic.id(), nic.subnet());
    }
    return new EffectiveRoutes(
        ImmutableMap.copyOf(hubs),
        ImmutableMap.copyOf(hubOfSpeaker),
        ImmutableMap.copyOf(layers),
        ImmutableMap.copyOf(tables),
        ImmutableMap.copyOf(nics));
  }

  private static Rib emptyRib() {
    return Rib.empty(new DecisionProcess(DecisionOptions.DEFAULT));
  }

  private static ResourceId hubOf(Topology topology, ResourceId speaker) {
    RouteServer routeServer = topology.routeServers().get(speaker);
    if (routeServer != null) {
      return routeServer
          .virtualNetwork()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "ribs: " + speaker + " (expected: a Route Server whose subnet is known)"));
    }
    VirtualNetworkGateway gateway = topology.gateways().get(speaker);
    checkArgument(
        gateway != null, "ribs: %s (expected: the id of a Route Server or a gateway)", speaker);
    checkArgument(
        topology.routeServerIn(gateway.virtualNetwork()).isEmpty(),
        "ribs: %s (expected: no gateway RIB in a VNet with a Route Server, whose RIB has its routes)",
        speaker);
    return gateway.virtualNetwork();
  }

  private static boolean isHub(Topology topology, ResourceId vnet) {
    return topology.routeServerIn(vnet).isPresent() || !topology.gatewaysIn(vnet).isEmpty();
  }

  /** The hub whose BGP routes reach {@code vnet}: itself, or the remote VNet it uses as gateway. */
  private static Optional<ResourceId> servingHub(Topology topology, VirtualNetwork vnet) {
    if (isHub(topology, vnet.id())) {
      return Optional.of(vnet.id());
    }
    for (VirtualNetworkPeering peering : vnet.peerings()) {
      if (peering.useRemoteGateways()
          && peering.connected()
          && isHub(topology, peering.remoteVirtualNetwork())
          && remoteAllowsTransit(topology, vnet.id(), peering.remoteVirtualNetwork())) {
        return Optional.of(peering.remoteVirtualNetwork());
      }
    }
    return Optional.empty();
  }

  private static boolean remoteAllowsTransit(Topology topology, ResourceId spoke, ResourceId hub) {
    return topology
        .virtualNetwork(hub)
        .flatMap(
            h ->
                h.peerings().stream()
                    .filter(p -> p.remoteVirtualNetwork().equals(spoke))
                    .findFirst())
        .map(VirtualNetworkPeering::allowGatewayTransit)
        .orElse(true);
  }

  /**
   * The effective routes after {@code speaker}'s RIB changed by {@code delta}, with the subnets
   * whose tables changed. Only the delta's prefixes are recomputed, and only the subnets served by
   * the speaker's hub are looked at.
   *
   * @throws IllegalArgumentException if {@code speaker} had no RIB in {@link #compute}
   */
  public EffectiveRoutesUpdate apply(ResourceId speaker, RibDelta delta) {
    ResourceId hub = hubOfSpeaker.get(speaker);
    checkArgument(hub != null, "speaker: %s (expected: one of %s)", speaker, hubOfSpeaker.keySet());
    List<Prefix> changed = new ArrayList<>();
    BgpLayer layer = layers.get(hub);
    BgpLayer next = hubs.get(hub).update(layer, delta, changed);
    if (changed.isEmpty()) {
      return new EffectiveRoutesUpdate(this, ImmutableSet.of());
    }
    Map<ResourceId, BgpLayer> nextLayers = new LinkedHashMap<>(layers);
    nextLayers.put(hub, next);
    Map<ResourceId, EffectiveRouteTable> nextTables = new LinkedHashMap<>(tables);
    ImmutableSet.Builder<ResourceId> touched = ImmutableSet.builder();
    for (EffectiveRouteTable table : tables.values()) {
      if (table.servedBy(hub)) {
        nextTables.put(table.subnet(), table.withLayer(next, changed));
        touched.add(table.subnet());
      }
    }
    return new EffectiveRoutesUpdate(
        new EffectiveRoutes(
            hubs,
            hubOfSpeaker,
            ImmutableMap.copyOf(nextLayers),
            ImmutableMap.copyOf(nextTables),
            subnetOfNic),
        touched.build());
  }

  /** Every subnet's table, in topology order. */
  public ImmutableMap<ResourceId, EffectiveRouteTable> tables() {
    return tables;
  }

  /** The table of {@code subnet}. */
  public Optional<EffectiveRouteTable> subnet(ResourceId subnet) {
    return Optional.ofNullable(tables.get(subnet));
  }

  /** The table of the NIC {@code nic}: its subnet's. */
  public Optional<EffectiveRouteTable> networkInterface(ResourceId nic) {
    return Optional.ofNullable(subnetOfNic.get(nic)).map(tables::get);
  }
}
