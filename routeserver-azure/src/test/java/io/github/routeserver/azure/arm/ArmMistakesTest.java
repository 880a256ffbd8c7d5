package io.github.routeserver.azure.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ARM documents with one mistake each: every one is a single {@link ArmReadException} line that
 * names the file, line, column and field, with no stack trace, and no topology comes back.
 */
class ArmMistakesTest {
  private static final String NET =
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network";

  private static final String TABLE = shown("routeTables/t", "routeTables", "{}");

  private static final String SUBNET = "{\"addressPrefix\": \"10.0.0.0/24\"}";

  static Stream<Arguments> mistakes() {
    return Stream.of(
        mistake("empty file", "", "1:1"),
        mistake("not JSON", "hello", "1:"),
        mistake("truncated object", "{\"id\": \"" + NET + "/routeTables/t\",", "1:"),
        mistake("trailing garbage", "{} }", "1:"),
        mistake("a number at the top", "42", "1:1"),
        mistake(
            "a line break inside a quoted value (found by ArmTopologyFuzzTarget)",
            "{\"id\": \"not\\nan-id\", \"type\": \"Microsoft.Network/routeTables\"}",
            "1:8: id"),
        mistake("no type", "{\"id\": \"" + NET + "/routeTables/t\"}", "1:1: type"),
        mistake("no id", "{\"type\": \"Microsoft.Network/routeTables\"}", "1:1: id"),
        mistake(
            "an id that is not a resource id",
            "{\"id\": \"not-an-id\", \"type\": \"Microsoft.Network/routeTables\"}",
            "1:8: id"),
        mistake(
            "a prefix that is not a prefix",
            vnet("\"addressSpace\": {\"addressPrefixes\": [\"10.0.0/16\"]}"),
            "properties.addressSpace.addressPrefixes[0]"),
        mistake(
            "a prefix of the wrong type",
            vnet("\"addressSpace\": {\"addressPrefixes\": [16]}"),
            "properties.addressSpace.addressPrefixes[0]"),
        mistake(
            "address prefixes that are not a list",
            vnet("\"addressSpace\": {\"addressPrefixes\": \"10.0.0.0/16\"}"),
            "properties.addressSpace.addressPrefixes"),
        mistake(
            "a virtual network without an address space",
            vnet("\"adressSpace\": {\"addressPrefixes\": [\"10.0.0.0/16\"]}"),
            "1:1: properties.addressSpace.addressPrefixes: missing"),
        mistake(
            "a virtual network with an empty address space",
            vnet("\"addressSpace\": {\"addressPrefixes\": []}"),
            "properties.addressSpace.addressPrefixes: empty (expected: the virtual network's"
                + " address prefixes)"),
        mistake(
            "a route without a next hop type",
            routeTable("{\"name\": \"r\", \"properties\": {\"addressPrefix\": \"10.0.0.0/8\"}}"),
            "nextHopType"),
        mistake(
            "an unknown next hop type",
            routeTable(
                "{\"name\": \"r\", \"properties\": {\"addressPrefix\": \"10.0.0.0/8\","
                    + " \"nextHopType\": \"Teleport\"}}"),
            "nextHopType"),
        mistake(
            "a next hop address that is not an address",
            routeTable(
                "{\"name\": \"r\", \"properties\": {\"addressPrefix\": \"10.0.0.0/8\","
                    + " \"nextHopType\": \"VirtualAppliance\", \"nextHopIpAddress\": \"10.0.0\"}}"),
            "nextHopIpAddress"),
        mistake(
            "an inline route with an empty name",
            routeTable(
                "{\"name\": \"\", \"properties\": {\"addressPrefix\": \"10.0.0.0/8\","
                    + " \"nextHopType\": \"None\"}}"),
            "1:177: properties.routes[0].name: empty (expected: the route's name)"),
        mistake(
            "a route resource with an empty name",
            "{\"id\": \""
                + NET
                + "/routeTables/t/routes/r\", \"name\": \"\", \"type\":"
                + " \"Microsoft.Network/routeTables/routes\", \"properties\":"
                + " {\"addressPrefix\": \"10.0.0.0/8\", \"nextHopType\": \"None\"}}",
            "1:105: name: empty (expected: the route's name)"),
        mistake(
            "a template route resource with an empty name",
            "{\"resources\": [{\"type\": \"Microsoft.Network/routeTables\", \"name\": \"t\","
                + " \"resources\": [{\"type\": \"routes\", \"name\": \"\", \"properties\":"
                + " {\"addressPrefix\": \"10.0.0.0/8\", \"nextHopType\": \"None\"}}]}]}",
            "resources[0].resources[0].name: 't/' (expected: 2 non-empty names separated by / for"
                + " type Microsoft.Network/routeTables/routes)"),
        mistake(
            "a route prefix with a length past 32",
            routeTable(route("10.0.0.0/33")),
            "1:214: properties.routes[0].properties.addressPrefix: '10.0.0.0/33' is not a prefix"),
        mistake(
            "a route prefix that is an address without a length",
            routeTable(route("10.0.0.5")),
            "properties.routes[0].properties.addressPrefix: '10.0.0.5' is not a prefix"),
        mistake(
            "a route prefix with three octets",
            routeTable(route("10.0.0/8")),
            "properties.routes[0].properties.addressPrefix: '10.0.0/8' is not a prefix"),
        mistake(
            "a route prefix that is a bad IPv6 prefix",
            routeTable(route("fd00::/129")),
            "properties.routes[0].properties.addressPrefix: 'fd00::/129' is not a prefix"),
        mistake(
            "two inline routes with the same name, ignoring case",
            routeTable(
                "{\"name\": \"r1\", \"properties\": {\"addressPrefix\": \"0.0.0.0/0\","
                    + " \"nextHopType\": \"Internet\"}}, {\"name\": \"R1\", \"properties\":"
                    + " {\"addressPrefix\": \"10.9.0.0/16\", \"nextHopType\": \"None\"}}"),
            "properties.routes[1].name: route 'R1' is already in route table "
                + NET
                + "/routeTables/t at mistake.json:1:168 (properties.routes[0]) (expected: route"
                + " names unique in a table, ignoring case)"),
        mistake(
            "two route resources with the same name",
            "["
                + TABLE
                + ", "
                + routeResource("r", "10.0.0.0/8")
                + ", "
                + routeResource("R", "10.0.0.0/8")
                + "]",
            "[2].name: route 'R' is already in route table " + NET + "/routeTables/t at"),
        mistake(
            "a route given inline and as a resource, differently",
            "["
                + routeTable(
                    "{\"name\": \"r\", \"properties\": {\"addressPrefix\": \"10.0.0.0/8\","
                        + " \"nextHopType\": \"None\"}}")
                + ", "
                + routeResource("r", "10.9.0.0/16")
                + "]",
            "[1].name: route 'r' differs from the route of that name at mistake.json:1:169"
                + " ([0].properties.routes[0])"),
        mistake(
            "a subnet of a virtual network that is not in the input",
            shown("virtualNetworks/v/subnets/s", "virtualNetworks/subnets", SUBNET),
            "not in the input"),
        mistake(
            "a subnet whose route table is not in the input",
            vnet(
                "\"addressSpace\": {\"addressPrefixes\": [\"10.0.0.0/16\"]}, \"subnets\":"
                    + " [{\"name\": \"s\", \"properties\": {\"addressPrefix\": \"10.0.0.0/24\","
                    + " \"routeTable\": {\"id\": \""
                    + NET
                    + "/routeTables/rt-app\"}}}]"),
            "1:313: properties.subnets[0].properties.routeTable.id: route table "
                + NET
                + "/routeTables/rt-app is not in the input"),
        mistake(
            "a route of a route table that is not in the input",
            routeResource("r", "10.0.0.0/8"),
            "1:1: a route of route table " + NET + "/routeTables/t, which is not in the input"),
        // Found by ArmTopologyFuzzTarget: child resources whose id has no parent.
        mistake(
            "a subnet whose id is a top-level resource",
            shown("virtualNetworks/v", "virtualNetworks/subnets", SUBNET),
            "1:1: id: '" + NET + "/virtualNetworks/v' (expected: the id of a child resource)"),
        mistake(
            "a route whose id is a top-level resource",
            shown(
                "routeTables/t",
                "routeTables/routes",
                "{\"addressPrefix\": \"10.0.0.0/8\", \"nextHopType\": \"None\"}"),
            "1:1: id: '" + NET + "/routeTables/t' (expected: the id of a child resource)"),
        mistake(
            "a BGP connection whose id is a top-level resource",
            shown("virtualHubs/h", "virtualHubs/bgpConnections", "{}"),
            "(expected: the id of a child resource)"),
        mistake(
            "an inline subnet whose id is a top-level resource",
            vnet(
                "\"addressSpace\": {\"addressPrefixes\": [\"10.0.0.0/16\"]}, \"subnets\": [{\"id\":"
                    + " \""
                    + NET
                    + "/virtualNetworks/w\", \"name\": \"s\", \"properties\":"
                    + " {\"addressPrefix\": \"10.0.0.0/24\"}}]"),
            "(expected: the id of a child resource)"),
        mistake(
            "a template with an unsupported function",
            "{\"resources\": [{\"type\": \"Microsoft.Network/routeTables\", \"name\":"
                + " \"[uniqueString('x')]\"}]}",
            "name"),
        mistake("a document nested too deep", "[".repeat(5000) + "]".repeat(5000), "nesting depth"),
        mistake(
            "a template variable whose value uses itself",
            template("{\"v\": \"[variables('v')]\"}", "[variables('v')]"),
            "resources[0].name: template expression [variables('v')]: variable 'v' refers to"
                + " itself: v -> v"),
        mistake(
            "template variables that use each other",
            template(
                "{\"o\": \"x\", \"a\": \"[concat('x', variables('b'))]\","
                    + " \"b\": \"[variables('A')]\"}",
                "[concat(variables('o'), variables('a'))]"),
            "resources[0].name: template expression [variables('A')]: variable 'A' refers to"
                + " itself: a -> b -> A"),
        mistake(
            "a template expression nested too deep",
            template("{}", "[" + "concat(".repeat(1000) + "'x'" + ")".repeat(1000) + "]"),
            "resources[0].name: template expression [concat(concat("),
        mistake(
            "template variables chained too deep",
            ArmTopologyReaderTest.variableChain(1000),
            "nested deeper than 512 levels of calls and variables"),
        mistake(
            "template variables that double at each level",
            ArmTopologyReaderTest.doublingChain(128, "x", "[variables('v0')]"),
            "resources[0].name: template expression [concat(variables('v107'), variables('v107'))]:"
                + " evaluates to 2097152 characters (expected: at most 1048576)"),
        mistake(
            "template expressions that add up to too much",
            manyCopiesOfHalfAMebibyte(40),
            "resources[0].tags.t29: template expression [concat(variables('v0'), '29')]: the"
                + " template's expressions evaluate to more than 16777216 characters in all"));
  }

