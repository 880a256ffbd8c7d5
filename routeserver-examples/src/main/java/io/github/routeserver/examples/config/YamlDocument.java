package io.github.routeserver.examples.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
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
  // A key given twice is an error, not "the last one wins".
  private static final YAMLMapper MAPPER =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final String file;
  private final Map<String, JsonLocation> keys;
  private final Map<String, JsonLocation> values;
  private final JsonNode root;

  private YamlDocument(
      String file,
      Map<String, JsonLocation> keys,
      Map<String, JsonLocation> values,
      JsonNode root) {
    this.file = file;
    this.keys = keys;
    this.values = values;
    this.root = root;
  }

  /** Reads {@code path}; errors name it as given. */
  static YamlDocument read(Path path) throws ConfigException {
    String name = path.toString();
    try {
      return parse(name, Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException(name, 0, 0, "", "cannot read the file: " + e);
    }
  }

  /** Parses {@code yaml}; errors name it {@code file}. */
  static YamlDocument parse(String file, String yaml) throws ConfigException {
    Map<String, JsonLocation> keys = new HashMap<>();
    Map<String, JsonLocation> values = new HashMap<>();
    JsonNode root;
    try {
      try (JsonParser parser = MAPPER.getFactory().createParser(yaml)) {
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
          if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            (token == JsonToken.FIELD_NAME ? keys : values)
                .putIfAbsent(pointer, parser.currentTokenLocation());
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
        file,
        keys,
        values,
        root == null || root.isMissingNode() ? MAPPER.createObjectNode() : root);
  }

  /** The document's top value (an empty map for an empty document). */
  YamlNode root() {
    return new YamlNode(this, root, "", "", "");
  }

  /**
   * The problem {@code problem} of the value at {@code pointer} (or of its key, with {@code
   * atKey}), located as near as known.
   */
  ConfigException error(String pointer, String path, String problem, boolean atKey) {
    JsonLocation at = atKey ? keys.get(pointer) : values.get(pointer);
    while (at == null && !pointer.isEmpty()) {
      at = keys.get(pointer);
      pointer = pointer.substring(0, pointer.lastIndexOf('/'));
      at = at != null ? at : values.get(pointer);
    }
    return new ConfigException(
        file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), path, problem);
  }
}
