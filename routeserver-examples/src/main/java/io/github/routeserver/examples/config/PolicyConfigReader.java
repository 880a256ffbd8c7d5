package io.github.routeserver.examples.config;

import static io.github.routeserver.examples.config.YamlNode.bool;
import static io.github.routeserver.examples.config.YamlNode.checkKeys;
import static io.github.routeserver.examples.config.YamlNode.choice;
import static io.github.routeserver.examples.config.YamlNode.fail;
import static io.github.routeserver.examples.config.YamlNode.failAtKey;
import static io.github.routeserver.examples.config.YamlNode.name;
import static io.github.routeserver.examples.config.YamlNode.number;
import static io.github.routeserver.examples.config.YamlNode.parse;
import static io.github.routeserver.examples.config.YamlNode.text;

import com.google.common.collect.ImmutableMap;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.Actions;
import io.github.routeserver.core.policy.AsnSet;
import io.github.routeserver.core.policy.AzureRouteServerPolicies;
import io.github.routeserver.core.policy.CommunitySet;
import io.github.routeserver.core.policy.Direction;
import io.github.routeserver.core.policy.Disposition;
import io.github.routeserver.core.policy.Matchers;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.core.policy.PolicySequence;
import io.github.routeserver.core.policy.PrefixRange;
import io.github.routeserver.core.policy.PrefixSet;
import io.github.routeserver.core.policy.RoaTable;
import io.github.routeserver.core.policy.Role;
import io.github.routeserver.core.policy.RouteAction;
import io.github.routeserver.core.policy.RouteMatcher;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.StandardPolicies;
import io.github.routeserver.core.policy.Term;
import io.github.routeserver.core.route.PeerId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a policy configuration from YAML (see {@code config/policies.yaml} for the shape), on its
 * own or as part of a larger configuration file, and binds it to the core's policy values. Every
 * error, whether YAML syntax, an unknown key, a wrong type or a dangling reference, is one {@link
 * ConfigException} line naming file, line, column and field.
 */
public final class PolicyConfigReader {
  private static final List<String> ROOT_KEYS =
      List.of(
          "prefix-sets",
          "community-sets",
          "as-path-sets",
          "roa-sets",
          "azure-route-server",
          "policies",
          "peers",
          "defaults");

  private final Map<String, PrefixSet> prefixSets = new LinkedHashMap<>();
  private final Map<String, CommunitySet> communitySets = new LinkedHashMap<>();
  private final Map<String, List<String>> asPathSets = new LinkedHashMap<>();
  private final Map<String, RoaTable> roaSets = new LinkedHashMap<>();
  private final Map<String, YamlNode> definitions = new LinkedHashMap<>();
  private final Map<String, RoutePolicy> policies = new LinkedHashMap<>();
  private final Set<String> resolving = new HashSet<>();
  private AzureRouteServerPolicies azure = AzureRouteServerPolicies.builder().build();

  private PolicyConfigReader() {}

  /** Reads {@code path}; errors name it as given. */
  public static PolicyConfig read(Path path) throws ConfigException {
    return read(YamlDocument.read(path).root());
  }

  /** Reads {@code yaml}; errors name it {@code file}. */
  public static PolicyConfig read(String file, String yaml) throws ConfigException {
    return read(YamlDocument.parse(file, yaml).root());
  }

  /** Reads the policy configuration at {@code node}, part of a larger configuration file. */
  static PolicyConfig read(YamlNode node) throws ConfigException {
    return new PolicyConfigReader().bind(node);
  }

