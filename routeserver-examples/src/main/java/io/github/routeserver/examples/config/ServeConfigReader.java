package io.github.routeserver.examples.config;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static io.github.routeserver.examples.config.YamlNode.bool;
import static io.github.routeserver.examples.config.YamlNode.build;
import static io.github.routeserver.examples.config.YamlNode.checkKeys;
import static io.github.routeserver.examples.config.YamlNode.choice;
import static io.github.routeserver.examples.config.YamlNode.fail;
import static io.github.routeserver.examples.config.YamlNode.failAtKey;
import static io.github.routeserver.examples.config.YamlNode.name;
import static io.github.routeserver.examples.config.YamlNode.number;
import static io.github.routeserver.examples.config.YamlNode.parse;
import static io.github.routeserver.examples.config.YamlNode.text;
import static io.github.routeserver.examples.config.YamlNode.warning;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.azure.arm.ArmTopologyReader;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.RouteServer;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.routing.TopologyValidator;
import io.github.routeserver.bgp.fsm.FsmConfig;
import io.github.routeserver.bgp.session.PrefixLimit;
import io.github.routeserver.bgp.session.SessionConfig;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.engine.PeerTemplate;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.AzureRouteServerPolicies;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.core.policy.Role;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.examples.output.EffectiveRoutesDirectory;
import io.github.routeserver.netty.PeerEndpoint;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Reads the {@code serve} daemon's YAML configuration (see {@code config/routeserver.yaml} for a
 * commented sample). Unknown keys, missing keys, wrong types, duplicate peers and unset password
 * variables are each one {@link ConfigException} line naming file, line, column and field; nothing
 * is started until the whole file has been read. With the {@code azure} profile, a local AS other
 * than 65515 is such an error too, and settings that Azure Route Server would refuse or does not
 * use (a peer AS it refuses, a hold time other than 180 s) are {@linkplain ServeConfig#warnings()
 * warnings} in the same shape.
 */
public final class ServeConfigReader {
  private static final List<String> ROOT_KEYS =
      List.of("asn", "routerId", "listen", "profile", "peers", "templates", "policies", "azure");
  private static final List<String> PEER_KEYS =
      List.of(
          "name",
          "address",
          "asn",
          "passive",
          "port",
          "holdTime",
          "maxPrefixes",
          "md5PasswordEnv",
          "gtsmHops",
          "role",
          "groups",
          "gracefulRestart");
  private static final List<String> TEMPLATE_KEYS =
      List.of("name", "range", "asn", "groups", "maxPeers", "holdTime", "maxPrefixes");

  /** Azure Route Server's hold time (FAQ: keepalive 60 s, hold 180 s). */
  private static final int AZURE_HOLD_TIME = 180;

  private final Function<String, String> environment;
  private final Path directory;
  private final List<String> warnings = new ArrayList<>();

  private ServeConfigReader(Function<String, String> environment, Path directory) {
    this.environment = environment;
    this.directory = directory;
  }

  /**
   * Reads {@code path}, taking TCP MD5 passwords from the process environment and resolving the
   * relative paths it names against its own directory.
   */
  public static ServeConfig read(Path path) throws ConfigException {
    Path directory = path.toAbsolutePath().getParent();
    return new ServeConfigReader(System::getenv, directory).bind(YamlDocument.read(path).root());
  }

  /**
   * Reads {@code yaml}, named {@code file} in errors, with {@code environment} for passwords;
   * relative paths are resolved against the working directory.
   */
  public static ServeConfig read(String file, String yaml, Function<String, String> environment)
      throws ConfigException {
    return new ServeConfigReader(environment, Path.of("").toAbsolutePath())
        .bind(YamlDocument.parse(file, yaml).root());
  }

