package io.github.routeserver.examples.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a policy configuration from YAML (see {@code config/policies.yaml} for the shape). Jackson
 * parses the document twice: a streaming pass records where each value starts, and a tree pass
 * ({@link JsonNode}) is bound to the core's policy values here, so that every error, whether YAML
 * syntax, an unknown key, a wrong type or a dangling reference, is one {@link
 * PolicyConfigException} line naming file, line, column and field.
 */
public final class PolicyConfigReader {
  private static final YAMLMapper MAPPER = new YAMLMapper();

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

  private final String file;
  private final Map<String, JsonLocation> locations;
  private final Map<String, PrefixSet> prefixSets = new LinkedHashMap<>();
  private final Map<String, CommunitySet> communitySets = new LinkedHashMap<>();
  private final Map<String, List<String>> asPathSets = new LinkedHashMap<>();
  private final Map<String, RoaTable> roaSets = new LinkedHashMap<>();
  private final Map<String, Node> definitions = new LinkedHashMap<>();
  private final Map<String, RoutePolicy> policies = new LinkedHashMap<>();
  private final Set<String> resolving = new HashSet<>();
  private AzureRouteServerPolicies azure = AzureRouteServerPolicies.builder().build();

  private PolicyConfigReader(String file, Map<String, JsonLocation> locations) {
    this.file = file;
    this.locations = locations;
  }

  /** Reads {@code path}; errors name it by its file name. */
  public static PolicyConfig read(Path path) throws PolicyConfigException {
    String name = String.valueOf(path.getFileName());
    String yaml;
    try {
      yaml = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PolicyConfigException(name, 0, 0, "", "cannot read the file: " + e);
    }
    return read(name, yaml);
  }

