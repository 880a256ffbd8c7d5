package io.github.routeserver.azure.arm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A JSON value that remembers where it was read (source, line, column, path), so that every error
 * about ARM input can name the file, line, column and field in one line. Jackson's tree model drops
 * locations, so this small tree is built from Jackson's streaming parser. Immutable.
 */
final class LocatedJson {
  enum Kind {
    OBJECT,
    ARRAY,
    STRING,
    NUMBER,
    BOOLEAN,
    NULL
  }

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final Kind kind;
  private final String source;
  private final String path;
  private final int line;
  private final int column;
  private final @Nullable String scalar;
  private final ImmutableMap<String, LocatedJson> fields;
  private final ImmutableList<LocatedJson> items;

  private LocatedJson(
      Kind kind,
      String source,
      String path,
      int line,
      int column,
      @Nullable String scalar,
      ImmutableMap<String, LocatedJson> fields,
      ImmutableList<LocatedJson> items) {
    this.kind = kind;
    this.source = source;
    this.path = path;
    this.line = line;
    this.column = column;
    this.scalar = scalar;
    this.fields = fields;
    this.items = items;
  }

  /** Parses one JSON document from {@code reader}; {@code source} names it in errors. */
  static LocatedJson parse(String source, Reader reader) {
    try (JsonParser parser = FACTORY.createParser(reader)) {
      if (parser.nextToken() == null) {
        throw new ArmReadException(source, 1, 1, "", "empty file (expected: ARM JSON)");
      }
      LocatedJson root = read(parser, source, "");
      if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        throw new ArmReadException(
            source, at.getLineNr(), at.getColumnNr(), "", "more than one JSON value in the file");
      }
      return root;
    } catch (JsonParseException e) {
      JsonLocation at = e.getLocation();
      String field = e.getProcessor() == null ? "" : fieldPath(e.getProcessor());
      throw new ArmReadException(
          source,
          at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(),
          field,
          "malformed JSON: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ArmReadException(source, 0, 0, "", "cannot read: " + firstLine(e.getMessage()));
    }
  }