  private ServeConfig bind(YamlNode root) throws ConfigException {
    checkKeys(root, ROOT_KEYS);
    YamlNode asnNode = root.required("asn");
    long asn = number(asnNode, 1, 0xFFFF_FFFFL);
    IpAddress routerId = parse(root.required("routerId"), ServeConfigReader::ipv4);
    RouteServerProfile profile =
        root.has("profile")
            ? choice(root.child("profile"), RouteServerProfile.class)
            : RouteServerProfile.TRANSPARENT;
    if (profile == RouteServerProfile.AZURE && asn != RouteServerProfile.AZURE_ASN) {
      throw fail(
          asnNode,
          asn + " (expected: 65515 with 'profile: azure', the AS of every Azure Route Server)");
    }
    InetSocketAddress listen = listen(root.child("listen"));
    ImmutableList.Builder<PeerEndpoint> peers = ImmutableList.builder();
    Set<PeerId> seen = new HashSet<>();
    for (YamlNode peer : root.child("peers").list()) {
      PeerEndpoint endpoint = peer(peer, asn, routerId, profile);
      if (!seen.add(endpoint.peer().id())) {
        throw fail(peer.child("address"), "peer " + endpoint.peer().id() + " is configured twice");
      }
      peers.add(endpoint);
    }
    List<DynamicSessions> templates = new ArrayList<>();
    for (YamlNode template : root.child("templates").list()) {
      checkKeys(template, TEMPLATE_KEYS);
      ImmutableSet<String> groups = groups(template.child("groups"));
      templates.add(
          new DynamicSessions(
              new PeerTemplate(
                  name(template.required("name")),
                  parse(template.required("range"), Prefix::parse),
                  peerAsn(template.required("asn"), profile, groups),
                  groups,
                  template.has("maxPeers")
                      ? (int) number(template.child("maxPeers"), 1, Integer.MAX_VALUE)
                      : PeerTemplate.DEFAULT_MAX_PEERS),
              sessionOptions(template, profile, groups)));
    }
    PeerPolicies policies =
        root.has("policies")
            ? PolicyConfigReader.read(root.child("policies")).peerPolicies()
            : PeerPolicies.builder().build();
    Optional<ServeConfig.AzureOutput> azure =
        root.has("azure") ? Optional.of(azure(root.child("azure"), profile)) : Optional.empty();
    return new ServeConfig(
        asn,
        routerId,
        listen,
        profile,
        peers.build(),
        templates.stream().map(DynamicSessions::template).collect(toImmutableList()),
        dynamicSessions(List.copyOf(templates), asn, routerId),
        policies,
        azure,
        ImmutableList.copyOf(warnings));
  }

  /**
   * A template and the options its entry sets for the sessions of the peers it admits.
   *
   * @param template the template
   * @param options the options, applied to {@link #session}'s builder
   */
  private record DynamicSessions(
      PeerTemplate template, UnaryOperator<SessionConfig.Builder> options) {}

  /**
   * The sessions of dynamic peers: like a configured passive peer's, with the options of the
   * template that admitted the peer, which is the first whose range holds its address (as {@link
   * io.github.routeserver.core.engine.RouteServer#peerFor} chooses, the templates being added in
   * file order).
   */
  private static Function<PeerConfig, SessionConfig> dynamicSessions(
      List<DynamicSessions> templates, long localAsn, IpAddress routerId) {
    return peer -> {
      for (DynamicSessions template : templates) {
        if (template.template().range().contains(peer.id().address())) {
          return template
              .options()
              .apply(session(peer, localAsn, routerId, FsmConfig.ConnectMode.LISTEN_ONLY))
              .build();
        }
      }
      throw new IllegalArgumentException(
          "peer: " + peer.id() + " (expected: inside the range of a template)");
    };
  }

  /** The session with {@code peer}, before the options its entry sets. */
  private static SessionConfig.Builder session(
      PeerConfig peer, long localAsn, IpAddress routerId, FsmConfig.ConnectMode connectMode) {
    return SessionConfig.builder(peer.id(), localAsn, routerId)
        .name(peer.name())
        .peerAs(peer.asn())
        .families(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST)
        .fsm(f -> f.connectMode(connectMode));
  }

  /**
   * The options that {@code node}, a peer or a template whose peers are in {@code groups}, sets for
   * its sessions under {@code profile}: hold time and prefix limit; with the {@code azure} profile
   * also IPv4 unicast alone, since Azure Route Server takes no IPv6 NLRI (FAQ).
   */
  private UnaryOperator<SessionConfig.Builder> sessionOptions(
      YamlNode node, RouteServerProfile profile, ImmutableSet<String> groups)
      throws ConfigException {
    OptionalInt holdTime = holdTime(node, profile);
    Optional<PrefixLimit> prefixLimit = prefixLimit(node, profile, groups);
    boolean ipv4Only = profile == RouteServerProfile.AZURE;
    return session -> {
      if (ipv4Only) {
        session.families(AfiSafi.IPV4_UNICAST);
      }
      holdTime.ifPresent(session::holdTime);
      prefixLimit.ifPresent(
          limit ->
              session
                  .prefixLimit(AfiSafi.IPV4_UNICAST, limit)
                  .prefixLimit(AfiSafi.IPV6_UNICAST, limit));
      return session;
    };
  }