  /** Reads {@code yaml}; errors name it {@code file}. */
  public static PolicyConfig read(String file, String yaml) throws PolicyConfigException {
    Map<String, JsonLocation> locations = new HashMap<>();
    JsonNode root;
    try {
      try (JsonParser parser = MAPPER.getFactory().createParser(yaml)) {
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
          if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
            locations.putIfAbsent(
                parser.getParsingContext().pathAsPointer().toString(),
                parser.currentTokenLocation());
          }
        }
      }
      root = MAPPER.readTree(yaml);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String problem = "YAML syntax: " + e.getOriginalMessage().lines().findFirst().orElse("");
      throw new PolicyConfigException(
          file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "", problem);
    } catch (IOException e) {
      throw new PolicyConfigException(file, 0, 0, "", "cannot read: " + e);
    }
    PolicyConfigReader reader = new PolicyConfigReader(file, locations);
    return reader.bind(root == null || root.isMissingNode() ? MAPPER.createObjectNode() : root);
  }

  // ---- the document ----

  private PolicyConfig bind(JsonNode document) throws PolicyConfigException {
    Node root = new Node(document, "", "");
    checkKeys(root, ROOT_KEYS);
    for (Node entry : root.child("prefix-sets").entries()) {
      List<PrefixRange> ranges = new ArrayList<>();
      for (Node range : entry.list()) {
        ranges.add(parse(range, PrefixRange::parse));
      }
      prefixSets.put(entry.key, PrefixSet.of(entry.key, ranges));
    }
    for (Node entry : root.child("community-sets").entries()) {
      communitySets.put(entry.key, communitySet(entry, entry.key));
    }
    for (Node entry : root.child("as-path-sets").entries()) {
      List<String> patterns = new ArrayList<>();
      for (Node pattern : entry.list()) {
        patterns.add(text(pattern));
      }
      parse(entry, x -> Matchers.asPath(patterns.toArray(new String[0])));
      asPathSets.put(entry.key, patterns);
    }
    for (Node entry : root.child("roa-sets").entries()) {
      List<RoaTable.Roa> roas = new ArrayList<>();
      for (Node roa : entry.list()) {
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
    for (Node entry : root.child("policies").entries()) {
      if (builtIn(entry.key) != null) {
        throw fail(entry, "'" + entry.key + "' is the name of a built-in policy");
      }
      definitions.put(entry.key, entry);
    }
    for (Node entry : root.child("policies").entries()) {
      resolve(entry.key, entry);
    }
    PeerPolicies.Builder peers = PeerPolicies.builder();
    for (Node binding : root.child("peers").list()) {
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
        String group = text(binding.child("group"));
        if (binding.has("import")) {
          peers.importPolicy(group, chain(binding.child("import"), "group " + group + " import"));
        }
        if (binding.has("export")) {
          peers.exportPolicy(group, chain(binding.child("export"), "group " + group + " export"));
        }
      }
    }
    Node defaults = root.child("defaults");
    checkKeys(defaults, List.of("import", "export"));
    if (defaults.has("import")) {
      peers.importDefault(chain(defaults.child("import"), "default import"));
    }
    if (defaults.has("export")) {
      peers.exportDefault(chain(defaults.child("export"), "default export"));
    }
    return new PolicyConfig(ImmutableMap.copyOf(policies), peers.build());
  }

  private AzureRouteServerPolicies azure(Node node) throws PolicyConfigException {
    checkKeys(
        node,
        List.of(
            "vnet-address-space",
            "peered-vnet-address-space",
            "peered-vnet-filter",
            "branch-to-branch",
            "hub-routing-preference",
            "honour-no-export"));
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
    if (node.has("honour-no-export")) {
      builder.honourNoExport(bool(node.child("honour-no-export")));
    }
    return builder.build();
  }

  private List<Prefix> prefixes(Node node) throws PolicyConfigException {
    List<Prefix> prefixes = new ArrayList<>();
    for (Node prefix : node.list()) {
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
  private RoutePolicy resolve(String name, Node reference) throws PolicyConfigException {
    RoutePolicy policy = policies.get(name);
    if (policy != null) {
      return policy;
    }
    policy = builtIn(name);
    if (policy == null) {
      Node definition = definitions.get(name);
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

  private RoutePolicy chain(Node names, String chainName) throws PolicyConfigException {
    List<RoutePolicy> chain = new ArrayList<>();
    for (Node name : names.list()) {
      chain.add(resolve(text(name), name));
    }
    return chain.size() == 1 ? chain.get(0) : RoutePolicy.chain(chainName, chain);
  }

  private PolicySequence sequence(Node node) throws PolicyConfigException {
    checkKeys(node, List.of("mode", "otherwise", "terms"));
    List<RoutePolicy> elements = new ArrayList<>();
    for (Node element : node.required("terms").list()) {
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

  private Term term(Node node) throws PolicyConfigException {
    checkKeys(node, List.of("name", "match", "actions", "then", "reason"));
    Term.Builder term = Term.named(text(node.required("name")));
    if (node.has("match")) {
      term.when(match(node.child("match")));
    }
    List<RouteAction> actions = new ArrayList<>();
    for (Node action : node.child("actions").list()) {
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

  private RouteMatcher match(Node node) throws PolicyConfigException {
    if (!node.json.isObject() || node.json.isEmpty()) {
      throw fail(node, "expected a map of conditions, such as {prefix-set: bogons}");
    }
    List<RouteMatcher> parts = new ArrayList<>();
    for (Node condition : node.entries()) {
      parts.add(condition(condition));
    }
    return Matchers.all(parts);
  }

  private RouteMatcher condition(Node node) throws PolicyConfigException {
    return switch (node.key) {
      case "prefix-set" -> Matchers.prefixIn(named(node, prefixSets, "prefix set"));
      case "prefix" -> {
        List<PrefixRange> ranges = new ArrayList<>();
        for (Node range : node.list()) {
          ranges.add(parse(range, PrefixRange::parse));
        }
        yield Matchers.prefixIn(PrefixSet.of(node.path, ranges));
      }
      case "as-path" -> {
        List<String> patterns = new ArrayList<>();
        for (Node pattern : node.list()) {
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
      case "from-group" -> Matchers.fromGroup(text(node));
      case "to-group" -> Matchers.toGroup(text(node));
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
        for (Node state : node.required("states").list()) {
          states.add(choice(state, RoaTable.ValidationState.class));
        }
        yield Matchers.originValidation(
            table,
            states.get(0),
            states.subList(1, states.size()).toArray(new RoaTable.ValidationState[0]));
      }
      case "all", "any" -> {
        List<RouteMatcher> parts = new ArrayList<>();
        for (Node part : node.list()) {
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

  private AsnSet asns(Node node) throws PolicyConfigException {
    List<String> items = new ArrayList<>();
    for (Node item : node.list()) {
      items.add(text(item));
    }
    return parse(node, x -> AsnSet.parse(items.toArray(new String[0])));
  }

  private Prefix[] nextHops(Node node) throws PolicyConfigException {
    List<Prefix> prefixes = new ArrayList<>();
    for (Node item : node.list()) {
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

  private PeerId[] peerIds(Node node) throws PolicyConfigException {
    List<PeerId> peers = new ArrayList<>();
    for (Node item : node.list()) {
      peers.add(parse(item, PeerId::of));
    }
    return peers.toArray(new PeerId[0]);
  }

  private Role[] roles(Node node) throws PolicyConfigException {
    List<Role> roles = new ArrayList<>();
    for (Node item : node.list()) {
      roles.add(choice(item, Role.class));
    }
    if (roles.isEmpty()) {
      throw fail(node, "expected at least one role");
    }
    return roles.toArray(new Role[0]);
  }

  private CommunitySet communities(Node node) throws PolicyConfigException {
    return node.json.isTextual()
        ? named(node, communitySets, "community set")
        : communitySet(node, node.path);
  }

  private CommunitySet communitySet(Node node, String name) throws PolicyConfigException {
    List<String> members = new ArrayList<>();
    for (Node member : node.list()) {
      members.add(text(member));
    }
    return parse(node, x -> CommunitySet.parse(name, members));
  }

  // ---- actions ----

  private RouteAction action(Node node) throws PolicyConfigException {
    if (!node.json.isObject() || node.json.size() != 1) {
      throw fail(node, "expected one action, such as {set-local-pref: 200}");
    }
    Node action = node.entries().get(0);
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

  // ---- scalars and references ----

  /** A function of a node's text that may throw {@link IllegalArgumentException}. */
  private interface Parser<T> {
    T parse(String text) throws PolicyConfigException;
  }

  /**
   * Applies {@code parser} to the node's text (or "" for a collection), as an error of the node.
   */
  private <T> T parse(Node node, Parser<T> parser) throws PolicyConfigException {
    try {
      return parser.parse(node.json.isValueNode() ? node.json.asText() : "");
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw fail(node, String.valueOf(e.getMessage()));
    }
  }

  private <T> T named(Node node, Map<String, T> defined, String kind) throws PolicyConfigException {
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

  private String text(Node node) throws PolicyConfigException {
    if (!node.json.isValueNode() || node.json.isNull()) {
      throw fail(node, "expected a value, got " + describe(node.json));
    }
    return node.json.asText();
  }

  private long number(Node node, long min, long max) throws PolicyConfigException {
    if (!node.json.isIntegralNumber() || node.json.asLong() < min || node.json.asLong() > max) {
      throw fail(
          node, "expected a number from " + min + " to " + max + ", got " + describe(node.json));
    }
    return node.json.asLong();
  }

  private boolean bool(Node node) throws PolicyConfigException {
    if (!node.json.isBoolean()) {
      throw fail(node, "expected true or false, got " + describe(node.json));
    }
    return node.json.asBoolean();
  }

  /** An enum constant written in lower case with dashes: {@code rs-client}, {@code not-found}. */
  private <E extends Enum<E>> E choice(Node node, Class<E> type) throws PolicyConfigException {
    String text = text(node);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text)) {
        return constant;
      }
    }
    List<String> expected = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      expected.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw fail(node, "'" + text + "' (expected: " + String.join(", ", expected) + ")");
  }

  private static String describe(JsonNode json) {
    return json.isObject()
        ? "a map"
        : json.isArray() ? "a list" : json.isNull() ? "nothing" : "'" + json.asText() + "'";
  }

  private void checkKeys(Node node, List<String> allowed) throws PolicyConfigException {
    if (node.json.isMissingNode()) {
      return;
    }
    if (!node.json.isObject()) {
      throw fail(node, "expected a map with keys " + allowed + ", got " + describe(node.json));
    }
    for (Node entry : node.entries()) {
      if (!allowed.contains(entry.key)) {
        throw fail(entry, "unknown key (expected: " + String.join(", ", allowed) + ")");
      }
    }
  }

  private PolicyConfigException fail(Node node, String problem) {
    String pointer = node.pointer;
    JsonLocation at = locations.get(pointer);
    while (at == null && !pointer.isEmpty()) {
      pointer = pointer.substring(0, pointer.lastIndexOf('/'));
      at = locations.get(pointer);
    }
    return new PolicyConfigException(
        file,
        at == null ? 0 : at.getLineNr(),
        at == null ? 0 : at.getColumnNr(),
        node.path,
        problem);
  }

  /**
   * A value of the tree with where it is: its JSON pointer (to find its line) and its path as
   * errors print it ({@code policies.customer-in.terms[1].then}); {@code key} is its key in its
   * map, if it has one.
   */
  private final class Node {
    final JsonNode json;
    final String pointer;
    final String path;
    final String key;

    Node(JsonNode json, String pointer, String path) {
      this(json, pointer, path, "");
    }

    Node(JsonNode json, String pointer, String path, String key) {
      this.json = json;
      this.pointer = pointer;
      this.path = path;
      this.key = key;
    }

    boolean has(String name) {
      return json.has(name);
    }

    Node child(String name) {
      return new Node(
          json.path(name),
          pointer + "/" + name.replace("~", "~0").replace("/", "~1"),
          path.isEmpty() ? name : path + "." + name,
          name);
    }

    Node required(String name) throws PolicyConfigException {
      if (!json.has(name)) {
        throw fail(this, "missing key '" + name + "'");
      }
      return child(name);
    }

    /** The entries of a map; none for a missing node. */
    List<Node> entries() throws PolicyConfigException {
      if (json.isMissingNode() || json.isNull()) {
        return List.of();
      }
      if (!json.isObject()) {
        throw fail(this, "expected a map, got " + describe(json));
      }
      List<Node> entries = new ArrayList<>();
      for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
        entries.add(child(names.next()));
      }
      return entries;
    }

    /** The elements of a list; a single value counts as a list of one; none for a missing node. */
    List<Node> list() throws PolicyConfigException {
      if (json.isMissingNode() || json.isNull()) {
        return List.of();
      }
      if (!json.isArray()) {
        if (json.isObject()) {
          throw fail(this, "expected a list, got a map");
        }
        return List.of(this);
      }
      List<Node> elements = new ArrayList<>();
      for (int i = 0; i < json.size(); i++) {
        elements.add(new Node(json.get(i), pointer + "/" + i, path + "[" + i + "]", key));
      }
      return elements;
    }
  }
}