  private static String fieldPath(JsonParser parser) {
    String pointer = parser.getParsingContext().pathAsPointer().toString();
    StringBuilder path = new StringBuilder();
    for (String step : pointer.split("/")) {
      if (step.isEmpty()) {
        continue;
      }
      if (step.chars().allMatch(Character::isDigit)) {
        path.append('[').append(step).append(']');
      } else {
        path.append(path.length() == 0 ? "" : ".").append(step);
      }
    }
    return path.toString();
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static LocatedJson read(JsonParser parser, String source, String path)
      throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, LocatedJson> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          fields.put(name, read(parser, source, path.isEmpty() ? name : path + "." + name));
        }
        return new LocatedJson(
            Kind.OBJECT,
            source,
            path,
            line,
            column,
            null,
            ImmutableMap.copyOf(fields),
            ImmutableList.of());
      }
      case START_ARRAY -> {
        ImmutableList.Builder<LocatedJson> items = ImmutableList.builder();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(parser, source, path + "[" + index++ + "]"));
        }
        return new LocatedJson(
            Kind.ARRAY, source, path, line, column, null, ImmutableMap.of(), items.build());
      }
      case VALUE_STRING -> {
        return scalar(Kind.STRING, source, path, line, column, parser.getText());
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return scalar(Kind.NUMBER, source, path, line, column, parser.getText());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return scalar(Kind.BOOLEAN, source, path, line, column, parser.getText());
      }
      case VALUE_NULL -> {
        return scalar(Kind.NULL, source, path, line, column, null);
      }
      default ->
          throw new ArmReadException(source, line, column, path, "unexpected JSON token " + token);
    }
  }

  private static LocatedJson scalar(
      Kind kind, String source, String path, int line, int column, @Nullable String text) {
    return new LocatedJson(
        kind, source, path, line, column, text, ImmutableMap.of(), ImmutableList.of());
  }

  /** A string value at the place of this one (template expressions evaluate to these). */
  LocatedJson withString(String text) {
    return scalar(Kind.STRING, source, path, line, column, text);
  }

  /** This value moved to the place of {@code at} (a parameter's value where it is used). */
  LocatedJson relocatedTo(LocatedJson at) {
    return new LocatedJson(kind, at.source, at.path, at.line, at.column, scalar, fields, items);
  }

  /** This object or array with every value replaced by {@code function} of it, recursively. */
  LocatedJson mapStrings(Function<LocatedJson, LocatedJson> function) {
    return switch (kind) {
      case STRING -> function.apply(this);
      case OBJECT -> {
        Map<String, LocatedJson> mapped = new LinkedHashMap<>();
        fields.forEach((k, v) -> mapped.put(k, v.mapStrings(function)));
        yield new LocatedJson(
            kind, source, path, line, column, null, ImmutableMap.copyOf(mapped), items);
      }
      case ARRAY ->
          new LocatedJson(
              kind,
              source,
              path,
              line,
              column,
              null,
              fields,
              items.stream()
                  .map(i -> i.mapStrings(function))
                  .collect(ImmutableList.toImmutableList()));
      default -> this;
    };
  }

  Kind kind() {
    return kind;
  }

  String path() {
    return path;
  }

  boolean isObject() {
    return kind == Kind.OBJECT;
  }

  boolean isArray() {
    return kind == Kind.ARRAY;
  }

  /** The fields of an object, in file order. */
  ImmutableMap<String, LocatedJson> fields() {
    return fields;
  }

  /** The items of an array. */
  ImmutableList<LocatedJson> items() {
    return items;
  }

  /** The field {@code name} of this object, if present and not null. */
  Optional<LocatedJson> field(String name) {
    LocatedJson value = kind == Kind.OBJECT ? fields.get(name) : null;
    return value == null || value.kind == Kind.NULL ? Optional.empty() : Optional.of(value);
  }

  /** The field at the dotted {@code path}, if every step is present. */
  Optional<LocatedJson> at(String dottedPath) {
    Optional<LocatedJson> node = Optional.of(this);
    for (String step : dottedPath.split("\\.")) {
      node = node.flatMap(n -> n.field(step));
    }
    return node;
  }

  /** The field at {@code dottedPath}, which must be present. */
  LocatedJson require(String dottedPath) {
    return at(dottedPath)
        .orElseThrow(
            () -> error(dottedPath, "missing (expected: " + dottedPath.replace('.', ' ') + ")"));
  }

  /** The string value of this node. */
  String asText() {
    if (kind != Kind.STRING) {
      throw error("", "is " + kind.name().toLowerCase(Locale.ROOT) + " (expected: a string)");
    }
    return scalar;
  }

  /** An optional string at {@code dottedPath}. */
  Optional<String> text(String dottedPath) {
    return at(dottedPath).map(LocatedJson::asText);
  }

  /** A boolean at {@code dottedPath}, {@code otherwise} if absent. */
  boolean bool(String dottedPath, boolean otherwise) {
    Optional<LocatedJson> node = at(dottedPath);
    if (node.isEmpty()) {
      return otherwise;
    }
    String text = node.get().scalar;
    if (node.get().kind == Kind.BOOLEAN
        || (node.get().kind == Kind.STRING && ("true".equals(text) || "false".equals(text)))) {
      return Boolean.parseBoolean(text);
    }
    throw node.get().error("", "'" + text + "' (expected: true or false)");
  }

  /** A non-negative whole number at {@code dottedPath} (ARM prints some as strings). */
  Optional<Long> number(String dottedPath) {
    return at(dottedPath)
        .map(
            n -> {
              try {
                if (n.kind == Kind.NUMBER || n.kind == Kind.STRING) {
                  long value = Long.parseLong(n.scalar);
                  if (value >= 0) {
                    return value;
                  }
                }
              } catch (NumberFormatException e) {
                // reported below
              }
              throw n.error("", "'" + n.scalar + "' (expected: a whole number >= 0)");
            });
  }

  /** The items of the array at {@code dottedPath}; empty when absent. */
  ImmutableList<LocatedJson> array(String dottedPath) {
    Optional<LocatedJson> node = at(dottedPath);
    if (node.isEmpty()) {
      return ImmutableList.of();
    }
    if (node.get().kind != Kind.ARRAY) {
      throw node.get()
          .error(
              "",
              "is " + node.get().kind.name().toLowerCase(Locale.ROOT) + " (expected: an array)");
    }
    return node.get().items;
  }

  /** This string as a prefix. */
  Prefix asPrefix() {
    String text = asText();
    return Prefix.tryParse(text)
        .orElseThrow(
            () -> error("", "'" + text + "' is not a prefix (expected: e.g. 10.0.0.0/16)"));
  }

  /** This string as an IP address. */
  IpAddress asAddress() {
    String text = asText();
    return IpAddress.tryParse(text)
        .orElseThrow(() -> error("", "'" + text + "' is not an IP address"));
  }

  /** The prefixes of the string array at {@code dottedPath}; empty when absent. */
  ImmutableList<Prefix> prefixes(String dottedPath) {
    return array(dottedPath).stream()
        .map(LocatedJson::asPrefix)
        .collect(ImmutableList.toImmutableList());
  }

  /** Where this value was read, for messages: {@code file:line:column (path)}. */
  String where() {
    return source + ":" + line + ":" + column + (path.isEmpty() ? "" : " (" + path + ")");
  }

  /** An error about {@code relativePath} below this node (or this node, if empty). */
  ArmReadException error(String relativePath, String problem) {
    String field =
        relativePath.isEmpty() ? path : path.isEmpty() ? relativePath : path + "." + relativePath;
    return new ArmReadException(source, line, column, field, problem);
  }
}