  /**
   * The prefix limit of the sessions of {@code node}, a peer or a template whose peers are in
   * {@code groups}. With the {@code azure} profile, routes are counted as Azure Route Server counts
   * them (those held plus those in the UPDATE), and NVAs get its limit, {@link
   * PrefixLimit#AZURE_MAXIMUM}, unless {@code maxPrefixes} says otherwise; the VNet's gateways get
   * none by default, as Azure documents its limit for NVA peers.
   */
  private static Optional<PrefixLimit> prefixLimit(
      YamlNode node, RouteServerProfile profile, ImmutableSet<String> groups)
      throws ConfigException {
    boolean azure = profile == RouteServerProfile.AZURE;
    if (node.has("maxPrefixes")) {
      long maximum = number(node.child("maxPrefixes"), 1, Integer.MAX_VALUE);
      return Optional.of(azure ? PrefixLimit.azure(maximum) : PrefixLimit.tearDown(maximum));
    }
    return azure && !AzureRouteServerPolicies.isGateway(groups)
        ? Optional.of(PrefixLimit.azure(PrefixLimit.AZURE_MAXIMUM))
        : Optional.empty();
  }

  /**
   * The hold time of the sessions of {@code node}, a peer or a template: its {@code holdTime} (0,
   * or 3 to 65535 seconds), else with the {@code azure} profile Azure Route Server's 180 s, else
   * the session's default. With that profile, a hold time other than 180 s is a warning.
   */
  private OptionalInt holdTime(YamlNode node, RouteServerProfile profile) throws ConfigException {
    boolean azure = profile == RouteServerProfile.AZURE;
    if (!node.has("holdTime")) {
      return azure ? OptionalInt.of(AZURE_HOLD_TIME) : OptionalInt.empty();
    }
    YamlNode holdTime = node.child("holdTime");
    long seconds = number(holdTime, 0, 65535);
    if (seconds == 1 || seconds == 2) {
      throw fail(holdTime, "1 and 2 are not allowed (RFC 4271 section 4.2: 0 or at least 3)");
    }
    if (azure && seconds != AZURE_HOLD_TIME) {
      warnings.add(
          warning(
              holdTime,
              seconds
                  + " s, where Azure Route Server uses 180 s (FAQ: keepalive 60 s, hold 180 s)"));
    }
    return OptionalInt.of((int) seconds);
  }

  /**
   * The AS of {@code node}'s peer or template, whose peers are in {@code groups}. With the {@code
   * azure} profile, an AS that Azure Route Server refuses from an NVA ({@link
   * TopologyValidator#peerAsnProblem}) is a warning; the VNet's gateways share its AS 65515.
   */
  private long peerAsn(YamlNode node, RouteServerProfile profile, Set<String> groups)
      throws ConfigException {
    long asn = number(node, 1, 0xFFFF_FFFFL);
    if (profile == RouteServerProfile.AZURE && !AzureRouteServerPolicies.isGateway(groups)) {
      TopologyValidator.peerAsnProblem(asn)
          .ifPresent(problem -> warnings.add(warning(node, problem)));
    }
    return asn;
  }

