package io.github.routeserver.examples.config;

import static io.github.routeserver.examples.config.YamlNode.checkKeys;
import static io.github.routeserver.examples.config.YamlNode.fail;
import static io.github.routeserver.examples.config.YamlNode.parse;

import com.google.common.collect.ImmutableMap;
import io.github.routeserver.azure.model.BgpConnection;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteServer;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.model.VirtualNetworkGateway;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.rib.DecisionOptions;
import io.github.routeserver.core.rib.DecisionProcess;
import io.github.routeserver.core.rib.DecisionStep;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the routes that the BGP speakers of a topology learned from their peers, for computing
 * effective routes offline ({@code routeserver effective-routes --learned FILE}). The file is a
 * JSON list (YAML works too) of routes as the peers advertised them; {@code
 * config/learned-routes.json} is a sample:
 *
 * <pre>
 * [
 *   {"peer": "10.0.2.4", "prefix": "10.100.0.0/16", "asPath": "65001",
 *    "nextHop": "10.0.2.4", "communities": ["65001:100", "NO_ADVERTISE"]}
 * ]
 * </pre>
 *
 * <ul>
 *   <li>{@code peer} (required): the address of the peer that advertised the route, which says who
 *       learned it: the Route Server that has a BGP connection with that {@code peerIp}, or the
 *       Route Server in the VNet of the gateway whose BGP address it is, or, in a VNet without
 *       Route Server, that gateway. The first match in the topology wins. A Route Server's VNet
 *       must be in the topology, with no other Route Server in it, or its routes could not be
 *       placed.
 *   <li>{@code prefix} (required): IPv4 or IPv6.
 *   <li>{@code asPath}: as BGP prints it, {@code "65001 65002"}, sets in braces; empty by default.
 *   <li>{@code nextHop}: the NEXT_HOP; the peer's address by default.
 *   <li>{@code communities}: {@code ASN:VALUE} or well-known names such as {@code NO_ADVERTISE}.
 * </ul>
 *
 * <p>Every mistake is one {@link ConfigException} line with file, line, column and field.
 */
public final class LearnedRoutesReader {
  /** The decision process of the engine's AZURE profile: multipath through AS_PATH length. */
  private static final DecisionProcess AZURE_DECISION =
      new DecisionProcess(
          DecisionOptions.builder().multipathThrough(DecisionStep.AS_PATH_LENGTH).build());

  private static final List<String> ROUTE_KEYS =
      List.of("peer", "prefix", "asPath", "nextHop", "communities");

  /** Who learns the routes of one peer address: a Route Server or a gateway, and the peer's AS. */
  private record Learner(ResourceId speaker, long peerAsn, boolean internal) {}

  private final Map<IpAddress, Learner> learners = new LinkedHashMap<>();

  /** Route Servers whose routes cannot be placed in the topology, and why. */
  private final Map<ResourceId, String> unplaced = new LinkedHashMap<>();

  private LearnedRoutesReader(Topology topology) {
    for (RouteServer routeServer : topology.routeServers().values()) {
      placementProblem(topology, routeServer)
          .ifPresent(problem -> unplaced.put(routeServer.id(), problem));
      for (BgpConnection connection : routeServer.bgpConnections()) {
        learners.putIfAbsent(
            connection.peerIp(),
            new Learner(
                routeServer.id(), connection.peerAsn(), connection.peerAsn() == routeServer.asn()));
      }
    }
    for (VirtualNetworkGateway gateway : topology.gateways().values()) {
      Optional<RouteServer> routeServer = topology.routeServerIn(gateway.virtualNetwork());
      ResourceId speaker = routeServer.map(RouteServer::id).orElse(gateway.id());
      gateway
          .bgpSettings()
          .ifPresent(
              bgp ->
                  bgp.peeringAddresses()
                      .forEach(
                          address ->
                              learners.putIfAbsent(
                                  address,
                                  new Learner(
                                      speaker,
                                      bgp.asn(),
                                      routeServer.map(r -> r.asn() == bgp.asn()).orElse(false)))));
    }
  }

