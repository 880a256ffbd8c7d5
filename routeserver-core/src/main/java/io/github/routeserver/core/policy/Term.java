package io.github.routeserver.core.policy;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a policy: when the {@linkplain #matcher() condition} holds, apply the {@linkplain
 * #actions() actions} in order, then {@linkplain #disposition() accept, reject or go on}. A term
 * whose condition does not hold changes nothing and gives no verdict.
 *
 * <p>Build one with {@link #named}: {@code
 * Term.named("customers").when(prefixIn(customers)).then(prepend(2)).accept()}.
 */
public final class Term extends RoutePolicy {
  private final String name;
  private final RouteMatcher matcher;
  private final ImmutableList<RouteAction> actions;
  private final Disposition disposition;
  private final String reason;
  private final Program program;

  private Term(
      String name,
      RouteMatcher matcher,
      ImmutableList<RouteAction> actions,
      Disposition disposition,
      @Nullable String reason) {
    checkArgument(!name.isBlank(), "name: '%s' (expected: a non-blank name)", name);
    this.name = name;
    this.matcher = matcher;
    this.actions = actions;
    this.disposition = disposition;
    this.reason =
        reason != null
            ? reason
            : disposition == Disposition.REJECT ? "rejected by term " + name : "";
    this.program = Program.compile(this);
  }

  /** Starts a term called {@code name}; without {@link Builder#when} it matches every route. */
  public static Builder named(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  /** The condition. */
  public RouteMatcher matcher() {
    return matcher;
  }

  /** The actions applied, in order, when the condition holds. */
  public ImmutableList<RouteAction> actions() {
    return actions;
  }

  /** What happens after the actions. */
  public Disposition disposition() {
    return disposition;
  }

  /** Why the term rejects, for traces and logs; empty unless the disposition is reject. */
  public String reason() {
    return reason;
  }

  @Override
  Program program() {
    return program;
  }

  @Override
  void describe(StringBuilder text, String indent) {
    text.append(indent).append("term ").append(name).append(": when ").append(matcher);
    if (!actions.isEmpty()) {
      text.append(" then ")
          .append(actions.stream().map(Object::toString).collect(Collectors.joining(", ")));
    }
    text.append("; ").append(disposition);
    if (disposition == Disposition.REJECT && !reason.equals("rejected by term " + name)) {
      text.append(" \"").append(reason).append('"');
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Term t
        && t.name.equals(name)
        && t.matcher.equals(matcher)
        && t.actions.equals(actions)
        && t.disposition == disposition
        && t.reason.equals(reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, matcher, actions, disposition, reason);
  }

  /** Builds a {@link Term}; the disposition method ends the build. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private RouteMatcher matcher = Matchers.always();
    private ImmutableList<RouteAction> actions = ImmutableList.of();

    private Builder(String name) {
      this.name = name;
    }

    /** Sets the condition. */
    public Builder when(RouteMatcher matcher) {
      this.matcher = matcher;
      return this;
    }

    /** Sets the actions, applied in order when the condition holds. */
    public Builder then(RouteAction... actions) {
      this.actions = ImmutableList.copyOf(Arrays.asList(actions));
      return this;
    }

    /** Sets the actions, applied in order when the condition holds. */
    public Builder then(Iterable<? extends RouteAction> actions) {
      this.actions = ImmutableList.copyOf(actions);
      return this;
    }

    /** The term that accepts matching routes. */
    public Term accept() {
      return new Term(name, matcher, actions, Disposition.ACCEPT, null);
    }

    /** The term that rejects matching routes, with a reason naming the term. */
    public Term reject() {
      return new Term(name, matcher, actions, Disposition.REJECT, null);
    }

    /** The term that rejects matching routes, giving {@code reason} in traces and logs. */
    public Term reject(String reason) {
      return new Term(name, matcher, actions, Disposition.REJECT, reason);
    }

    /** The term that changes matching routes and lets evaluation go on (no verdict). */
    public Term next() {
      return new Term(name, matcher, actions, Disposition.NEXT, null);
    }

    /**
     * The term with {@code disposition}, and {@code reason} for a reject (null for the default
     * reason naming the term); for configuration readers.
     */
    public Term disposition(Disposition disposition, @Nullable String reason) {
      return new Term(name, matcher, actions, disposition, reason);
    }
  }
}
