package io.github.routeserver.azure.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Azure network resources that shape routing, as one immutable value: virtual networks (with
 * subnets and peerings), route tables, gateways, Route Servers (with their BGP connections), local
 * network gateways, connections and NICs, plus the service tags that give service-endpoint
 * prefixes. Build one with {@link #builder()}, or read one from ARM JSON.
 */
public final class Topology {
  private final ImmutableMap<ResourceId, VirtualNetwork> virtualNetworks;
  private final ImmutableMap<ResourceId, RouteTable> routeTables;
  private final ImmutableMap<ResourceId, VirtualNetworkGateway> gateways;
  private final ImmutableMap<ResourceId, RouteServer> routeServers;
  private final ImmutableMap<ResourceId, LocalNetworkGateway> localNetworkGateways;
  private final ImmutableMap<ResourceId, GatewayConnection> connections;
  private final ImmutableMap<ResourceId, NetworkInterface> networkInterfaces;
  private final ImmutableMap<ResourceId, Subnet> subnets;
  private final ServiceTags serviceTags;

  private Topology(Builder b) {
    this.virtualNetworks = ImmutableMap.copyOf(b.virtualNetworks);
    this.routeTables = ImmutableMap.copyOf(b.routeTables);
    this.gateways = ImmutableMap.copyOf(b.gateways);
    this.routeServers = ImmutableMap.copyOf(b.routeServers);
    this.localNetworkGateways = ImmutableMap.copyOf(b.localNetworkGateways);
    this.connections = ImmutableMap.copyOf(b.connections);
    this.networkInterfaces = ImmutableMap.copyOf(b.networkInterfaces);
    ImmutableMap.Builder<ResourceId, Subnet> subnets = ImmutableMap.builder();
    virtualNetworks.values().forEach(v -> v.subnets().forEach(s -> subnets.put(s.id(), s)));
    this.subnets = subnets.buildKeepingLast();
    this.serviceTags = b.serviceTags;
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding everything this topology holds. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.virtualNetworks.putAll(virtualNetworks);
    b.routeTables.putAll(routeTables);
    b.gateways.putAll(gateways);
    b.routeServers.putAll(routeServers);
    b.localNetworkGateways.putAll(localNetworkGateways);
    b.connections.putAll(connections);
    b.networkInterfaces.putAll(networkInterfaces);
    b.serviceTags = serviceTags;
    return b;
  }

  /** The virtual networks by id, in the order they were added. */
  public ImmutableMap<ResourceId, VirtualNetwork> virtualNetworks() {
    return virtualNetworks;
  }

  /** Every subnet of every virtual network by id. */
  public ImmutableMap<ResourceId, Subnet> subnets() {
    return subnets;
  }

  /** The route tables by id. */
  public ImmutableMap<ResourceId, RouteTable> routeTables() {
    return routeTables;
  }

  /** The VPN and ExpressRoute gateways by id. */
  public ImmutableMap<ResourceId, VirtualNetworkGateway> gateways() {
    return gateways;
  }

  /** The Route Servers by id. */
  public ImmutableMap<ResourceId, RouteServer> routeServers() {
    return routeServers;
  }

  /** The local network gateways by id. */
  public ImmutableMap<ResourceId, LocalNetworkGateway> localNetworkGateways() {
    return localNetworkGateways;
  }

  /** The gateway connections by id. */
  public ImmutableMap<ResourceId, GatewayConnection> connections() {
    return connections;
  }

  /** The network interfaces by id. */
  public ImmutableMap<ResourceId, NetworkInterface> networkInterfaces() {
    return networkInterfaces;
  }

  /** The service tags that service endpoints and tag UDRs draw their prefixes from. */
  public ServiceTags serviceTags() {
    return serviceTags;
  }

  /** The virtual network {@code id}. */
  public Optional<VirtualNetwork> virtualNetwork(ResourceId id) {
    return Optional.ofNullable(virtualNetworks.get(id));
  }

  /** The gateways whose GatewaySubnet is in {@code virtualNetwork}. */
  public ImmutableList<VirtualNetworkGateway> gatewaysIn(ResourceId virtualNetwork) {
    return gateways.values().stream()
        .filter(g -> g.virtualNetwork().equals(virtualNetwork))
        .collect(ImmutableList.toImmutableList());
  }

  /** The Route Server in {@code virtualNetwork} (at most one per VNet, FAQ). */
  public Optional<RouteServer> routeServerIn(ResourceId virtualNetwork) {
    return routeServers.values().stream()
        .filter(r -> r.virtualNetwork().filter(virtualNetwork::equals).isPresent())
        .findFirst();
  }

  /** Builds a {@link Topology}; later additions with the same id replace earlier ones. */
  public static final class Builder {
    private final Map<ResourceId, VirtualNetwork> virtualNetworks = new LinkedHashMap<>();
    private final Map<ResourceId, RouteTable> routeTables = new LinkedHashMap<>();
    private final Map<ResourceId, VirtualNetworkGateway> gateways = new LinkedHashMap<>();
    private final Map<ResourceId, RouteServer> routeServers = new LinkedHashMap<>();
    private final Map<ResourceId, LocalNetworkGateway> localNetworkGateways = new LinkedHashMap<>();
    private final Map<ResourceId, GatewayConnection> connections = new LinkedHashMap<>();
    private final Map<ResourceId, NetworkInterface> networkInterfaces = new LinkedHashMap<>();
    private ServiceTags serviceTags = ServiceTags.EMPTY;

    private Builder() {}

    /** Adds a virtual network. */
    public Builder add(VirtualNetwork vnet) {
      virtualNetworks.put(vnet.id(), vnet);
      return this;
    }

    /** Adds a route table. */
    public Builder add(RouteTable table) {
      routeTables.put(table.id(), table);
      return this;
    }

    /** Adds a gateway. */
    public Builder add(VirtualNetworkGateway gateway) {
      gateways.put(gateway.id(), gateway);
      return this;
    }

    /** Adds a Route Server. */
    public Builder add(RouteServer routeServer) {
      routeServers.put(routeServer.id(), routeServer);
      return this;
    }

    /** Adds a local network gateway. */
    public Builder add(LocalNetworkGateway gateway) {
      localNetworkGateways.put(gateway.id(), gateway);
      return this;
    }

    /** Adds a gateway connection. */
    public Builder add(GatewayConnection connection) {
      connections.put(connection.id(), connection);
      return this;
    }

    /** Adds a network interface. */
    public Builder add(NetworkInterface nic) {
      networkInterfaces.put(nic.id(), nic);
      return this;
    }

    /** Adds every resource of {@code other}; its service tags replace these if it has any. */
    public Builder addAll(Topology other) {
      virtualNetworks.putAll(other.virtualNetworks);
      routeTables.putAll(other.routeTables);
      gateways.putAll(other.gateways);
      routeServers.putAll(other.routeServers);
      localNetworkGateways.putAll(other.localNetworkGateways);
      connections.putAll(other.connections);
      networkInterfaces.putAll(other.networkInterfaces);
      if (!other.serviceTags.tags().isEmpty()) {
        serviceTags = other.serviceTags;
      }
      return this;
    }

    /** Sets the service tags. */
    public Builder serviceTags(ServiceTags serviceTags) {
      this.serviceTags = serviceTags;
      return this;
    }

    /** The topology. */
    public Topology build() {
      return new Topology(this);
    }
  }
}
