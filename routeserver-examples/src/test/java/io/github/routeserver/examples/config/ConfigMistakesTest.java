package io.github.routeserver.examples.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Configuration files with one mistake each, of the kinds a hand-edited file gets (wrong shape,
 * wrong type, bad YAML, aliases, tabs, out-of-range numbers): every one is a single {@link
 * ConfigException} line naming the file, and no configuration comes back, so nothing can be
 * half-applied. A TCP MD5 password never appears in an error.
 */
class ConfigMistakesTest {
  private static final String SECRET = "s3cret-md5-key";
  private static final Map<String, String> ENVIRONMENT = Map.of("NVA_KEY", SECRET);
  private static final String SERVE = "asn: 65515\nrouterId: 10.1.1.4\n";
  private static final String PEER = "peers:\n  - address: 10.1.0.4\n    asn: 65001\n";

  static Stream<Arguments> serveMistakes() {
    return Stream.of(
        mistake("an empty file", "", "rs.yaml"),
        mistake("a list at the top", "- asn: 65515\n", "rs.yaml"),
        mistake("a scalar at the top", "hello\n", "rs.yaml"),
        mistake("a tab for indentation", SERVE + "peers:\n\t- address: 10.1.0.4\n", "rs.yaml:"),
        mistake("an unclosed quote", "asn: \"65515\nrouterId: 10.1.1.4\n", "rs.yaml:"),
        mistake("asn zero", "asn: 0\nrouterId: 10.1.1.4\n", "rs.yaml:1:6: asn"),
        mistake("asn above 32 bits", "asn: 4294967296\nrouterId: 10.1.1.4\n", "rs.yaml:1:6: asn"),
        mistake("a negative asn", "asn: -1\nrouterId: 10.1.1.4\n", "rs.yaml:1:6: asn"),
        mistake("asn as a list", "asn: [1]\nrouterId: 10.1.1.4\n", "rs.yaml:1:6: asn"),
        mistake("peers as a mapping", SERVE + "peers: {a: 1}\n", "rs.yaml:3:8: peers"),
        mistake("a peer as a scalar", SERVE + "peers:\n  - 10.1.0.4\n", "rs.yaml:4:5: peers[0]"),
        mistake(
            "a port out of range", SERVE + "listen:\n  port: 70000\n", "rs.yaml:4:9: listen.port"),
        mistake(
            "a listen address that is not an address",
            SERVE + "listen:\n  address: 10.1.1\n",
            "rs.yaml:4:12: listen.address"),
        mistake(
            "a template range that is not a prefix",
            SERVE + "templates:\n  - name: t\n    range: 10.1.0.0/33\n    asn: 65010\n",
            "rs.yaml:5:12: templates[0].range"),
        mistake(
            "a template of zero peers",
            SERVE
                + "templates:\n  - name: t\n    range: 10.1.0.0/24\n    asn: 65010\n"
                + "    maxPeers: 0\n",
            "rs.yaml:7:15: templates[0].maxPeers"),
        mistake(
            "a peer address that is a prefix",
            SERVE + "peers:\n  - address: 10.1.0.0/24\n    asn: 65001\n",
            "rs.yaml:4:14: peers[0].address"),
        mistake("an alias of an anchor that is not there", SERVE + "peers: *nowhere\n", "rs.yaml:"),
        mistake("a key given twice", SERVE + "asn: 65001\n", "rs.yaml:3:"),
        mistake(
            "a value with a line break quoted in the error (found by ConfigFuzzTarget)",
            "2oie:o\n\rsx\n",
            "rs.yaml"),
        mistake(
            "GTSM hops of zero",
            SERVE + PEER + "    gtsmHops: 0\n",
            "rs.yaml:6:15: peers[0].gtsmHops"),
        mistake(
            "GTSM hops beyond a TTL",
            SERVE + PEER + "    md5PasswordEnv: NVA_KEY\n    gtsmHops: 256\n",
            "rs.yaml:7:15: peers[0].gtsmHops"),
        mistake(
            "a mistake after a password was read",
            SERVE + PEER + "    md5PasswordEnv: NVA_KEY\n    holdTime: 1\n",
            "rs.yaml:7:15: peers[0].holdTime"),
        mistake(
            "a blank peer name", SERVE + PEER + "    name: ' '\n", "rs.yaml:6:11: peers[0].name"),
        mistake(
            "a blank group",
            SERVE + PEER + "    groups: [nva, '']\n",
            "rs.yaml:6:19: peers[0].groups[1]"),
        mistake(
            "a blank template name",
            SERVE + "templates:\n  - name: ''\n    range: 10.1.0.0/24\n    asn: 65010\n",
            "rs.yaml:4:11: templates[0].name"),
        mistake(
            "nesting a thousand levels deep",
            SERVE + "peers: " + "[".repeat(1100) + "]".repeat(1100) + "\n",
            "rs.yaml"));
  }

  static Stream<Arguments> policyMistakes() {
    return Stream.of(
        mistake("a list at the top", "- a\n", "p.yaml"),
        mistake("prefix sets as a list", "prefix-sets: [a]\n", "p.yaml:1:14: prefix-sets"),
        mistake(
            "a prefix set member that is a mapping",
            "prefix-sets:\n  a:\n    - {x: 1}\n",
            "p.yaml:3:7: prefix-sets.a[0]"),
        mistake(
            "le below ge",
            "prefix-sets:\n  a: [10.0.0.0/8 ge 24 le 16]\n",
            "p.yaml:2:7: prefix-sets.a[0]"),
        mistake(
            "a policy whose terms are a scalar",
            "policies:\n  p:\n    terms: x\n",
            "p.yaml:3:12: policies.p.terms"),
        mistake(
            "a prefix set with an empty name (found by ConfigFuzzTarget)",
            "prefix-sets:\n  '': [10.0.0.0/8]\n",
            "p.yaml:2:3: prefix-sets."),
        mistake(
            "a term with a blank name",
            "policies:\n  p:\n    terms:\n      - {name: '  ', then: accept}\n",
            "p.yaml:4:16: policies.p.terms[0].name"),
        mistake(
            "a blank group in a binding",
            "peers:\n  - {group: '', import: [p]}\n",
            "p.yaml:2:13: peers[0].group"),
        mistake(
            "a ROA without its AS",
            "roa-sets:\n  r:\n    - {prefix: 10.0.0.0/8}\n",
            "p.yaml:3:7: roa-sets.r[0]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serveMistakes")
  void eachServeConfigMistakeIsOneLine(String what, String yaml, String expected) {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> ServeConfigReader.read("rs.yaml", yaml, ENVIRONMENT::get));
    assertOneLine(e, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policyMistakes")
  void eachPolicyConfigMistakeIsOneLine(String what, String yaml, String expected) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> PolicyConfigReader.read("p.yaml", yaml));
    assertOneLine(e, expected);
  }

  private static void assertOneLine(ConfigException e, String expected) {
    String message = e.getMessage();
    assertTrue(
        message.startsWith(expected), message + " (expected to start with " + expected + ")");
    assertEquals(1, message.lines().count(), message);
    assertFalse(message.contains(SECRET), "the password leaked: " + message);
    assertFalse(message.contains("Exception"), message);
    assertEquals(0, e.getStackTrace().length, "a stack trace: " + message);
  }

  private static Arguments mistake(String what, String yaml, String expected) {
    return Arguments.of(what, yaml, expected);
  }
}
