package io.github.routeserver.core.policy;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.route.Route;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route-propagation policy: a pure function from a route and its {@link PolicyContext} to accept
 * (the route, possibly changed) or reject (with a reason). A policy is either a {@link Term} or a
 * {@link PolicySequence} of policies; both are immutable values with {@code equals}, {@code
 * hashCode} and a {@code toString} that prints the whole policy, so that an engine can compare an
 * old and a new configuration and users can see what the built-ins do.
 *
 * <p><b>Contract of {@link #apply}.</b> Pure and thread-safe: the same route and context always
 * give the same outcome, and nothing else is read or written. When the policy accepts a route
 * without changing it, the result is the very same {@link Route} object and nothing is allocated;
 * when it rejects, the result is null and {@link #explain} tells why. A route that reaches the end
 * of the policy without an accept or reject verdict is accepted as changed: to deny by default, end
 * with a rejecting term, set a sequence's {@linkplain PolicySequence#withOtherwise otherwise} to
 * reject, or add {@link StandardPolicies#rfc8212DefaultDeny()}.
 *
 * <p><b>Cost.</b> A policy is compiled once, when it is built, into a flat array of steps with
 * precomputed jumps, so evaluation is a loop over matchers and actions without recursion or
 * allocation; {@link #explain} runs the same steps with a recorder.
 */
public abstract sealed class RoutePolicy permits Term, PolicySequence {
  private static final Logger log = LoggerFactory.getLogger(RoutePolicy.class);

  /**
   * Whether a failure of this policy's own code has been logged at ERROR; a race between threads
   * costs at most a second such line.
   */
  private volatile boolean failureLogged;

  RoutePolicy() {}

  /** The name of this policy, as traces and configurations refer to it. */
  public abstract String name();

  /**
   * Evaluates the policy: the route to use, the very same object when nothing changed, or null when
   * the policy rejects it. A matcher or action of the caller's own ({@link RouteMatcher#of}, {@link
   * RouteAction#of}) that throws makes the policy reject the route: the engine goes on with the
   * other routes and peers, and the failure is logged, at ERROR the first time for this policy.
   */
  public final @Nullable Route apply(Route route, PolicyContext context) {
    try {
      return program().run(route, context, null);
    } catch (RuntimeException e) {
      if (!failureLogged) {
        failureLogged = true;
        log.error(
            "policy {} rejects {}: its own code threw (further failures at DEBUG)",
            name(),
            route,
            e);
      } else {
        log.debug("policy {} rejects {}: its own code threw {}", name(), route, e.toString());
      }
      return null;
    }
  }

  /**
   * Evaluates the policy like {@link #apply} and records every step: the terms evaluated, which
   * matched (and which part of a compound condition did not), what each action changed, and the
   * reason for the final verdict. Unlike {@link #apply}, it lets an exception of the caller's own
   * matcher or action through, so that whoever asks for the explanation sees it.
   */
  public final Explanation explain(Route route, PolicyContext context) {
    Explanation.Recorder recorder = new Explanation.Recorder(this, route, context);
    Route result = program().run(route, context, recorder);
    return recorder.finish(result);
  }

  /** The compiled form, built once. */
  abstract Program program();

  /** Appends the text form of this policy, each line starting with {@code indent}. */
  abstract void describe(StringBuilder text, String indent);

  /** The whole policy, one element per line, nested elements indented. */
  @Override
  public final String toString() {
    StringBuilder text = new StringBuilder();
    describe(text, "");
    return text.toString();
  }

  /**
   * A sequence in which the first element that matches decides: its verdict, or, for a term whose
   * disposition is {@link Disposition#NEXT}, the end of the sequence (a route-map's semantics).
   */
  public static PolicySequence firstMatch(String name, RoutePolicy... elements) {
    return new PolicySequence(
        name, PolicySequence.Mode.FIRST_MATCH, ImmutableList.copyOf(elements), Disposition.NEXT);
  }

  /**
   * A sequence in which every matching element applies in turn until one gives a verdict (a Junos
   * policy's semantics): a term with {@link Disposition#NEXT} hands the changed route to the next
   * element.
   */
  public static PolicySequence allMatch(String name, RoutePolicy... elements) {
    return new PolicySequence(
        name, PolicySequence.Mode.ALL_MATCH, ImmutableList.copyOf(elements), Disposition.NEXT);
  }

  /**
   * A chain of policies, such as a peer's import or export chain: each policy runs in turn on the
   * route as changed by the ones before, and the first accept or reject verdict ends the chain. It
   * is an all-match sequence.
   */
  public static PolicySequence chain(String name, List<? extends RoutePolicy> policies) {
    return allMatch(name, policies.toArray(new RoutePolicy[0]));
  }

  /** Like {@link #chain(String, List)}. */
  public static PolicySequence chain(String name, RoutePolicy... policies) {
    return chain(name, Arrays.asList(policies));
  }
}