  private PolicyConfig bind(YamlNode root) throws ConfigException {
    checkKeys(root, ROOT_KEYS);
    for (YamlNode entry : root.child("prefix-sets").entries()) {
      List<PrefixRange> ranges = new ArrayList<>();
      for (YamlNode range : entry.list()) {
        ranges.add(parse(range, PrefixRange::parse));
      }
      prefixSets.put(entry.key, PrefixSet.of(entry.key, ranges));
    }
    for (YamlNode entry : root.child("community-sets").entries()) {
      communitySets.put(entry.key, communitySet(entry, entry.key));
    }
    for (YamlNode entry : root.child("as-path-sets").entries()) {
      List<String> patterns = new ArrayList<>();
      for (YamlNode pattern : entry.list()) {
        patterns.add(text(pattern));
      }
      parse(entry, x -> Matchers.asPath(patterns.toArray(new String[0])));
      asPathSets.put(entry.key, patterns);
    }
    for (YamlNode entry : root.child("roa-sets").entries()) {
      List<RoaTable.Roa> roas = new ArrayList<>();
      for (YamlNode roa : entry.list()) {
        checkKeys(roa, List.of("prefix", "max-length", "asn"));
        Prefix prefix = parse(roa.required("prefix"), Prefix::parse);
        int maxLength =
            roa.has("max-length") ? (int) number(roa.child("max-length"), 0, 128) : prefix.length();
        long asn = number(roa.required("asn"), 0, 0xFFFF_FFFFL);
        roas.add(parse(roa, x -> new RoaTable.Roa(prefix, maxLength, asn)));
      }
      roaSets.put(entry.key, RoaTable.of(entry.key, roas));
    }
    if (root.has("azure-route-server")) {
      azure = azure(root.child("azure-route-server"));
    }
    for (YamlNode entry : root.child("policies").entries()) {
      if (builtIn(entry.key) != null) {
        throw failAtKey(entry, "'" + entry.key + "' is the name of a built-in policy");
      }
      definitions.put(entry.key, entry);
    }
    for (YamlNode entry : root.child("policies").entries()) {
      resolve(entry.key, entry);
    }
    PeerPolicies.Builder peers = PeerPolicies.builder();
    for (YamlNode binding : root.child("peers").list()) {
      checkKeys(binding, List.of("peer", "group", "import", "export"));
      if (binding.has("peer") == binding.has("group")) {
        throw fail(binding, "give exactly one of 'peer' (an address) or 'group'");
      }
      if (binding.has("peer")) {
        PeerId peer = parse(binding.child("peer"), PeerId::of);
        if (binding.has("import")) {
          peers.importPolicy(peer, chain(binding.child("import"), peer + " import"));
        }
        if (binding.has("export")) {
          peers.exportPolicy(peer, chain(binding.child("export"), peer + " export"));
        }
      } else {
        String group = name(binding.child("group"));
        if (binding.has("import")) {
          peers.importPolicy(group, chain(binding.child("import"), "group " + group + " import"));
        }
        if (binding.has("export")) {
          peers.exportPolicy(group, chain(binding.child("export"), "group " + group + " export"));
        }
      }
    }
    YamlNode defaults = root.child("defaults");
    checkKeys(defaults, List.of("import", "export"));
    if (defaults.has("import")) {
      peers.importDefault(chain(defaults.child("import"), "default import"));
    }
    if (defaults.has("export")) {
      peers.exportDefault(chain(defaults.child("export"), "default export"));
    }
    return new PolicyConfig(ImmutableMap.copyOf(policies), peers.build());
  }

  private AzureRouteServerPolicies azure(YamlNode node) throws ConfigException {
    if (node.has("honour-no-export")) {
      // A former switch, refused rather than ignored: a file that turns it off expects
      // NO_EXPORT routes to pass, and they never do.
      throw failAtKey(
          node.child("honour-no-export"),
          "no longer supported: NO_EXPORT is always honoured (RFC 1997 makes it mandatory, and"
              + " the route server never sends NO_EXPORT routes to external peers); remove the"
              + " key");
    }
    checkKeys(
        node,
        List.of(
            "vnet-address-space",
            "peered-vnet-address-space",
            "peered-vnet-filter",
            "branch-to-branch",
            "hub-routing-preference"));
    AzureRouteServerPolicies.Builder builder = AzureRouteServerPolicies.builder();
    builder.vnetAddressSpace(prefixes(node.child("vnet-address-space")));
    if (node.has("peered-vnet-address-space") || node.has("peered-vnet-filter")) {
      builder.peeredVnetAddressSpace(
          prefixes(node.child("peered-vnet-address-space")),
          choice(
              node.required("peered-vnet-filter"),
              AzureRouteServerPolicies.PeeredVnetFilter.class));
    }
    if (node.has("branch-to-branch")) {
      builder.branchToBranch(bool(node.child("branch-to-branch")));
    }
    if (node.has("hub-routing-preference")) {
      String preference = text(node.child("hub-routing-preference"));
      builder.hubRoutingPreference(
          switch (preference) {
            case "expressroute" -> AzureRouteServerPolicies.HubRoutingPreference.EXPRESS_ROUTE;
            case "vpn-gateway" -> AzureRouteServerPolicies.HubRoutingPreference.VPN_GATEWAY;
            case "as-path" -> AzureRouteServerPolicies.HubRoutingPreference.AS_PATH;
            default ->
                throw fail(
                    node.child("hub-routing-preference"),
                    "'" + preference + "' (expected: expressroute, vpn-gateway or as-path)");
          });
    }
    return builder.build();
  }

