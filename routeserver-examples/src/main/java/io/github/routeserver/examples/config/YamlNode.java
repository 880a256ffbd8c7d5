package io.github.routeserver.examples.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * A value of a {@link YamlDocument} with where it is: its JSON pointer (to find its line) and its
 * path as errors print it ({@code policies.customer-in.terms[1].then}); {@link #key} is its key in
 * its map, if it has one. The static readers ({@link #text}, {@link #number}, ...) turn a value
 * into what a configuration needs or fail with a {@link ConfigException} that points at it.
 */
final class YamlNode {
  private final YamlDocument document;
  final JsonNode json;
  final String pointer;
  final String path;
  final String key;

  YamlNode(YamlDocument document, JsonNode json, String pointer, String path, String key) {
    this.document = document;
    this.json = json;
    this.pointer = pointer;
    this.path = path;
    this.key = key;
  }

  boolean has(String name) {
    return json.has(name);
  }

  YamlNode child(String name) {
    return new YamlNode(
        document,
        json.path(name),
        pointer + "/" + name.replace("~", "~0").replace("/", "~1"),
        path.isEmpty() ? name : path + "." + name,
        name);
  }

  YamlNode required(String name) throws ConfigException {
    if (!json.has(name)) {
      throw fail(this, "missing key '" + name + "'");
    }
    return child(name);
  }

  /** The entries of a map; none for a missing node. */
  List<YamlNode> entries() throws ConfigException {
    if (json.isMissingNode() || json.isNull()) {
      return List.of();
    }
    if (!json.isObject()) {
      throw fail(this, "expected a map, got " + describe(json));
    }
    List<YamlNode> entries = new ArrayList<>();
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      YamlNode entry = child(names.next());
      if (entry.key.isBlank()) {
        // No map of ours has a blank key: it is a mistake wherever it is (a name, a field).
        throw failAtKey(entry, "a blank key");
      }
      entries.add(entry);
    }
    return entries;
  }

  /** The elements of a list; a single value counts as a list of one; none for a missing node. */
  List<YamlNode> list() throws ConfigException {
    if (json.isMissingNode() || json.isNull()) {
      return List.of();
    }
    if (!json.isArray()) {
      if (json.isObject()) {
        throw fail(this, "expected a list, got a map");
      }
      return List.of(this);
    }
    List<YamlNode> elements = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      elements.add(
          new YamlNode(document, json.get(i), pointer + "/" + i, path + "[" + i + "]", key));
    }
    return elements;
  }

  /** A function of a node's text that may throw {@link IllegalArgumentException}. */
  interface Parser<T> {
    T parse(String text) throws ConfigException;
  }

  /**
   * Applies {@code parser} to the node's text (or "" for a collection), as an error of the node.
   */
  static <T> T parse(YamlNode node, Parser<T> parser) throws ConfigException {
    return build(node, () -> parser.parse(node.json.isValueNode() ? node.json.asText() : ""));
  }

  /** A value made from a node's content. */
  interface Builder<T> {
    T build() throws ConfigException;
  }

  /** Runs {@code builder}, turning a validation failure into an error of {@code node}. */
  static <T> T build(YamlNode node, Builder<T> builder) throws ConfigException {
    try {
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw fail(node, String.valueOf(e.getMessage()));
    }
  }

  /** A node's text that names something (a peer, a group, a term): not blank. */
  static String name(YamlNode node) throws ConfigException {
    String name = text(node);
    if (name.isBlank()) {
      throw fail(node, "a blank name");
    }
    return name;
  }

  static String text(YamlNode node) throws ConfigException {
    if (!node.json.isValueNode() || node.json.isNull()) {
      throw fail(node, "expected a value, got " + describe(node.json));
    }
    return node.json.asText();
  }

  static long number(YamlNode node, long min, long max) throws ConfigException {
    if (!node.json.isIntegralNumber() || node.json.asLong() < min || node.json.asLong() > max) {
      throw fail(
          node, "expected a number from " + min + " to " + max + ", got " + describe(node.json));
    }
    return node.json.asLong();
  }

  static boolean bool(YamlNode node) throws ConfigException {
    if (!node.json.isBoolean()) {
      throw fail(node, "expected true or false, got " + describe(node.json));
    }
    return node.json.asBoolean();
  }

  /** An enum constant written in lower case with dashes: {@code rs-client}, {@code not-found}. */
  static <E extends Enum<E>> E choice(YamlNode node, Class<E> type) throws ConfigException {
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

  /** Fails unless {@code node} is missing or a map whose keys are all in {@code allowed}. */
  static void checkKeys(YamlNode node, List<String> allowed) throws ConfigException {
    if (node.json.isMissingNode()) {
      return;
    }
    if (!node.json.isObject()) {
      throw fail(node, "expected a map with keys " + allowed + ", got " + describe(node.json));
    }
    for (YamlNode entry : node.entries()) {
      if (!allowed.contains(entry.key)) {
        throw failAtKey(entry, "unknown key (expected: " + String.join(", ", allowed) + ")");
      }
    }
  }

  /** The error {@code problem} located at {@code node}'s key, for problems with the key itself. */
  static ConfigException failAtKey(YamlNode node, String problem) {
    return node.document.error(node.pointer, node.path, problem, true);
  }

  /** The error {@code problem} located at {@code node}'s value. */
  static ConfigException fail(YamlNode node, String problem) {
    return node.document.error(node.pointer, node.path, problem, false);
  }

  /**
   * The warning {@code problem} about {@code node}'s value: one line shaped like an error's, with
   * file, line, column and field.
   */
  static String warning(YamlNode node, String problem) {
    return fail(node, problem).getMessage();
  }

  private static String describe(JsonNode json) {
    return json.isObject()
        ? "a map"
        : json.isArray() ? "a list" : json.isNull() ? "nothing" : "'" + json.asText() + "'";
  }
}