  /**
   * Why the routes {@code routeServer} learns have no place in {@code topology}, if they have none:
   * the validator only warns about such a Route Server, but {@code EffectiveRoutes.compute} needs
   * the one VNet its RIB is for.
   */
  private static Optional<String> placementProblem(Topology topology, RouteServer routeServer) {
    Optional<ResourceId> vnet =
        routeServer.virtualNetwork().filter(v -> topology.virtualNetwork(v).isPresent());
    if (vnet.isEmpty()) {
      return Optional.of(
          "whose VNet is not in the topology (expected: its ipConfigurations subnet and that"
              + " VNet)");
    }
    ResourceId first = topology.routeServerIn(vnet.get()).orElseThrow().id();
    return first.equals(routeServer.id())
        ? Optional.empty()
        : Optional.of(
            "in the VNet of Route Server " + first.name() + " (expected: one per VNet, FAQ)");
  }

  /** Reads {@code path}; the RIBs are keyed as {@code EffectiveRoutes.compute} wants them. */
  public static ImmutableMap<ResourceId, Rib> read(Path path, Topology topology)
      throws ConfigException {
    return new LearnedRoutesReader(topology).bind(YamlDocument.read(path).root());
  }

  /** Reads {@code text}, named {@code file} in errors. */
  public static ImmutableMap<ResourceId, Rib> read(String file, String text, Topology topology)
      throws ConfigException {
    return new LearnedRoutesReader(topology).bind(YamlDocument.parse(file, text).root());
  }

  private ImmutableMap<ResourceId, Rib> bind(YamlNode root) throws ConfigException {
    if (!root.json.isArray()) {
      throw fail(root, "expected a list of routes");
    }
    Map<ResourceId, Rib.Editor> editors = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (YamlNode entry : root.list()) {
      checkKeys(entry, ROUTE_KEYS);
      YamlNode peerNode = entry.required("peer");
      IpAddress peer = parse(peerNode, IpAddress::parse);
      Learner learner = learners.get(peer);
      if (learner == null) {
        throw fail(
            peerNode,
            peer
                + " is not a BGP peer in the topology (expected: the peerIp of a Route Server's"
                + " bgpConnections, or a BGP address of a gateway)");
      }
      String unplacedBecause = unplaced.get(learner.speaker());
      if (unplacedBecause != null) {
        throw fail(
            peerNode,
            peer
                + " is a BGP peer of Route Server "
                + learner.speaker().name()
                + ", "
                + unplacedBecause);
      }
      YamlNode prefixNode = entry.required("prefix");
      Prefix prefix = parse(prefixNode, Prefix::parse);
      if (!seen.add(peer + " " + prefix)) {
        throw fail(prefixNode, peer + " advertised " + prefix + " before in this file");
      }
      PathAttributes.Builder attributes =
          PathAttributes.builder()
              .asPath(
                  entry.has("asPath") ? parse(entry.child("asPath"), AsPath::parse) : AsPath.EMPTY)
              .nextHop(
                  entry.has("nextHop") ? parse(entry.child("nextHop"), IpAddress::parse) : peer);
      for (YamlNode community : entry.child("communities").list()) {
        attributes.addCommunity(parse(community, Community::parse));
      }
      RouteSource source =
          new RouteSource(
              new PeerId(peer),
              learner.peerAsn(),
              peer.isIpv4() ? peer : IpAddress.ofIpv4(0),
              learner.internal());
      Route route = YamlNode.build(entry, () -> Route.of(prefix, source, attributes.build()));
      editors
          .computeIfAbsent(learner.speaker(), speaker -> Rib.empty(AZURE_DECISION).editor())
          .announce(route);
    }
    ImmutableMap.Builder<ResourceId, Rib> ribs = ImmutableMap.builder();
    editors.forEach((speaker, editor) -> ribs.put(speaker, editor.commit().after()));
    return ribs.build();
  }
}