  private List<Prefix> prefixes(YamlNode node) throws ConfigException {
    List<Prefix> prefixes = new ArrayList<>();
    for (YamlNode prefix : node.list()) {
      prefixes.add(parse(prefix, Prefix::parse));
    }
    return prefixes;
  }

  // ---- policies ----

  private @Nullable RoutePolicy builtIn(String name) {
    return switch (name) {
      case "rfc8212-default-deny" -> StandardPolicies.rfc8212DefaultDeny();
      case "rfc9234-ingress" -> StandardPolicies.rfc9234Ingress();
      case "rfc9234-egress" -> StandardPolicies.rfc9234Egress();
      case "rfc1997-well-known-communities" -> StandardPolicies.wellKnownCommunities();
      case "azure-route-server-import" -> azure.importPolicy();
      case "azure-route-server-export" -> azure.exportPolicy();
      default -> null;
    };
  }

  /** The policy called {@code name}, referred to at {@code reference}. */
  private RoutePolicy resolve(String name, YamlNode reference) throws ConfigException {
    RoutePolicy policy = policies.get(name);
    if (policy != null) {
      return policy;
    }
    policy = builtIn(name);
    if (policy == null) {
      YamlNode definition = definitions.get(name);
      if (definition == null) {
        throw fail(
            reference,
            "no policy named '"
                + name
                + "' (defined: "
                + String.join(", ", definitions.keySet())
                + "; built-in: rfc8212-default-deny, rfc9234-ingress, rfc9234-egress,"
                + " rfc1997-well-known-communities, azure-route-server-import,"
                + " azure-route-server-export)");
      }
      if (!resolving.add(name)) {
        throw fail(reference, "policy '" + name + "' refers to itself");
      }
      policy = sequence(definition);
      resolving.remove(name);
    }
    policies.put(name, policy);
    return policy;
  }

  private RoutePolicy chain(YamlNode names, String chainName) throws ConfigException {
    List<RoutePolicy> chain = new ArrayList<>();
    for (YamlNode name : names.list()) {
      chain.add(resolve(text(name), name));
    }
    return chain.size() == 1 ? chain.get(0) : RoutePolicy.chain(chainName, chain);
  }

  private PolicySequence sequence(YamlNode node) throws ConfigException {
    checkKeys(node, List.of("mode", "otherwise", "terms"));
    List<RoutePolicy> elements = new ArrayList<>();
    for (YamlNode element : node.required("terms").list()) {
      if (element.has("policy")) {
        checkKeys(element, List.of("policy"));
        elements.add(resolve(text(element.child("policy")), element.child("policy")));
      } else {
        elements.add(term(element));
      }
    }
    String mode = node.has("mode") ? text(node.child("mode")) : "first-match";
    RoutePolicy[] array = elements.toArray(new RoutePolicy[0]);
    PolicySequence sequence =
        switch (mode) {
          case "first-match" -> RoutePolicy.firstMatch(node.key, array);
          case "all-match" -> RoutePolicy.allMatch(node.key, array);
          default ->
              throw fail(node.child("mode"), "'" + mode + "' (expected: first-match or all-match)");
        };
    return node.has("otherwise")
        ? sequence.withOtherwise(choice(node.child("otherwise"), Disposition.class))
        : sequence;
  }

  private Term term(YamlNode node) throws ConfigException {
    checkKeys(node, List.of("name", "match", "actions", "then", "reason"));
    Term.Builder term = Term.named(name(node.required("name")));
    if (node.has("match")) {
      term.when(match(node.child("match")));
    }
    List<RouteAction> actions = new ArrayList<>();
    for (YamlNode action : node.child("actions").list()) {
      actions.add(action(action));
    }
    term.then(actions);
    Disposition then =
        node.has("then") ? choice(node.child("then"), Disposition.class) : Disposition.NEXT;
    if (node.has("reason") && then != Disposition.REJECT) {
      throw fail(node.child("reason"), "a reason is given only with 'then: reject'");
    }
    return term.disposition(then, node.has("reason") ? text(node.child("reason")) : null);
  }

  // ---- matchers ----