  /**
   * A template whose route table has {@code count} tags, each a copy of a variable of 512 Ki
   * characters ({@code v0}, made by doubling).
   */
  private static String manyCopiesOfHalfAMebibyte(int count) {
    String template = ArmTopologyReaderTest.doublingChain(20, "x", "rt");
    StringBuilder tags = new StringBuilder();
    for (int i = 0; i < count; i++) {
      tags.append(i == 0 ? "" : ", ")
          .append("\"t")
          .append(i)
          .append("\": \"[concat(variables('v0'), '")
          .append(i)
          .append("')]\"");
    }
    return template.replace("\"name\": \"rt\"", "\"name\": \"rt\", \"tags\": {" + tags + "}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void eachMistakeIsOneLineNamingFileLineAndColumn(String what, String json, String expected) {
    ArmReadException e =
        assertThrows(
            ArmReadException.class,
            () -> ArmTopologyReader.create().read("mistake.json", new StringReader(json)));
    String message = e.getMessage();
    assertTrue(message.startsWith("mistake.json:"), message);
    assertTrue(message.contains(expected), message + " (expected to contain: " + expected + ")");
    assertFalse(message.contains("\n"), message);
    assertFalse(message.contains("Exception"), message);
    assertEquals(0, e.getStackTrace().length);
  }

  private static Arguments mistake(String what, String json, String expected) {
    return Arguments.of(what, json, expected);
  }

  private static String shown(String id, String type, String properties) {
    return "{\"id\": \""
        + NET
        + "/"
        + id
        + "\", \"name\": \"x\", \"type\": \"Microsoft.Network/"
        + type
        + "\", \"properties\": "
        + properties
        + "}";
  }

  /** A template with {@code variables} (an object) and a route table named {@code name}. */
  private static String template(String variables, String name) {
    return "{\"variables\": "
        + variables
        + ", \"resources\": [{\"type\": \"Microsoft.Network/routeTables\", \"name\": \""
        + name
        + "\"}]}";
  }

  private static String vnet(String properties) {
    return shown("virtualNetworks/v", "virtualNetworks", "{" + properties + "}");
  }

  /** An inline route to {@code prefix} with next hop None. */
  private static String route(String prefix) {
    return "{\"name\": \"r\", \"properties\": {\"addressPrefix\": \""
        + prefix
        + "\", \"nextHopType\": \"None\"}}";
  }

  private static String routeResource(String name, String prefix) {
    return "{\"id\": \""
        + NET
        + "/routeTables/t/routes/"
        + name
        + "\", \"name\": \""
        + name
        + "\", \"type\": \"Microsoft.Network/routeTables/routes\", \"properties\":"
        + " {\"addressPrefix\": \""
        + prefix
        + "\", \"nextHopType\": \"None\"}}";
  }

  private static String routeTable(String route) {
    return shown("routeTables/t", "routeTables", "{\"routes\": [" + route + "]}");
  }
}
