package io.github.routeserver.examples.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.session.PrefixLimit;
import io.github.routeserver.bgp.session.SessionConfig;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.netty.PeerEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServeConfigReaderTest {
  private static final String MINIMAL =
      "asn: 65515\nrouterId: 10.1.1.4\npeers:\n  - address: 10.1.0.4\n    asn: 65001\n";

  private static ServeConfig read(String yaml) throws ConfigException {
    return ServeConfigReader.read("rs.yaml", yaml, Map.<String, String>of()::get);
  }

  /**
   * The session of the peer at {@code address} when it connects, as {@code serve} sets it up: the
   * engine admits it by {@code config}'s templates, and the transport asks {@link
   * ServeConfig#dynamicSessions()} for its session.
   */
  private static SessionConfig dynamicSession(ServeConfig config, String address) {
    RouteServer server =
        RouteServer.builder().localAsn(config.asn()).routerId(config.routerId()).build();
    config.templates().forEach(server::addTemplate);
    PeerConfig peer = server.peerFor(IpAddress.parse(address)).orElseThrow().config();
    return config.dynamicSessions().apply(peer);
  }

  private static Map<AfiSafi, PrefixLimit> bothFamilies(PrefixLimit limit) {
    return Map.of(AfiSafi.IPV4_UNICAST, limit, AfiSafi.IPV6_UNICAST, limit);
  }

  private static String error(String yaml) {
    return assertThrows(
            ConfigException.class,
            () -> ServeConfigReader.read("rs.yaml", yaml, Map.<String, String>of()::get))
        .getMessage();
  }

  @Test
  void readsTheCommentedSample() throws ConfigException {
    ServeConfig config = ServeConfigReader.read(Path.of("config/routeserver.yaml"));
    assertEquals(65515, config.asn());
    assertEquals(RouteServerProfile.AZURE, config.profile());
    assertEquals(1790, config.listen().getPort());
    assertEquals(2, config.peers().size());
    PeerEndpoint nva1 = config.peers().get(0);
    assertEquals("nva1", nva1.peer().name());
    assertEquals(180, nva1.session().holdTime());
    assertTrue(nva1.peer().info().inGroup("nva"));
    assertEquals(1791, config.peers().get(1).port());
    for (PeerEndpoint nva : config.peers()) {
      assertEquals(bothFamilies(PrefixLimit.azure(4000)), nva.session().prefixLimits());
      assertEquals(180, nva.session().holdTime());
    }
    assertEquals(List.of(), config.warnings());
    assertEquals(1, config.templates().size());
    assertEquals(20, config.templates().get(0).maxPeers());
    ServeConfig.AzureOutput azure = config.azure().orElseThrow();
    assertEquals("ars", azure.routeServer().name());
    assertEquals(Path.of("config/effective-routes").toAbsolutePath(), azure.output());
    assertEquals(5, azure.topology().subnets().size());
  }

  @Test
  void aTemplateWithoutMaxPeersAdmitsOneHundredPeers() throws ConfigException {
    ServeConfig config =
        ServeConfigReader.read(
            "rs.yaml",
            MINIMAL + "templates:\n  - name: t\n    range: 10.2.0.0/24\n    asn: 65010\n",
            Map.<String, String>of()::get);
    assertEquals(100, config.templates().get(0).maxPeers());
  }

  @Test
  void hasNoAzureOutputWithoutTheAzureKey() throws ConfigException {
    assertTrue(
        ServeConfigReader.read("rs.yaml", MINIMAL, Map.<String, String>of()::get)
            .azure()
            .isEmpty());
  }

  @Test
  void readsAMinimalFileWithDefaults() throws ConfigException {
    ServeConfig config = ServeConfigReader.read("rs.yaml", MINIMAL, Map.<String, String>of()::get);
    assertEquals(RouteServerProfile.TRANSPARENT, config.profile());
    assertEquals(179, config.listen().getPort());
    assertEquals(IpAddress.parse("10.1.0.4"), config.peers().get(0).peer().id().address());
  }

  @Test
  void takesTheMd5PasswordFromTheNamedVariable() throws ConfigException {
    ServeConfig config =
        ServeConfigReader.read(
            "rs.yaml", MINIMAL + "    md5PasswordEnv: NVA_KEY\n", Map.of("NVA_KEY", "s3cret")::get);
    assertEquals("s3cret", config.peers().get(0).md5Password().orElseThrow());
    assertTrue(!config.peers().get(0).toString().contains("s3cret"), "never in logs");
  }

  @Test
  void takesGtsmHops() throws ConfigException {
    ServeConfig config =
        ServeConfigReader.read(
            "rs.yaml", MINIMAL + "    gtsmHops: 1\n", Map.<String, String>of()::get);
    assertEquals(OptionalInt.of(1), config.peers().get(0).gtsmHops());
  }

  @Test
  void givesDynamicPeersTheHoldTimeAndPrefixLimitOfTheirTemplate() throws ConfigException {
    ServeConfig config =
        read(
            "asn: 65001\nrouterId: 10.1.1.4\ntemplates:\n"
                + "  - {name: wide, range: 10.2.0.0/16, asn: 65020}\n"
                + "  - {name: spoke, range: 10.2.1.0/24, asn: 65010, holdTime: 30,"
                + " maxPrefixes: 100}\n"
                + "  - {name: branch, range: 10.3.0.0/24, asn: 65030, holdTime: 60,"
                + " maxPrefixes: 200}\n");

    SessionConfig branch = dynamicSession(config, "10.3.0.7");
    assertEquals(60, branch.holdTime());
    assertEquals(
        Map.of(
            AfiSafi.IPV4_UNICAST, PrefixLimit.tearDown(200),
            AfiSafi.IPV6_UNICAST, PrefixLimit.tearDown(200)),
        branch.prefixLimits());
    assertEquals(OptionalLong.of(65030), branch.peerAs());
    assertEquals("branch-10.3.0.7", branch.name());
    // The first template whose range holds the address admits the peer, and sets its session.
    SessionConfig wide = dynamicSession(config, "10.2.1.7");
    assertEquals(OptionalLong.of(65020), wide.peerAs());
    assertEquals(90, wide.holdTime());
    assertEquals(Map.of(), wide.prefixLimits());
  }

  @Test
  void givesDynamicPeersTheSameSessionAsAConfiguredPeerWithTheSameKeys() throws ConfigException {
    ServeConfig config =
        read(
            "asn: 65001\nrouterId: 10.1.1.4\n"
                + "peers:\n  - {address: 10.2.0.7, asn: 65010, passive: true, holdTime: 30,"
                + " maxPrefixes: 100}\n"
                + "templates:\n  - {name: spoke, range: 10.2.0.0/24, asn: 65010, holdTime: 30,"
                + " maxPrefixes: 100}\n");
    SessionConfig configured = config.peers().get(0).session();

    SessionConfig dynamic = dynamicSession(config, "10.2.0.8");

    assertEquals(configured.localOpen(), dynamic.localOpen());
    assertEquals(configured.prefixLimits(), dynamic.prefixLimits());
  }

  @Test
  void withTheAzureProfileMaxPrefixesCountsTheRoutesHeldPlusThoseInTheUpdate()
      throws ConfigException {
    ServeConfig config =
        read(
            "asn: 65515\nrouterId: 10.1.1.4\nprofile: azure\n"
                + "peers:\n  - {address: 10.1.0.4, asn: 65001, maxPrefixes: 1000}\n"
                + "templates:\n  - {name: spoke, range: 10.2.0.0/24, asn: 65010,"
                + " maxPrefixes: 1000}\n");

    assertEquals(
        bothFamilies(PrefixLimit.azure(1000)), config.peers().get(0).session().prefixLimits());
    assertEquals(
        bothFamilies(PrefixLimit.azure(1000)), dynamicSession(config, "10.2.0.7").prefixLimits());
  }

  @Test
  void withTheAzureProfileNvasGetAzuresLimitOf4000RoutesAndGatewaysNoLimit()
      throws ConfigException {
    ServeConfig config =
        read(
            "asn: 65515\nrouterId: 10.1.1.4\nprofile: azure\n"
                + "peers:\n"
                + "  - {address: 10.1.0.4, asn: 65001, groups: [nva]}\n"
                + "  - {address: 10.1.3.4, asn: 65515, groups: [vpn-gateway]}\n"
                + "  - {address: 10.1.3.5, asn: 65515, groups: [expressroute-gateway]}\n"
                + "templates:\n  - {name: spoke, range: 10.2.0.0/24, asn: 65010}\n");

    assertEquals(
        bothFamilies(PrefixLimit.azure(4000)), config.peers().get(0).session().prefixLimits());
    assertEquals(Map.of(), config.peers().get(1).session().prefixLimits());
    assertEquals(Map.of(), config.peers().get(2).session().prefixLimits());
    assertEquals(
        bothFamilies(PrefixLimit.azure(4000)), dynamicSession(config, "10.2.0.7").prefixLimits());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"transparent", "router"})
  void otherProfilesCountTheRoutesHeldAndSetNoLimitByDefault(String profile)
      throws ConfigException {
    ServeConfig config =
        read(
            "asn: 65001\nrouterId: 10.1.1.4\nprofile: "
                + profile
                + "\npeers:\n"
                + "  - {address: 10.1.0.4, asn: 65002, maxPrefixes: 1000}\n"
                + "  - {address: 10.1.0.5, asn: 65003}\n"
                + "templates:\n  - {name: spoke, range: 10.2.0.0/24, asn: 65010}\n");

    assertEquals(
        bothFamilies(PrefixLimit.tearDown(1000)), config.peers().get(0).session().prefixLimits());
    assertEquals(Map.of(), config.peers().get(1).session().prefixLimits());
    assertEquals(Map.of(), dynamicSession(config, "10.2.0.7").prefixLimits());
  }

  @Test
  void withTheAzureProfileWarnsOfPeerAsnsAzureRefusesAndHoldTimesOtherThan180()
      throws ConfigException {
    ServeConfig config =
        read(
            "asn: 65515\nrouterId: 10.1.1.4\nprofile: azure\npeers:\n"
                + "  - {address: 10.1.0.4, asn: 12076}\n"
                + "  - {address: 10.1.0.5, asn: 65001, holdTime: 90}\n"
                + "  - {address: 10.1.0.6, asn: 4200000000, holdTime: 180}\n"
                + "  - {address: 10.1.3.4, asn: 65515, groups: [vpn-gateway]}\n"
                + "templates:\n  - {name: spoke, range: 10.2.0.0/24, asn: 65515}\n");

    assertEquals(
        List.of(
            "rs.yaml:5:30: peers[0].asn: 12076 is reserved by Azure or IANA (expected: another"
                + " ASN, FAQ)",
            "rs.yaml:6:47: peers[1].holdTime: 90 s, where Azure Route Server uses 180 s (FAQ:"
                + " keepalive 60 s, hold 180 s)",
            "rs.yaml:7:30: peers[2].asn: 4200000000 is a 4-byte ASN (expected: a 2-byte ASN,"
                + " FAQ)",
            "rs.yaml:10:44: templates[0].asn: 65515 is Route Server's own AS (expected: a"
                + " different AS; sessions are eBGP only, FAQ)"),
        config.warnings());
  }

  @Test
  void withTheAzureProfilePeersWithoutHoldTimeOfferAzures180Seconds() throws ConfigException {
    ServeConfig config =
        read(
            "asn: 65515\nrouterId: 10.1.1.4\nprofile: azure\n"
                + "peers:\n  - {address: 10.1.0.4, asn: 65001}\n"
                + "templates:\n  - {name: spoke, range: 10.2.0.0/24, asn: 65010}\n");

    assertEquals(180, config.peers().get(0).session().holdTime());
    assertEquals(180, dynamicSession(config, "10.2.0.7").holdTime());
  }

  @Test
  void withTheAzureProfileSessionsOfferIpv4UnicastAloneAndOtherwiseBothFamilies()
      throws ConfigException {
    String peers =
        "peers:\n  - {address: 10.1.0.4, asn: 65001}\n"
            + "templates:\n  - {name: spoke, range: 10.2.0.0/24, asn: 65010}\n";
    ServeConfig azure = read("asn: 65515\nrouterId: 10.1.1.4\nprofile: azure\n" + peers);
    ServeConfig transparent =
        read("asn: 65515\nrouterId: 10.1.1.4\nprofile: transparent\n" + peers);

    Set<AfiSafi> ipv4 = Set.of(AfiSafi.IPV4_UNICAST);
    assertEquals(ipv4, Set.copyOf(azure.peers().get(0).session().families()));
    assertEquals(ipv4, Set.copyOf(dynamicSession(azure, "10.2.0.7").families()));
    assertEquals(
        Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST),
        Set.copyOf(transparent.peers().get(0).session().families()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"transparent", "router"})
  void otherProfilesTakeAnyAsnAndHoldTimeWithoutWarnings(String profile) throws ConfigException {
    ServeConfig config =
        read(
            "asn: 65001\nrouterId: 10.1.1.4\nprofile: "
                + profile
                + "\npeers:\n"
                + "  - {address: 10.1.0.4, asn: 12076, holdTime: 30}\n"
                + "  - {address: 10.1.0.5, asn: 65515}\n");

    assertEquals(List.of(), config.warnings());
    assertEquals(30, config.peers().get(0).session().holdTime());
    assertEquals(90, config.peers().get(1).session().holdTime());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "asn: 65515\\nrouterId: 10.1.1.4\\nbogus: 1\\n| rs.yaml:3:1: bogus: unknown key",
        "routerId: 10.1.1.4\\n| rs.yaml:1:1: missing key 'asn'",
        "asn: 65515\\nrouterId: 2001:db8::1\\n| rs.yaml:2:11: routerId: '2001:db8::1' (expected: an IPv4 address)",
        "asn: x\\nrouterId: 10.1.1.4\\n| rs.yaml:1:6: asn: expected a number from 1 to 4294967295, got 'x'",
        "asn: 65515\\nrouterId: 10.1.1.4\\nprofile: ixp\\n| rs.yaml:3:10: profile: 'ixp' (expected: transparent, router, azure)",
        "asn: 65001\\nrouterId: 10.1.1.4\\nprofile: azure\\n| rs.yaml:1:6: asn: 65001 (expected: 65515 with 'profile: azure', the AS of every Azure Route Server)",
        "asn: 65515\\nrouterId: 10.1.1.4\\npeers:\\n  - address: 10.1.0.4\\n    asn: 65001\\n    holdTime: 2\\n| rs.yaml:6:15: peers[0].holdTime: 1 and 2 are not allowed",
        "asn: 65515\\nrouterId: 10.1.1.4\\npeers:\\n  - address: 10.1.0.4\\n    asn: 65001\\n    md5PasswordEnv: NOPE\\n| rs.yaml:6:21: peers[0].md5PasswordEnv: environment variable 'NOPE' is not set",
        "asn: 65515\\nrouterId: 10.1.1.4\\npeers:\\n  - address: 10.1.0.4\\n    asn: 65001\\n  - address: 10.1.0.4\\n    asn: 65002\\n| rs.yaml:6:14: peers[1].address: peer 10.1.0.4 is configured twice",
        "asn: 65515\\nrouterId: 10.1.1.4\\npolicies:\\n  peers:\\n    - group: nva\\n      import: [nope]\\n| rs.yaml:6:16: policies.peers[0].import[0]: no policy named 'nope'",
        "asn: 65515\\nrouterId: [10.1.1.4\\n| rs.yaml:2:20: YAML syntax",
        "asn: 65515\\nrouterId: 10.1.1.4\\nprofile: azure\\nazure:\\n  topology: config/hub-and-spoke.json\\n  output: out\\n  interval: 5\\n| rs.yaml:7:3: azure.interval: unknown key",
        "asn: 65515\\nrouterId: 10.1.1.4\\nazure:\\n  topology: config/hub-and-spoke.json\\n  output: out\\n| rs.yaml:3:1: azure: needs 'profile: azure'",
        "asn: 65515\\nrouterId: 10.1.1.4\\nprofile: azure\\nazure:\\n  output: out\\n| rs.yaml:5:3: azure: missing key 'topology'",
        "asn: 65515\\nrouterId: 10.1.1.4\\nprofile: azure\\nazure:\\n  topology: no/such.json\\n  output: out\\n| rs.yaml:5:13: azure.topology: no such file: ",
        "asn: 65515\\nrouterId: 10.1.1.4\\nprofile: azure\\nazure:\\n  topology: config/hub-and-spoke.json\\n  output: config/routeserver.yaml\\n| rs.yaml:6:11: azure.output: ",
      })
  void namesFileLineColumnAndFieldOfEveryMistake(String yaml, String expected) {
    String message = error(yaml.replace("\\n", "\n"));
    assertTrue(message.startsWith(expected), message);
    assertEquals(1, message.lines().count(), message);
  }
}