  private RouteMatcher match(YamlNode node) throws ConfigException {
    if (!node.json.isObject() || node.json.isEmpty()) {
      throw fail(node, "expected a map of conditions, such as {prefix-set: bogons}");
    }
    List<RouteMatcher> parts = new ArrayList<>();
    for (YamlNode condition : node.entries()) {
      parts.add(condition(condition));
    }
    return Matchers.all(parts);
  }

  private RouteMatcher condition(YamlNode node) throws ConfigException {
    return switch (node.key) {
      case "prefix-set" -> Matchers.prefixIn(named(node, prefixSets, "prefix set"));
      case "prefix" -> {
        List<PrefixRange> ranges = new ArrayList<>();
        for (YamlNode range : node.list()) {
          ranges.add(parse(range, PrefixRange::parse));
        }
        yield Matchers.prefixIn(PrefixSet.of(node.path, ranges));
      }
      case "as-path" -> {
        List<String> patterns = new ArrayList<>();
        for (YamlNode pattern : node.list()) {
          patterns.add(text(pattern));
        }
        yield parse(node, x -> Matchers.asPath(patterns.toArray(new String[0])));
      }
      case "as-path-set" ->
          Matchers.asPath(named(node, asPathSets, "AS-path set").toArray(new String[0]));
      case "origin-as" -> Matchers.originAs(asns(node));
      case "neighbor-as" -> Matchers.neighborAs(asns(node));
      case "as-path-length" -> {
        String range = text(node);
        String[] bounds = range.split("\\.\\.", -1);
        yield parse(
            node,
            x ->
                Matchers.asPathLength(
                    Integer.parseInt(bounds[0].strip()),
                    Integer.parseInt(bounds[bounds.length - 1].strip())));
      }
      case "community-any" -> Matchers.communityAny(communities(node));
      case "community-all" -> Matchers.communityAll(communities(node));
      case "next-hop" -> Matchers.nextHopIn(nextHops(node));
      case "from-peer" -> Matchers.fromPeer(peerIds(node));
      case "to-peer" -> Matchers.toPeer(peerIds(node));
      case "from-group" -> Matchers.fromGroup(name(node));
      case "to-group" -> Matchers.toGroup(name(node));
      case "from-as" -> Matchers.fromAs(asns(node));
      case "to-as" -> Matchers.toAs(asns(node));
      case "from-role" -> {
        Role[] roles = roles(node);
        yield Matchers.fromRole(roles[0], java.util.Arrays.copyOfRange(roles, 1, roles.length));
      }
      case "to-role" -> {
        Role[] roles = roles(node);
        yield Matchers.toRole(roles[0], java.util.Arrays.copyOfRange(roles, 1, roles.length));
      }
      case "direction" -> Matchers.direction(choice(node, Direction.class));
      case "external-session" ->
          bool(node) ? Matchers.externalSession() : Matchers.not(Matchers.externalSession());
      case "has-only-to-customer" ->
          bool(node) ? Matchers.hasOnlyToCustomer() : Matchers.not(Matchers.hasOnlyToCustomer());
      case "rpki" -> {
        checkKeys(node, List.of("table", "states"));
        RoaTable table = named(node.required("table"), roaSets, "ROA set");
        List<RoaTable.ValidationState> states = new ArrayList<>();
        for (YamlNode state : node.required("states").list()) {
          states.add(choice(state, RoaTable.ValidationState.class));
        }
        yield Matchers.originValidation(
            table,
            states.get(0),
            states.subList(1, states.size()).toArray(new RoaTable.ValidationState[0]));
      }
      case "all", "any" -> {
        List<RouteMatcher> parts = new ArrayList<>();
        for (YamlNode part : node.list()) {
          parts.add(match(part));
        }
        yield node.key.equals("all") ? Matchers.all(parts) : Matchers.any(parts);
      }
      case "not" -> Matchers.not(match(node));
      default ->
          throw fail(
              node,
              "unknown condition (expected: prefix-set, prefix, as-path, as-path-set, origin-as,"
                  + " neighbor-as, as-path-length, community-any, community-all, next-hop,"
                  + " from-peer, to-peer, from-group, to-group, from-as, to-as, from-role,"
                  + " to-role, direction, external-session, has-only-to-customer, rpki, all,"
                  + " any, not)");
    };
  }

  private AsnSet asns(YamlNode node) throws ConfigException {
    List<String> items = new ArrayList<>();
    for (YamlNode item : node.list()) {
      items.add(text(item));
    }
    return parse(node, x -> AsnSet.parse(items.toArray(new String[0])));
  }

