package io.github.routeserver.core.policy;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The record of one evaluation of a {@link RoutePolicy}: the verdict, the route that results, the
 * reason, and every step on the way (the terms evaluated, which matched, which part of a compound
 * condition held, what each action changed). {@link #toString()} prints it for people; {@link
 * #isAccepted()} and {@link #route()} serve tests.
 */
public final class Explanation {
  private final String policy;
  private final Route input;
  private final PolicyContext context;
  private final @Nullable Route output;
  private final String reason;
  private final ImmutableList<Step> steps;

  private Explanation(
      String policy,
      Route input,
      PolicyContext context,
      @Nullable Route output,
      String reason,
      ImmutableList<Step> steps) {
    this.policy = policy;
    this.input = input;
    this.context = context;
    this.output = output;
    this.reason = reason;
    this.steps = steps;
  }

  /** Whether the policy accepted the route. */
  public boolean isAccepted() {
    return output != null;
  }

  /** The accepted route, possibly changed; empty when rejected. */
  public Optional<Route> route() {
    return Optional.ofNullable(output);
  }

  /** The route the policy was given. */
  public Route input() {
    return input;
  }

  /** The context it was evaluated in. */
  public PolicyContext context() {
    return context;
  }

  /** Why the route was accepted or rejected: the deciding term, or the default that applied. */
  public String reason() {
    return reason;
  }

  /** The steps in evaluation order. */
  public ImmutableList<Step> steps() {
    return steps;
  }

  /**
   * One evaluated term, or a sequence's otherwise that decided.
   *
   * @param path the term's place in the policy, for example {@code customer-export/bogons}
   * @param condition the term's condition as text ({@code otherwise} for a sequence's default)
   * @param matched whether the condition held
   * @param parts for a compound condition, each part with whether it held
   * @param actions what each action applied did
   * @param outcome {@code no match}, {@code next}, {@code accept} or {@code reject: reason}
   */
  public record Step(
      String path,
      String condition,
      boolean matched,
      ImmutableList<String> parts,
      ImmutableList<ActionEffect> actions,
      String outcome) {}

  /**
   * What one action did.
   *
   * @param action the action as text, for example {@code set local-pref 200}
   * @param changes the attributes it changed; empty when it changed nothing
   */
  public record ActionEffect(String action, ImmutableList<AttributeChange> changes) {
    @Override
    public String toString() {
      return action
          + ": "
          + (changes.isEmpty()
              ? "no change"
              : String.join(", ", changes.stream().map(Object::toString).toList()));
    }
  }

  /**
   * One attribute before and after an action, in text form ({@code -} when absent).
   *
   * @param attribute the attribute's RFC name, for example {@code LOCAL_PREF}
   * @param before its value before
   * @param after its value after
   */
  public record AttributeChange(String attribute, String before, String after) {
    @Override
    public String toString() {
      return attribute + " " + before + " -> " + after;
    }
  }

  /**
   * For example:
   *
   * <pre>
   * 10.0.0.0/8 from 10.1.0.4 AS65001 [AS_PATH 65001]
   *   export from 10.1.0.4 AS65001 to 10.1.0.5 AS65002 (local AS65515 10.0.1.4)
   *   customer-export/bogons: prefix in bogons: no match
   *   customer-export/customers: prefix in customers: matched
   *     prepend local-as x2: AS_PATH 65001 -> 65515 65515 65001
   *     accept
   *   ACCEPTED: accepted by term customer-export/customers
   * </pre>
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    text.append(input.prefix())
        .append(" from ")
        .append(input.source())
        .append(" [AS_PATH ")
        .append(input.attributes().asPath())
        .append("]\n  ")
        .append(context)
        .append("\n  policy ")
        .append(policy);
    for (Step step : steps) {
      text.append("\n  ").append(step.path()).append(": ").append(step.condition());
      if (!step.condition().equals("otherwise")) {
        text.append(": ").append(step.matched() ? "matched" : "no match");
      }
      for (String part : step.parts()) {
        text.append("\n      ").append(part);
      }
      for (ActionEffect effect : step.actions()) {
        text.append("\n    ").append(effect);
      }
      if (step.matched()) {
        text.append("\n    ").append(step.outcome());
      }
    }
    text.append("\n  ").append(isAccepted() ? "ACCEPTED: " : "REJECTED: ").append(reason);
    if (output != null && output != input) {
      text.append("\n  result: ").append(output.attributes());
    }
    return text.toString();
  }

  /** Collects the steps of one evaluation. Not thread-safe; one per {@link RoutePolicy#explain}. */
  static final class Recorder {
    private final RoutePolicy policy;
    private final Route input;
    private final PolicyContext context;
    private final List<Step> steps = new ArrayList<>();
    private Program.@Nullable Step open;
    private @Nullable Route openRoute;
    private final List<ActionEffect> effects = new ArrayList<>();
    private @Nullable String decision;

    Recorder(RoutePolicy policy, Route input, PolicyContext context) {
      this.policy = policy;
      this.input = input;
      this.context = context;
    }

    void term(Program.Step step, Route route, boolean matched) {
      close("");
      open = step;
      openRoute = route;
      if (!matched) {
        steps.add(
            new Step(
                step.path,
                step.matcher.toString(),
                false,
                parts(step.matcher, route),
                ImmutableList.of(),
                "no match"));
        open = null;
      }
    }

    void action(RouteAction action, PathAttributes before, PathAttributes after) {
      effects.add(new ActionEffect(action.toString(), differences(before, after)));
    }

    void verdict(Program.Step step) {
      Term term = Objects.requireNonNull(step.term);
      decision =
          step.disposition == Disposition.ACCEPT
              ? "accepted by term " + step.path
              : term.reason() + " (term " + step.path + ")";
      close(step.disposition == Disposition.ACCEPT ? "accept" : "reject: " + term.reason());
    }

    void otherwise(Program.Step step) {
      close("");
      PolicySequence sequence = Objects.requireNonNull(step.sequence);
      String outcome =
          step.disposition == Disposition.ACCEPT
              ? "accept"
              : "reject: " + sequence.otherwiseReason();
      decision =
          step.disposition == Disposition.ACCEPT
              ? "no element of " + step.path + " gave a verdict; otherwise accept"
              : sequence.otherwiseReason();
      steps.add(
          new Step(step.path, "otherwise", true, ImmutableList.of(), ImmutableList.of(), outcome));
    }

    /** Ends the open matched term, if any, with {@code outcome} ("" for next). */
    private void close(String outcome) {
      if (open == null) {
        return;
      }
      steps.add(
          new Step(
              open.path,
              open.matcher.toString(),
              true,
              parts(open.matcher, Objects.requireNonNull(openRoute)),
              ImmutableList.copyOf(effects),
              outcome.isEmpty() ? "next" : outcome));
      effects.clear();
      open = null;
    }

    private ImmutableList<String> parts(RouteMatcher matcher, Route route) {
      if (!(matcher instanceof Matchers.Composite composite)) {
        return ImmutableList.of();
      }
      ImmutableList.Builder<String> parts = ImmutableList.builder();
      for (RouteMatcher part : composite.parts()) {
        parts.add(part + ": " + (part.matches(route, context) ? "yes" : "no"));
      }
      return parts.build();
    }

    Explanation finish(@Nullable Route result) {
      close("");
      String reason =
          decision != null ? decision : "no term gave a verdict; accepted at the end of the policy";
      return new Explanation(
          policy.name(), input, context, result, reason, ImmutableList.copyOf(steps));
    }
  }

  /** The attributes that differ between {@code before} and {@code after}, in RFC order. */
  static ImmutableList<AttributeChange> differences(PathAttributes before, PathAttributes after) {
    if (before.equals(after)) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<AttributeChange> changes = ImmutableList.builder();
    compare(changes, "ORIGIN", before, after, PathAttributes::origin);
    compare(changes, "AS_PATH", before, after, PathAttributes::asPath);
    compare(changes, "NEXT_HOP", before, after, PathAttributes::nextHop);
    compare(changes, "MULTI_EXIT_DISC", before, after, PathAttributes::med);
    compare(changes, "LOCAL_PREF", before, after, PathAttributes::localPref);
    compare(changes, "COMMUNITIES", before, after, PathAttributes::communities);
    compare(changes, "EXTENDED_COMMUNITIES", before, after, PathAttributes::extendedCommunities);
    compare(changes, "LARGE_COMMUNITY", before, after, PathAttributes::largeCommunities);
    compare(changes, "ONLY_TO_CUSTOMER", before, after, PathAttributes::onlyToCustomer);
    ImmutableList<AttributeChange> listed = changes.build();
    return listed.isEmpty()
        ? ImmutableList.of(new AttributeChange("attributes", before.toString(), after.toString()))
        : listed;
  }

  private static void compare(
      ImmutableList.Builder<AttributeChange> changes,
      String attribute,
      PathAttributes before,
      PathAttributes after,
      Function<PathAttributes, Object> field) {
    String old = text(field.apply(before));
    String now = text(field.apply(after));
    if (!old.equals(now)) {
      changes.add(new AttributeChange(attribute, old, now));
    }
  }

  private static String text(Object value) {
    String text =
        value instanceof Optional<?> o
            ? o.map(Object::toString).orElse("-")
            : value instanceof java.util.OptionalLong l
                ? (l.isPresent() ? Long.toString(l.getAsLong()) : "-")
                : value.toString();
    return text.isEmpty() || text.equals("[]") ? "-" : text;
  }
}
