package io.github.routeserver.azure.arm;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not thread-safe: evaluates the expressions of one template, remembering each variable's value.
 * The expressions are those exported ARM templates use for names and references: string literals,
 * {@code parameters('p')} (its {@code defaultValue}), {@code variables('v')}, {@code concat(...)}
 * and {@code resourceId([subscriptionId,] [resourceGroup,] type, name...)}. A string that starts
 * with {@code [[} is a literal {@code [}. Other functions, a variable whose value uses itself
 * (directly or through other variables), nesting deeper than {@link #MAX_DEPTH} and strings longer
 * than {@link #MAX_STRING_LENGTH} or adding up to more than {@link #MAX_TOTAL_LENGTH} are reported
 * with the field they appear in. Each variable is evaluated once, at its first use, so that
 * variables that each use the next twice cost time in proportion to their number, not to two to the
 * power of it.
 */
final class TemplateExpressions {
  /**
   * How deep evaluation may nest, where a call inside another and a variable's value inside the
   * call that names it each count one level: enough for a chain through all 256 variables ARM
   * allows, far more than templates use, and shallow enough not to run out of stack.
   */
  static final int MAX_DEPTH = 512;

  /**
   * The longest string an expression may evaluate to, in characters (1 Mi): far beyond any name or
   * resource id, and small enough that strings doubled through variables stop long before memory.
   */
  static final int MAX_STRING_LENGTH = 1 << 20;

  /**
   * The most characters the expressions of one template may produce in all (16 Mi), so that many
   * expressions each just below {@link #MAX_STRING_LENGTH} do not add up to exhaust memory either.
   */
  static final long MAX_TOTAL_LENGTH = 1 << 24;

  private final ImmutableMap<String, LocatedJson> parameters;
  private final ImmutableMap<String, LocatedJson> variables;
  private final String subscriptionId;
  private final String resourceGroup;
  private final Map<String, LocatedJson> evaluatedVariables = new HashMap<>();
  private long producedLength;

  TemplateExpressions(LocatedJson template, String subscriptionId, String resourceGroup) {
    this.subscriptionId = subscriptionId;
    this.resourceGroup = resourceGroup;
    ImmutableMap.Builder<String, LocatedJson> params = ImmutableMap.builder();
    template
        .field("parameters")
        .ifPresent(
            p ->
                p.fields()
                    .forEach(
                        (name, definition) ->
                            definition
                                .field("defaultValue")
                                .ifPresent(v -> params.put(name.toLowerCase(Locale.ROOT), v))));
    this.parameters = params.buildKeepingLast();
    ImmutableMap.Builder<String, LocatedJson> vars = ImmutableMap.builder();
    template
        .field("variables")
        .ifPresent(
            v ->
                v.fields()
                    .forEach((name, value) -> vars.put(name.toLowerCase(Locale.ROOT), value)));
    this.variables = vars.buildKeepingLast();
  }

  /** The id of a resource of {@code type} and {@code names} in this template's scope. */
  String resourceId(String type, List<String> names) {
    return resourceId(subscriptionId, resourceGroup, type, names);
  }

  private static String resourceId(
      String subscription, String group, String type, List<String> names) {
    String[] types = type.split("/");
    StringBuilder id =
        new StringBuilder("/subscriptions/")
            .append(subscription)
            .append("/resourceGroups/")
            .append(group)
            .append("/providers/")
            .append(types[0]);
    for (int i = 1; i < types.length; i++) {
      id.append('/')
          .append(types[i])
          .append('/')
          .append(i - 1 < names.size() ? names.get(i - 1) : "");
    }
    return id.toString();
  }

  /** {@code node} with every expression string replaced by its value. */
  LocatedJson evaluateAll(LocatedJson node) {
    return evaluateAll(node, ImmutableList.of(), 0);
  }

  /**
   * {@code node} evaluated inside the values of the variables {@code expanding} (outermost first),
   * {@code depth} calls deep.
   */
  private LocatedJson evaluateAll(LocatedJson node, ImmutableList<String> expanding, int depth) {
    return node.mapStrings(string -> evaluate(string, expanding, depth));
  }

  /** The value of the string {@code node}: itself, or what its expression evaluates to. */
  private LocatedJson evaluate(LocatedJson node, ImmutableList<String> expanding, int depth) {
    String text = node.asText();
    if (text.startsWith("[[")) {
      return node.withString(text.substring(1));
    }
    if (!text.startsWith("[") || !text.endsWith("]")) {
      return node;
    }
    Parser parser = new Parser(node, text.substring(1, text.length() - 1), expanding);
    LocatedJson value = parser.expression(depth + 1);
    parser.expectEnd();
    return value;
  }

  /** A recursive-descent parser and evaluator of one expression. */
  private final class Parser {
    private final LocatedJson at;
    private final String text;
    private final ImmutableList<String> expanding;
    private int pos;

    Parser(LocatedJson at, String text, ImmutableList<String> expanding) {
      this.at = at;
      this.text = text;
      this.expanding = expanding;
    }

    LocatedJson expression(int depth) {
      if (depth > MAX_DEPTH) {
        throw problem("nested deeper than " + MAX_DEPTH + " levels of calls and variables");
      }
      skipSpaces();
      if (peek() == '\'') {
        return at.withString(literal());
      }
      int start = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
        pos++;
      }
      String function = text.substring(start, pos);
      if (function.isEmpty()) {
        throw problem("expected a function or a string at position " + pos);
      }
      List<LocatedJson> args = arguments(depth);
      return call(function.toLowerCase(Locale.ROOT), args, depth);
    }

    private List<LocatedJson> arguments(int depth) {
      skipSpaces();
      expect('(');
      List<LocatedJson> args = new ArrayList<>();
      skipSpaces();
      if (peek() == ')') {
        pos++;
        return args;
      }
      while (true) {
        args.add(expression(depth + 1));
        skipSpaces();
        if (peek() == ',') {
          pos++;
          continue;
        }
        expect(')');
        return args;
      }
    }

    private LocatedJson call(String function, List<LocatedJson> args, int depth) {
      return switch (function) {
        case "parameters" -> lookup(parameters, "parameter", args);
        case "variables" -> variable(args, depth);
        case "concat" -> {
          checkLength(length(args));
          StringBuilder joined = new StringBuilder();
          args.forEach(a -> joined.append(a.asText()));
          yield produce(joined.toString());
        }
        case "resourceid" -> {
          // An id is its arguments and a few constant parts: the arguments alone may be too long.
          checkLength(length(args));
          yield produce(resourceIdOf(args));
        }
        default ->
            throw problem(
                "template function '"
                    + function
                    + "' is not supported (supported: parameters, variables, concat, resourceId)");
      };
    }

    /**
     * The value of the variable {@code args} names, evaluated at its first use and taken from
     * {@link #evaluatedVariables} after that. A value once evaluated holds no cycle, so it is the
     * same wherever it is used again.
     */
    private LocatedJson variable(List<LocatedJson> args, int depth) {
      LocatedJson value = lookup(variables, "variable", args);
      String name = args.get(0).asText();
      String key = name.toLowerCase(Locale.ROOT);
      LocatedJson evaluated = evaluatedVariables.get(key);
      if (evaluated == null) {
        evaluated = evaluateAll(value, expand(name), depth + 1);
        evaluatedVariables.put(key, evaluated);
      }
      return evaluated.relocatedTo(at);
    }

    /** The characters of {@code args} together. */
    private static long length(List<LocatedJson> args) {
      long length = 0;
      for (LocatedJson arg : args) {
        length += arg.asText().length();
      }
      return length;
    }

    /** An error if a string of {@code length} characters is longer than an expression may make. */
    private void checkLength(long length) {
      if (length > MAX_STRING_LENGTH) {
        throw problem(
            "evaluates to " + length + " characters (expected: at most " + MAX_STRING_LENGTH + ")");
      }
    }

    /** {@code text} as this expression's value, counted against the template's total. */
    private LocatedJson produce(String text) {
      checkLength(text.length());
      producedLength += text.length();
      if (producedLength > MAX_TOTAL_LENGTH) {
        throw problem(
            "the template's expressions evaluate to more than "
                + MAX_TOTAL_LENGTH
                + " characters in all");
      }
      return at.withString(text);
    }

    private LocatedJson lookup(
        ImmutableMap<String, LocatedJson> values, String what, List<LocatedJson> args) {
      if (args.size() != 1) {
        throw problem(what + "s() takes one name");
      }
      String name = args.get(0).asText();
      LocatedJson value = values.get(name.toLowerCase(Locale.ROOT));
      if (value == null) {
        throw problem(
            what
                + " '"
                + name
                + "' is not defined"
                + (what.equals("parameter") ? " or has no defaultValue" : ""));
      }
      return value.relocatedTo(at);
    }

    /** The variables being expanded once {@code name} is too; an error if it already is. */
    private ImmutableList<String> expand(String name) {
      ImmutableList<String> chain =
          ImmutableList.<String>builder().addAll(expanding).add(name).build();
      for (int i = 0; i < expanding.size(); i++) {
        if (expanding.get(i).equalsIgnoreCase(name)) {
          throw problem(
              "variable '"
                  + name
                  + "' refers to itself: "
                  + String.join(" -> ", chain.subList(i, chain.size())));
        }
      }
      return chain;
    }

    private String resourceIdOf(List<LocatedJson> args) {
      List<String> strings = args.stream().map(LocatedJson::asText).toList();
      int typeIndex = 0;
      while (typeIndex < strings.size() && strings.get(typeIndex).indexOf('/') < 0) {
        typeIndex++;
      }
      if (typeIndex == strings.size() || typeIndex > 2) {
        throw problem("resourceId() needs a resource type such as 'Microsoft.Network/routeTables'");
      }
      String subscription = typeIndex == 2 ? strings.get(0) : subscriptionId;
      String group = typeIndex >= 1 ? strings.get(typeIndex - 1) : resourceGroup;
      return resourceId(
          subscription,
          group,
          strings.get(typeIndex),
          strings.subList(typeIndex + 1, strings.size()));
    }

    private String literal() {
      expect('\'');
      StringBuilder value = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw problem("unterminated string");
        }
        char c = text.charAt(pos++);
        if (c == '\'') {
          if (peek() == '\'') {
            value.append('\'');
            pos++;
            continue;
          }
          return value.toString();
        }
        value.append(c);
      }
    }

    void expectEnd() {
      skipSpaces();
      if (pos != text.length()) {
        throw problem("unexpected '" + text.substring(pos) + "'");
      }
    }

    private void expect(char c) {
      if (peek() != c) {
        throw problem("expected '" + c + "' at position " + pos);
      }
      pos++;
    }

    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpaces() {
      while (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
    }

    private ArmReadException problem(String message) {
      return at.error("", "template expression [" + text + "]: " + message);
    }
  }
}