  private Prefix[] nextHops(YamlNode node) throws ConfigException {
    List<Prefix> prefixes = new ArrayList<>();
    for (YamlNode item : node.list()) {
      prefixes.add(
          parse(
              item,
              text ->
                  text.contains("/")
                      ? Prefix.parse(text)
                      : Prefix.of(IpAddress.parse(text), IpAddress.parse(text).family().bits())));
    }
    return prefixes.toArray(new Prefix[0]);
  }

  private PeerId[] peerIds(YamlNode node) throws ConfigException {
    List<PeerId> peers = new ArrayList<>();
    for (YamlNode item : node.list()) {
      peers.add(parse(item, PeerId::of));
    }
    return peers.toArray(new PeerId[0]);
  }

  private Role[] roles(YamlNode node) throws ConfigException {
    List<Role> roles = new ArrayList<>();
    for (YamlNode item : node.list()) {
      roles.add(choice(item, Role.class));
    }
    if (roles.isEmpty()) {
      throw fail(node, "expected at least one role");
    }
    return roles.toArray(new Role[0]);
  }

  private CommunitySet communities(YamlNode node) throws ConfigException {
    return node.json.isTextual()
        ? named(node, communitySets, "community set")
        : communitySet(node, node.path);
  }

  private CommunitySet communitySet(YamlNode node, String name) throws ConfigException {
    List<String> members = new ArrayList<>();
    for (YamlNode member : node.list()) {
      members.add(text(member));
    }
    return parse(node, x -> CommunitySet.parse(name, members));
  }

  // ---- actions ----

  private RouteAction action(YamlNode node) throws ConfigException {
    if (!node.json.isObject() || node.json.size() != 1) {
      throw fail(node, "expected one action, such as {set-local-pref: 200}");
    }
    YamlNode action = node.entries().get(0);
    return switch (action.key) {
      case "set-local-pref" -> Actions.setLocalPref(number(action, 0, 0xFFFF_FFFFL));
      case "set-med" -> Actions.setMed(number(action, 0, 0xFFFF_FFFFL));
      case "prepend" -> {
        if (action.json.isObject()) {
          checkKeys(action, List.of("asn", "times"));
          int times = (int) number(action.required("times"), 1, 32);
          yield action.has("asn")
              ? Actions.prepend(number(action.child("asn"), 0, 0xFFFF_FFFFL), times)
              : Actions.prepend(times);
        }
        yield Actions.prepend((int) number(action, 1, 32));
      }
      case "set-communities" -> parse(action, x -> Actions.setCommunities(communities(action)));
      case "add-communities" -> parse(action, x -> Actions.addCommunities(communities(action)));
      case "remove-communities" -> Actions.removeCommunities(communities(action));
      case "set-next-hop" -> {
        String target = text(action);
        yield switch (target) {
          case "self" -> Actions.nextHopSelf();
          case "peer" -> Actions.nextHopPeer();
          default -> Actions.setNextHop(parse(action, IpAddress::parse));
        };
      }
      case "remove-private-asns" -> {
        String which = text(action);
        yield switch (which) {
          case "true", "private" -> Actions.removePrivateAsns();
          case "private-and-reserved" -> Actions.removePrivateAndReservedAsns();
          default -> throw fail(action, "'" + which + "' (expected: true or private-and-reserved)");
        };
      }
      case "add-only-to-customer" -> {
        String which = text(action);
        yield switch (which) {
          case "local-as" -> Actions.addOnlyToCustomerLocalAs();
          case "from-as" -> Actions.addOnlyToCustomerFromAs();
          default -> throw fail(action, "'" + which + "' (expected: local-as or from-as)");
        };
      }
      default ->
          throw fail(
              action,
              "unknown action (expected: set-local-pref, set-med, prepend, set-communities,"
                  + " add-communities, remove-communities, set-next-hop, remove-private-asns,"
                  + " add-only-to-customer)");
    };
  }

  private <T> T named(YamlNode node, Map<String, T> defined, String kind) throws ConfigException {
    String name = text(node);
    T value = defined.get(name);
    if (value == null) {
      throw fail(
          node,
          "no "
              + kind
              + " named '"
              + name
              + "' (defined: "
              + String.join(", ", defined.keySet())
              + ")");
    }
    return value;
  }
}
