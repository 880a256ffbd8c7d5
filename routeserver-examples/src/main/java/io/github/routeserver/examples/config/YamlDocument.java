package io.github.routeserver.examples.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML file parsed into a tree that remembers where each value starts, so that any problem with a
 * value becomes one {@link ConfigException} line naming file, line, column and field. Jackson
 * parses the text twice: a streaming pass records the location of each value by its JSON pointer,
 * and a tree pass gives the values.
 */
final class YamlDocument {
  private static final YAMLMapper MAPPER = new YAMLMapper();

  private final String file;
  private final Map<String, JsonLocation> locations;
  private final JsonNode root;

  private YamlDocument(String file, Map<String, JsonLocation> locations, JsonNode root) {
    this.file = file;
    this.locations = locations;
    this.root = root;
  }

  /** Reads {@code path}; errors name it by its file name. */
  static YamlDocument read(Path path) throws ConfigException {
    String name = String.valueOf(path.getFileName());
    try {
      return parse(name, Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(name, 0, 0, "", "cannot read the file: " + e);
    }
  }

  /** Parses {@code yaml}; errors name it {@code file}. */
  static YamlDocument parse(String file, String yaml) throws ConfigException {
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
      throw new ConfigException(
          file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "", problem);
    } catch (IOException e) {
      throw new ConfigException(file, 0, 0, "", "cannot read: " + e);
    }
    return new YamlDocument(
        file, locations, root == null || root.isMissingNode() ? MAPPER.createObjectNode() : root);
  }

  /** The document's top value (an empty map for an empty document). */
  YamlNode root() {
    return new YamlNode(this, root, "", "", "");
  }

  /** The problem {@code problem} of the value at {@code pointer}, located as near as known. */
  ConfigException error(String pointer, String path, String problem) {
    JsonLocation at = locations.get(pointer);
    while (at == null && !pointer.isEmpty()) {
      pointer = pointer.substring(0, pointer.lastIndexOf('/'));
      at = locations.get(pointer);
    }
    return new ConfigException(
        file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), path, problem);
  }
}
