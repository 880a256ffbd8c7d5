package io.github.routeserver.examples.config;

import static io.github.routeserver.core.policy.testing.PolicyAssert.assertAccepts;
import static io.github.routeserver.core.policy.testing.PolicyAssert.assertRejects;
import static io.github.routeserver.core.policy.testing.TestRoutes.export;
import static io.github.routeserver.core.policy.testing.TestRoutes.importFrom;
import static io.github.routeserver.core.policy.testing.TestRoutes.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.routeserver.core.policy.AzureRouteServerPolicies;
import io.github.routeserver.core.policy.PeerInfo;
import io.github.routeserver.core.policy.PolicySequence;
import io.github.routeserver.core.policy.Role;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.StandardPolicies;
import io.github.routeserver.core.route.AsPath;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PolicyConfigReaderTest {
  private static final PeerInfo CUSTOMER = PeerInfo.of("10.0.2.4", 65001).withRole(Role.CUSTOMER);

  private static PolicyConfig sample() throws ConfigException {
    return PolicyConfigReader.read(Path.of("config/policies.yaml"));
  }

  private static String error(String yaml) {
    return assertThrows(ConfigException.class, () -> PolicyConfigReader.read("p.yaml", yaml))
        .getMessage();
  }

  @Test
  void readsTheSampleFile() throws ConfigException {
    PolicyConfig config = sample();
    assertEquals(
        List.of(
            "customer-in",
            "customer-routes-to-transit",
            "rfc1997-well-known-communities",
            "scrub",
            "rfc9234-ingress",
            "azure-route-server-import",
            "azure-route-server-export",
            "rfc8212-default-deny"),
        List.copyOf(config.policies().keySet()));
    RoutePolicy imports = config.peerPolicies().importPolicy(CUSTOMER);
    assertEquals(
        List.of("rfc9234-ingress", "azure-route-server-import", "customer-in"),
        ((PolicySequence) imports).elements().stream().map(RoutePolicy::name).toList());
  }

  @Test
  void samplePoliciesBehaveAsTheirCommentsSay() throws ConfigException {
    PolicyConfig config = sample();
    RoutePolicy imports = config.peerPolicies().importPolicy(CUSTOMER);
    var accepted =
        assertAccepts(
            imports, route("203.0.113.0/25", "65001", "community=65000:7"), importFrom(CUSTOMER));
    assertEquals(OptionalLong.of(200), accepted.attributes().localPref());
    assertEquals("[65000:100]", accepted.attributes().communities().toString());
    assertRejects(imports, route("192.0.2.0/24", "65001"), importFrom(CUSTOMER));
    assertRejects(imports, route("10.0.1.0/24", "65001"), importFrom(CUSTOMER));

    PeerInfo transit = PeerInfo.of("192.0.2.9", 3356).withGroups("transit");
    var sent =
        assertAccepts(
            config.policies().get("customer-routes-to-transit"),
            route("203.0.113.0/24", "7018 64512"),
            export(CUSTOMER, transit));
    assertEquals(AsPath.parse("64999 64999 7018"), sent.attributes().asPath());
  }

  @Test
  void sampleUsesTheAzureOptionsAndDefaults() throws ConfigException {
    PolicyConfig config = sample();
    assertEquals(
        AzureRouteServerPolicies.builder()
            .vnetAddressSpace(List.of(io.github.routeserver.core.net.Prefix.parse("10.0.0.0/16")))
            .peeredVnetAddressSpace(
                List.of(io.github.routeserver.core.net.Prefix.parse("10.5.0.0/16")),
                AzureRouteServerPolicies.PeeredVnetFilter.NONE)
            .build()
            .importPolicy(),
        config.policies().get("azure-route-server-import"));
    assertEquals(
        StandardPolicies.rfc8212DefaultDeny(),
        config.peerPolicies().importPolicy(PeerInfo.of("10.9.9.9", 65009)));
  }

  @Test
  void emptyDocumentIsAnEmptyConfiguration() throws ConfigException {
    PolicyConfig config = PolicyConfigReader.read("p.yaml", "");
    assertEquals(0, config.policies().size());
  }

  @Test
  void unknownKeyNamesItsLineAndField() {
    assertEquals(
        "p.yaml:3:5: policies.p.modes: unknown key (expected: mode, otherwise, terms)",
        error("policies:\n  p:\n    modes: all-match\n    terms: []\n"));
  }

  @Test
  void danglingSetReferenceListsWhatIsDefined() {
    assertEquals(
        "p.yaml:5:39: policies.p.terms[0].match.prefix-set: no prefix set named 'nope'"
            + " (defined: a)",
        error(
            "prefix-sets: {a: [10.0.0.0/8]}\n"
                + "policies:\n"
                + "  p:\n"
                + "    terms:\n"
                + "      - {name: t, match: {prefix-set: nope}}\n"));
  }

  @Test
  void badValuesCarryTheCoreMessage() {
    assertEquals(
        "p.yaml:1:19: prefix-sets.a[0]: prefix: '10.0.0.0/33' (expected: address/length,"
            + " e.g. 10.0.0.0/8)",
        error("prefix-sets: {a: [10.0.0.0/33]}\n"));
    assertEquals(
        "p.yaml:1:21: community-sets.c: community: '70000:1' (70000 is above 65535)",
        error("community-sets: {c: [\"70000:1\"]}\n"));
  }

  @Test
  void wrongTypesSayWhatWasExpected() {
    assertEquals(
        "p.yaml:4:46: policies.p.terms[0].actions[0].set-local-pref: expected a number from 0"
            + " to 4294967295, got 'high'",
        error(
            "policies:\n"
                + "  p:\n"
                + "    terms:\n"
                + "      - {name: t, actions: [{set-local-pref: high}]}\n"));
    assertEquals(
        "p.yaml:4:25: policies.p.terms[0].then: 'maybe' (expected: accept, reject, next)",
        error("policies:\n  p:\n    terms:\n      - {name: t, then: maybe}\n"));
  }

  @Test
  void missingKeysAndDanglingPoliciesAreReported() {
    assertEquals(
        "p.yaml:4:9: policies.p.terms[0]: missing key 'name'",
        error("policies:\n  p:\n    terms:\n      - {then: accept}\n"));
    String message = error("peers:\n  - {peer: 10.0.0.1, import: [nothere]}\n");
    assertEquals(
        "p.yaml:2:31: peers[0].import[0]: no policy named 'nothere' (defined: ; built-in:",
        message.substring(0, message.indexOf("built-in:") + 9));
  }

  @Test
  void policiesThatReferToThemselvesAreRefused() {
    assertEquals(
        "p.yaml:5:18: policies.b.terms[0].policy: policy 'a' refers to itself",
        error(
            "policies:\n"
                + "  a: {terms: [{policy: b}]}\n"
                + "  b:\n"
                + "    terms:\n"
                + "      - {policy: a}\n"));
  }

  @Test
  void yamlSyntaxErrorsAreOneLineToo() {
    String message = error("policies:\n  p: [unclosed\n");
    assertEquals("p.yaml:2:15: YAML syntax:", message.substring(0, message.indexOf(':', 14) + 1));
    assertEquals(1, message.lines().count());
  }

  @Test
  void honourNoExportIsRefusedBecauseNoExportIsAlwaysHonoured() {
    assertEquals(
        "p.yaml:3:3: azure-route-server.honour-no-export: no longer supported: NO_EXPORT is always"
            + " honoured (RFC 1997 makes it mandatory, and the route server never sends NO_EXPORT"
            + " routes to external peers); remove the key",
        error(
            "azure-route-server:\n"
                + "  vnet-address-space: [10.0.0.0/16]\n"
                + "  honour-no-export: false\n"));
  }

  @Test
  void builtInNamesCannotBeRedefined() {
    assertEquals(
        "p.yaml:2:3: policies.rfc9234-ingress: 'rfc9234-ingress' is the name of a built-in policy",
        error("policies:\n  rfc9234-ingress: {terms: []}\n"));
  }

  @Test
  void unreadableFileIsNamed() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> PolicyConfigReader.read(Path.of("no/such.yaml")));
    assertEquals("no/such.yaml", e.file());
    assertEquals(0, e.line());
  }
}