  private ServeConfig.AzureOutput azure(YamlNode azure, RouteServerProfile profile)
      throws ConfigException {
    checkKeys(azure, List.of("topology", "output"));
    if (profile != RouteServerProfile.AZURE) {
      throw failAtKey(
          azure, "needs 'profile: azure' (the effective routes are Azure Route Server's)");
    }
    YamlNode topologyNode = azure.required("topology");
    Path file = directory.resolve(text(topologyNode));
    if (!Files.isRegularFile(file)) {
      throw fail(topologyNode, "no such file: " + file);
    }
    Topology topology = ArmTopologyReader.create().read(List.of(file));
    if (topology.routeServers().size() != 1) {
      throw fail(
          topologyNode,
          file.getFileName()
              + " has "
              + topology.routeServers().size()
              + " Route Servers (expected: exactly one, the one this daemon is)");
    }
    RouteServer routeServer = topology.routeServers().values().iterator().next();
    if (routeServer.virtualNetwork().flatMap(topology::virtualNetwork).isEmpty()) {
      throw fail(
          topologyNode,
          "the VNet of Route Server "
              + routeServer.id().name()
              + " is not in "
              + file.getFileName()
              + " (expected: its ipConfigurations subnet and that VNet)");
    }
    Map<String, ResourceId> files = new HashMap<>();
    for (ResourceId subnet : topology.subnets().keySet()) {
      ResourceId other = files.put(EffectiveRoutesDirectory.fileName(subnet), subnet);
      if (other != null) {
        throw fail(
            topologyNode,
            "subnets "
                + other
                + " and "
                + subnet
                + " would share the output file "
                + EffectiveRoutesDirectory.fileName(subnet));
      }
    }
    YamlNode outputNode = azure.required("output");
    Path output = directory.resolve(text(outputNode));
    if (Files.exists(output) && !Files.isDirectory(output)) {
      throw fail(outputNode, output + " is not a directory");
    }
    return new ServeConfig.AzureOutput(topology, routeServer.id(), output);
  }

  private static InetSocketAddress listen(YamlNode listen) throws ConfigException {
    checkKeys(listen, List.of("address", "port"));
    IpAddress address =
        listen.has("address")
            ? parse(listen.child("address"), IpAddress::parse)
            : IpAddress.parse("0.0.0.0");
    int port = listen.has("port") ? (int) number(listen.child("port"), 0, 65535) : 179;
    return new InetSocketAddress(address.toInetAddress(), port);
  }

  private PeerEndpoint peer(
      YamlNode peer, long localAsn, IpAddress routerId, RouteServerProfile profile)
      throws ConfigException {
    checkKeys(peer, PEER_KEYS);
    IpAddress address = parse(peer.required("address"), IpAddress::parse);
    ImmutableSet<String> groups = groups(peer.child("groups"));
    long asn = peerAsn(peer.required("asn"), profile, groups);
    String name = peer.has("name") ? name(peer.child("name")) : address.toString();
    boolean passive = peer.has("passive") && bool(peer.child("passive"));
    int port = peer.has("port") ? (int) number(peer.child("port"), 1, 65535) : 179;
    PeerConfig.Builder config =
        PeerConfig.builder()
            .name(name)
            .id(new PeerId(address))
            .asn(asn)
            .groups(groups.toArray(String[]::new));
    if (peer.has("role")) {
      config.role(choice(peer.child("role"), Role.class));
    }
    PeerConfig peerConfig = build(peer, config::build);
    SessionConfig.Builder session =
        sessionOptions(peer, profile, groups)
            .apply(
                session(
                    peerConfig,
                    localAsn,
                    routerId,
                    passive ? FsmConfig.ConnectMode.LISTEN_ONLY : FsmConfig.ConnectMode.ACTIVE));
    if (peer.has("gracefulRestart")) {
      long seconds = number(peer.child("gracefulRestart"), 0, 4095);
      // A route server forwards no traffic of its own: its forwarding state always survives.
      session.gracefulRestart(seconds == 0 ? null : Duration.ofSeconds(seconds), true);
    }
    Optional<String> md5 = Optional.empty();
    if (peer.has("md5PasswordEnv")) {
      YamlNode variable = peer.child("md5PasswordEnv");
      String value = environment.apply(text(variable));
      if (value == null || value.isEmpty()) {
        throw fail(variable, "environment variable '" + text(variable) + "' is not set");
      }
      md5 = Optional.of(value);
    }
    Optional<String> password = md5;
    OptionalInt gtsmHops =
        peer.has("gtsmHops")
            ? OptionalInt.of((int) number(peer.child("gtsmHops"), 1, 255))
            : OptionalInt.empty();
    return build(
        peer,
        () ->
            new PeerEndpoint(
                peerConfig, session.build(), port, Optional.empty(), password, gtsmHops));
  }

  private static ImmutableSet<String> groups(YamlNode groups) throws ConfigException {
    ImmutableSet.Builder<String> names = ImmutableSet.builder();
    for (YamlNode group : groups.list()) {
      names.add(name(group));
    }
    return names.build();
  }

  private static IpAddress ipv4(String text) {
    IpAddress address = IpAddress.parse(text);
    if (!address.isIpv4()) {
      throw new IllegalArgumentException("'" + text + "' (expected: an IPv4 address)");
    }
    return address;
  }
}
