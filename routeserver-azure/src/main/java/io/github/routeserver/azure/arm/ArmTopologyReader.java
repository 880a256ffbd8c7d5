package io.github.routeserver.azure.arm;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.azure.model.BgpConnection;
import io.github.routeserver.azure.model.BgpSettings;
import io.github.routeserver.azure.model.GatewayConnection;
import io.github.routeserver.azure.model.GatewayType;
import io.github.routeserver.azure.model.LocalNetworkGateway;
import io.github.routeserver.azure.model.NetworkInterface;
import io.github.routeserver.azure.model.NextHopType;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteServer;
import io.github.routeserver.azure.model.RouteTable;
import io.github.routeserver.azure.model.ServiceEndpoint;
import io.github.routeserver.azure.model.ServiceTag;
import io.github.routeserver.azure.model.ServiceTags;
import io.github.routeserver.azure.model.Subnet;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.model.UserRoute;
import io.github.routeserver.azure.model.VirtualNetwork;
import io.github.routeserver.azure.model.VirtualNetworkGateway;
import io.github.routeserver.azure.model.VirtualNetworkPeering;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.AzureRouteServerPolicies.HubRoutingPreference;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Azure network resources from ARM JSON into a {@link Topology}. Accepted shapes, in any mix
 * across files:
 *
 * <ul>
 *   <li>an exported template: an object with a {@code resources} array (nested {@code resources} of
 *       a resource are its children); names and references may use {@code parameters()}, {@code
 *       variables()}, {@code concat()} and {@code resourceId()}, and ids are made in the scope
 *       given to {@link #withTemplateScope};
 *   <li>what {@code az network ... show} prints: one resource object with its {@code id};
 *   <li>what {@code az network ... list} prints (an array), or a REST list ({@code
 *       {"value":[...]}});
 *   <li>Azure's service tags file ({@code {"cloud": ..., "values": [...]}}).
 * </ul>
 *
 * <p>Resource types read: virtualNetworks (with subnets and virtualNetworkPeerings, inline or as
 * child resources), routeTables (and routes), virtualNetworkGateways, virtualHubs that are Route
 * Servers (kind {@code RouteServer}, or no {@code virtualWan}) with bgpConnections and
 * ipConfigurations, localNetworkGateways, connections and networkInterfaces. Other types are
 * skipped. What the input refers to must be in it: the virtual network or hub of a child resource,
 * the route table of a route or of a subnet. Every error is an {@link ArmReadException} naming
 * file, line, column and field. Immutable and thread-safe.
 */
public final class ArmTopologyReader {
  private static final String TEMPLATE_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
  private static final String TEMPLATE_RESOURCE_GROUP = "template";

  private final String subscriptionId;
  private final String resourceGroup;

  private ArmTopologyReader(String subscriptionId, String resourceGroup) {
    this.subscriptionId = subscriptionId;
    this.resourceGroup = resourceGroup;
  }

  /**
   * A reader that gives template resources ids in subscription {@code
   * 00000000-0000-0000-0000-000000000000}, resource group {@code template}.
   */
  public static ArmTopologyReader create() {
    return new ArmTopologyReader(TEMPLATE_SUBSCRIPTION, TEMPLATE_RESOURCE_GROUP);
  }

  /** A reader that gives template resources ids in {@code subscriptionId} and {@code group}. */
  public ArmTopologyReader withTemplateScope(String subscriptionId, String group) {
    return new ArmTopologyReader(subscriptionId, group);
  }

  /** Reads and merges {@code files}. */
  public Topology read(List<Path> files) {
    Drafts drafts = new Drafts();
    for (Path file : files) {
      String source = file.toString();
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new ArmReadException(source, 0, 0, "", "cannot read the file: " + e.getMessage());
      }
      drafts.addDocument(LocatedJson.parse(source, new StringReader(text)));
    }
    return drafts.build();
  }

  /** Reads one document from {@code reader}; {@code source} names it in errors. */
  public Topology read(String source, Reader reader) {
    Drafts drafts = new Drafts();
    drafts.addDocument(LocatedJson.parse(source, reader));
    return drafts.build();
  }

  /** The route table in {@code node} (what {@code GET .../routeTables/{name}} returns). */
  RouteTable routeTable(LocatedJson node, ResourceId id) {
    Drafts drafts = new Drafts();
    drafts.addResource(node, "microsoft.network/routetables", id);
    return drafts.routeTables.values().iterator().next().build();
  }

  /** The ARM names of hub routing preference (SPEC-VWAN enum {@code HubRoutingPreference}). */
  private static HubRoutingPreference hubRoutingPreference(LocatedJson node) {
    return switch (node.asText().toLowerCase(Locale.ROOT)) {
      case "expressroute" -> HubRoutingPreference.EXPRESS_ROUTE;
      case "vpngateway" -> HubRoutingPreference.VPN_GATEWAY;
      case "aspath" -> HubRoutingPreference.AS_PATH;
      default ->
          throw node.error(
              "", "'" + node.asText() + "' (expected: ExpressRoute, VpnGateway or ASPath)");
    };
  }

  private ResourceId id(LocatedJson resource) {
    String text = resource.require("id").asText();
    try {
      return ResourceId.of(text);
    } catch (IllegalArgumentException e) {
      throw resource.require("id").error("", e.getMessage());
    }
  }

  /** Mutable drafts of the resources read so far, joined into a topology at the end. */
  private final class Drafts {
    private final Map<ResourceId, VnetDraft> vnets = new LinkedHashMap<>();
    private final Map<ResourceId, Subnet> subnets = new LinkedHashMap<>();
    private final Map<ResourceId, LocatedJson> subnetNodes = new LinkedHashMap<>();
    private final Map<ResourceId, LocatedJson> peerings = new LinkedHashMap<>();
    private final Map<ResourceId, RouteTableDraft> routeTables = new LinkedHashMap<>();
    private final Map<ResourceId, LocatedJson> gateways = new LinkedHashMap<>();
    private final Map<ResourceId, RouteServerDraft> routeServers = new LinkedHashMap<>();
    private final Topology.Builder topology = Topology.builder();
    private final List<ServiceTag> serviceTags = new ArrayList<>();

    void addDocument(LocatedJson root) {
      if (root.isArray()) {
        root.items().forEach(this::addShown);
      } else if (root.field("resources").isPresent() && root.field("type").isEmpty()) {
        TemplateExpressions expressions =
            new TemplateExpressions(root, subscriptionId, resourceGroup);
        for (LocatedJson resource : root.array("resources")) {
          addTemplateResource(expressions.evaluateAll(resource), expressions, null, null);
        }
      } else if (root.field("cloud").isPresent() && root.field("values").isPresent()) {
        root.array("values").forEach(v -> serviceTags.add(serviceTag(v)));
      } else if (root.field("value").isPresent() && root.field("type").isEmpty()) {
        root.array("value").forEach(this::addShown);
      } else {
        addShown(root);
      }
    }

    private void addShown(LocatedJson resource) {
      String type = resource.require("type").asText().toLowerCase(Locale.ROOT);
      addResource(resource, type, id(resource));
    }

    private void addTemplateResource(
        LocatedJson resource,
        TemplateExpressions expressions,
        String parentType,
        String parentName) {
      String type = resource.require("type").asText();
      String name = resource.require("name").asText();
      if (parentType != null && type.indexOf('/') < 0) {
        type = parentType + "/" + type;
      }
      int depth = type.split("/").length - 1;
      if (parentName != null && name.split("/").length < depth) {
        name = parentName + "/" + name;
      }
      List<String> names = List.of(name.split("/", -1));
      if (names.size() != depth || names.contains("")) {
        throw resource
            .require("name")
            .error(
                "",
                "'"
                    + name
                    + "' (expected: "
                    + depth
                    + " non-empty names separated by / for type "
                    + type
                    + ")");
      }
      ResourceId id = ResourceId.of(expressions.resourceId(type, names));
      addResource(resource, type.toLowerCase(Locale.ROOT), id);
      for (LocatedJson child : resource.array("resources")) {
        addTemplateResource(child, expressions, type, name);
      }
    }

    void addResource(LocatedJson r, String type, ResourceId id) {
      switch (type) {
        case "microsoft.network/virtualnetworks" -> {
          VnetDraft vnet = vnets.computeIfAbsent(id, VnetDraft::new);
          vnet.location = r.text("location").orElse("");
          vnet.addressSpace = r.prefixes("properties.addressSpace.addressPrefixes");
          if (vnet.addressSpace.isEmpty()) {
            // Without it there are no VnetLocal routes and no VNet-overlap filter (INJ).
            throw r.require("properties.addressSpace.addressPrefixes")
                .error("", "empty (expected: the virtual network's address prefixes)");
          }
          vnet.source = r;
          for (LocatedJson s : r.array("properties.subnets")) {
            ResourceId subnetId = childId(s, id, "subnets");
            subnets.putIfAbsent(subnetId, subnet(s, subnetId));
            subnetNodes.putIfAbsent(subnetId, s);
          }
          for (LocatedJson p : r.array("properties.virtualNetworkPeerings")) {
            peerings.putIfAbsent(childId(p, id, "virtualNetworkPeerings"), p);
          }
        }
        case "microsoft.network/virtualnetworks/subnets" -> {
          subnets.put(id, subnet(r, id));
          subnetNodes.put(id, r);
        }
        case "microsoft.network/virtualnetworks/virtualnetworkpeerings" -> peerings.put(id, r);
        case "microsoft.network/routetables" -> {
          RouteTableDraft table = routeTables.computeIfAbsent(id, RouteTableDraft::new);
          table.source = r;
          table.location = r.text("location").orElse("");
          table.disableBgpRoutePropagation = r.bool("properties.disableBgpRoutePropagation", false);
          table.addListed(r.array("properties.routes"));
        }
        case "microsoft.network/routetables/routes" -> {
          RouteTableDraft table =
              routeTables.computeIfAbsent(parentOf(id, r), RouteTableDraft::new);
          // A template's top-level child resource is named table/route; the route is the last.
          String name = r.require("name").asText();
          name = name.substring(name.lastIndexOf('/') + 1);
          table.add(userRoute(r, name), r, true);
        }
        case "microsoft.network/virtualnetworkgateways" -> gateways.put(id, r);
        case "microsoft.network/virtualhubs" -> {
          String kind = r.text("kind").orElse("");
          boolean routeServer =
              kind.equalsIgnoreCase("RouteServer")
                  || (kind.isEmpty() && r.at("properties.virtualWan").isEmpty());
          if (routeServer) {
            RouteServerDraft hub = routeServers.computeIfAbsent(id, RouteServerDraft::new);
            hub.node = r;
            r.array("properties.bgpConnections").stream()
                .filter(c -> c.at("properties.peerIp").isPresent())
                .forEach(c -> hub.connections.put(childId(c, id, "bgpConnections"), c));
            r.array("properties.ipConfigurations").stream()
                .flatMap(c -> c.at("properties.subnet.id").stream())
                .forEach(subnet -> hub.subnet = subnet);
          }
        }
        case "microsoft.network/virtualhubs/bgpconnections" ->
            routeServers
                .computeIfAbsent(parentOf(id, r), RouteServerDraft::new)
                .connections
                .put(id, r);
        case "microsoft.network/virtualhubs/ipconfigurations" ->
            routeServers.computeIfAbsent(parentOf(id, r), RouteServerDraft::new).subnet =
                r.require("properties.subnet.id");
        case "microsoft.network/localnetworkgateways" ->
            topology.add(
                new LocalNetworkGateway(
                    id,
                    r.prefixes("properties.localNetworkAddressSpace.addressPrefixes"),
                    r.at("properties.gatewayIpAddress").map(LocatedJson::asAddress),
                    bgpSettings(r, "properties.bgpSettings")));
        case "microsoft.network/connections" ->
            topology.add(
                new GatewayConnection(
                    id,
                    reference(r.require("properties.virtualNetworkGateway1.id")),
                    r.at("properties.localNetworkGateway2.id").map(this::reference),
                    r.bool("properties.enableBgp", false)));
        case "microsoft.network/networkinterfaces" -> {
          ImmutableList<LocatedJson> configs = r.array("properties.ipConfigurations");
          LocatedJson primary =
              configs.stream()
                  .filter(c -> c.bool("properties.primary", false))
                  .findFirst()
                  .orElseGet(
                      () -> {
                        if (configs.isEmpty()) {
                          throw r.error("properties.ipConfigurations", "missing (expected: one)");
                        }
                        return configs.get(0);
                      });
          topology.add(
              new NetworkInterface(id, reference(primary.require("properties.subnet.id"))));
        }
        default -> {
          // Not a resource that shapes routing.
        }
      }
    }

    /** The parent of {@code child}, or an error at {@code node} when the id has none. */
    private static ResourceId parentOf(ResourceId child, LocatedJson node) {
      return child
          .parent()
          .orElseThrow(
              () -> node.error("id", "'" + child + "' (expected: the id of a child resource)"));
    }

    private ResourceId childId(LocatedJson child, ResourceId parent, String type) {
      if (child.field("id").isPresent()) {
        return reference(child.require("id"));
      }
      return parent.child(type, child.require("name").asText());
    }

    private ResourceId reference(LocatedJson idNode) {
      try {
        return ResourceId.of(idNode.asText());
      } catch (IllegalArgumentException e) {
        throw idNode.error("", e.getMessage());
      }
    }

    private Subnet subnet(LocatedJson s, ResourceId id) {
      ImmutableList<Prefix> prefixes = s.prefixes("properties.addressPrefixes");
      if (prefixes.isEmpty()) {
        prefixes = ImmutableList.of(s.require("properties.addressPrefix").asPrefix());
      }
      ImmutableList<ServiceEndpoint> endpoints =
          s.array("properties.serviceEndpoints").stream()
              .map(
                  e ->
                      new ServiceEndpoint(
                          e.require("service").asText(),
                          e.array("locations").stream()
                              .map(LocatedJson::asText)
                              .collect(ImmutableList.toImmutableList())))
              .collect(ImmutableList.toImmutableList());
      return new Subnet(
          id, prefixes, s.at("properties.routeTable.id").map(this::reference), endpoints);
    }

    /** The route in {@code route}, an inline route or a route resource, named {@code name}. */
    private UserRoute userRoute(LocatedJson route, String name) {
      if (name.isEmpty()) {
        throw route.require("name").error("", "empty (expected: the route's name)");
      }
      LocatedJson typeNode = route.require("properties.nextHopType");
      NextHopType type =
          NextHopType.ofArmName(typeNode.asText())
              .orElseThrow(
                  () ->
                      typeNode.error(
                          "",
                          "'"
                              + typeNode.asText()
                              + "' (expected: VirtualNetworkGateway, VnetLocal, Internet,"
                              + " VirtualAppliance or None)"));
      Optional<IpAddress> nextHop =
          route
              .at("properties.nextHopIpAddress")
              .filter(n -> !n.asText().isEmpty())
              .map(LocatedJson::asAddress);
      LocatedJson prefixNode = route.require("properties.addressPrefix");
      String prefix = prefixNode.asText();
      if (prefix.isEmpty()) {
        throw prefixNode.error("", "empty (expected: CIDR or service tag)");
      }
      if (!UserRoute.isDestination(prefix)) {
        throw prefixNode.error(
            "",
            "'"
                + prefix
                + "' is not a prefix (expected: CIDR, e.g. 10.0.0.0/16, or a service tag name,"
                + " e.g. Storage.WestEurope)");
      }
      return new UserRoute(name, prefix, type, nextHop);
    }

    private Optional<BgpSettings> bgpSettings(LocatedJson r, String path) {
      Optional<LocatedJson> settings = r.at(path);
      if (settings.isEmpty()) {
        return Optional.empty();
      }
      Set<IpAddress> addresses = new LinkedHashSet<>();
      settings
          .get()
          .text("bgpPeeringAddress")
          .ifPresent(
              list -> {
                for (String address : list.split(",")) {
                  if (!address.isBlank()) {
                    addresses.add(
                        settings
                            .get()
                            .require("bgpPeeringAddress")
                            .withString(address.trim())
                            .asAddress());
                  }
                }
              });
      for (LocatedJson peering : settings.get().array("bgpPeeringAddresses")) {
        peering.array("defaultBgpIpAddresses").forEach(a -> addresses.add(a.asAddress()));
      }
      long asn = settings.get().number("asn").orElse(0L);
      return Optional.of(new BgpSettings(asn, ImmutableList.copyOf(addresses)));
    }

    private ServiceTag serviceTag(LocatedJson v) {
      return new ServiceTag(
          v.require("name").asText(),
          v.text("properties.region").orElse(""),
          v.text("properties.systemService").orElse(""),
          v.prefixes("properties.addressPrefixes").stream()
              .filter(Prefix::isIpv4)
              .collect(ImmutableList.toImmutableList()));
    }

    Topology build() {
      for (Map.Entry<ResourceId, Subnet> s : subnets.entrySet()) {
        LocatedJson node = subnetNodes.get(s.getKey());
        vnetOf(s.getKey(), node, "subnet").subnets.add(s.getValue());
        s.getValue().routeTable().ifPresent(table -> checkRouteTableRead(table, node));
      }
      for (Map.Entry<ResourceId, LocatedJson> p : peerings.entrySet()) {
        vnetOf(p.getKey(), p.getValue(), "peering").peerings.add(p);
      }
      for (VnetDraft vnet : vnets.values()) {
        topology.add(vnet.build());
      }
      for (RouteTableDraft table : routeTables.values()) {
        if (table.source == null) {
          throw table
              .routes
              .values()
              .iterator()
              .next()
              .node()
              .error("", "a route of route table " + table.id + ", which is not in the input");
        }
        topology.add(table.build());
      }
      for (Map.Entry<ResourceId, LocatedJson> g : gateways.entrySet()) {
        topology.add(gateway(g.getKey(), g.getValue()));
      }
      for (RouteServerDraft hub : routeServers.values()) {
        topology.add(hub.build());
      }
      if (!serviceTags.isEmpty()) {
        topology.serviceTags(ServiceTags.of(serviceTags));
      }
      return topology.build();
    }

    private VnetDraft vnetOf(ResourceId child, LocatedJson node, String what) {
      ResourceId parent = parentOf(child, node);
      VnetDraft vnet = vnets.get(parent);
      if (vnet == null || vnet.source == null) {
        throw node.error(
            "",
            what
                + " "
                + child.name()
                + " of virtual network "
                + parent
                + ", which is not in the input");
      }
      return vnet;
    }

    /**
     * Checks that {@code table}, the route table of the subnet read from {@code subnet}, was read
     * too: without it the subnet would silently lose its UDRs and get BGP routes it may disable.
     */
    private void checkRouteTableRead(ResourceId table, LocatedJson subnet) {
      RouteTableDraft draft = routeTables.get(table);
      if (draft == null || draft.source == null) {
        throw subnet
            .require("properties.routeTable.id")
            .error("", "route table " + table + " is not in the input");
      }
    }

    private VirtualNetworkGateway gateway(ResourceId id, LocatedJson g) {
      LocatedJson typeNode = g.require("properties.gatewayType");
      GatewayType type;
      if (typeNode.asText().equalsIgnoreCase("Vpn")) {
        type = GatewayType.VPN;
      } else if (typeNode.asText().equalsIgnoreCase("ExpressRoute")) {
        type = GatewayType.EXPRESS_ROUTE;
      } else {
        throw typeNode.error("", "'" + typeNode.asText() + "' (expected: Vpn or ExpressRoute)");
      }
      LocatedJson subnet =
          g.array("properties.ipConfigurations").stream()
              .flatMap(c -> c.at("properties.subnet.id").stream())
              .findFirst()
              .orElseThrow(
                  () ->
                      g.error(
                          "properties.ipConfigurations",
                          "no subnet.id (expected: the gateway's GatewaySubnet)"));
      return new VirtualNetworkGateway(
          id,
          type,
          reference(subnet).parent().orElseThrow(() -> subnet.error("", "not a subnet id")),
          g.bool("properties.activeActive", false),
          type == GatewayType.EXPRESS_ROUTE || g.bool("properties.enableBgp", false),
          bgpSettings(g, "properties.bgpSettings"));
    }

    private final class VnetDraft {
      final ResourceId id;
      String location = "";
      ImmutableList<Prefix> addressSpace = ImmutableList.of();
      LocatedJson source;
      final List<Subnet> subnets = new ArrayList<>();
      final List<Map.Entry<ResourceId, LocatedJson>> peerings = new ArrayList<>();

      VnetDraft(ResourceId id) {
        this.id = id;
      }

      VirtualNetwork build() {
        ImmutableList.Builder<VirtualNetworkPeering> built = ImmutableList.builder();
        for (Map.Entry<ResourceId, LocatedJson> entry : peerings) {
          LocatedJson p = entry.getValue();
          ResourceId remote = reference(p.require("properties.remoteVirtualNetwork.id"));
          ImmutableList<Prefix> remoteSpace =
              p.prefixes("properties.remoteAddressSpace.addressPrefixes");
          if (remoteSpace.isEmpty() && vnets.containsKey(remote)) {
            remoteSpace = vnets.get(remote).addressSpace;
          }
          built.add(
              new VirtualNetworkPeering(
                  entry.getKey(),
                  remote,
                  remoteSpace,
                  p.bool("properties.allowGatewayTransit", false),
                  p.bool("properties.useRemoteGateways", false),
                  p.text("properties.peeringState")
                      .orElse("Connected")
                      .equalsIgnoreCase("Connected")));
        }
        return new VirtualNetwork(
            id, location, addressSpace, ImmutableList.copyOf(subnets), built.build());
      }
    }

    /** A route, the node it was read from, and whether that is a routeTables/routes resource. */
    private record RouteRead(UserRoute route, LocatedJson node, boolean resource) {}

    private final class RouteTableDraft {
      final ResourceId id;
      LocatedJson source;
      String location = "";
      boolean disableBgpRoutePropagation;

      /** The routes by name in lower case: ARM names ignore case. */
      final Map<String, RouteRead> routes = new LinkedHashMap<>();

      RouteTableDraft(ResourceId id) {
        this.id = id;
      }

      /** Adds the routes of one {@code properties.routes} list, whose names must differ. */
      void addListed(List<LocatedJson> listed) {
        Map<String, LocatedJson> names = new HashMap<>();
        for (LocatedJson node : listed) {
          String name = node.require("name").asText();
          LocatedJson first = names.putIfAbsent(name.toLowerCase(Locale.ROOT), node);
          if (first != null) {
            throw again(node, name, first);
          }
          add(userRoute(node, name), node, false);
        }
      }

      /**
       * Adds {@code route}, read from {@code node}. A route read before under the same name must
       * come from elsewhere (listed inline, where this one is a resource, or the other way round;
       * or from another copy of the table) and be the same route, which is then kept once.
       */
      void add(UserRoute route, LocatedJson node, boolean resource) {
        RouteRead first =
            routes.putIfAbsent(
                route.name().toLowerCase(Locale.ROOT), new RouteRead(route, node, resource));
        if (first == null) {
          return;
        }
        if (resource && first.resource()) {
          throw again(node, route.name(), first.node());
        }
        UserRoute kept = first.route();
        if (!kept.addressPrefix().equals(route.addressPrefix())
            || kept.nextHopType() != route.nextHopType()
            || !kept.nextHopIpAddress().equals(route.nextHopIpAddress())) {
          throw node.require("name")
              .error(
                  "",
                  "route '"
                      + route.name()
                      + "' differs from the route of that name at "
                      + first.node().where()
                      + " (expected: the same route wherever the table's route is given)");
        }
      }

      /** The error for a second route named {@code name}, at {@code node}. */
      private ArmReadException again(LocatedJson node, String name, LocatedJson first) {
        return node.require("name")
            .error(
                "",
                "route '"
                    + name
                    + "' is already in route table "
                    + id
                    + " at "
                    + first.where()
                    + " (expected: route names unique in a table, ignoring case)");
      }

      RouteTable build() {
        return new RouteTable(
            id,
            location,
            routes.values().stream().map(RouteRead::route).collect(ImmutableList.toImmutableList()),
            disableBgpRoutePropagation);
      }
    }

    private final class RouteServerDraft {
      final ResourceId id;
      LocatedJson node;
      LocatedJson subnet;
      final Map<ResourceId, LocatedJson> connections = new LinkedHashMap<>();

      RouteServerDraft(ResourceId id) {
        this.id = id;
      }

      RouteServer build() {
        if (node == null) {
          LocatedJson child =
              connections.isEmpty() ? subnet : connections.values().iterator().next();
          throw child.error("", "a child of virtual hub " + id + ", which is not in the input");
        }
        ImmutableList.Builder<BgpConnection> peers = ImmutableList.builder();
        connections.forEach(
            (cid, c) ->
                peers.add(
                    new BgpConnection(
                        cid,
                        c.require("properties.peerIp").asAddress(),
                        c.number("properties.peerAsn")
                            .orElseThrow(() -> c.error("properties.peerAsn", "missing")))));
        LocatedJson preference = node.at("properties.hubRoutingPreference").orElse(null);
        HubRoutingPreference hrp =
            preference == null
                ? HubRoutingPreference.EXPRESS_ROUTE
                : hubRoutingPreference(preference);
        return new RouteServer(
            id,
            subnet == null ? Optional.empty() : Optional.of(reference(subnet)),
            node.number("properties.virtualRouterAsn").orElse(65515L),
            node.array("properties.virtualRouterIps").stream()
                .map(LocatedJson::asAddress)
                .collect(ImmutableList.toImmutableList()),
            node.bool("properties.allowBranchToBranchTraffic", false),
            hrp,
            peers.build());
      }
    }
  }
}
