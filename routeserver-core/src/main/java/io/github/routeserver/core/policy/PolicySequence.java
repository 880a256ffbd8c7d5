package io.github.routeserver.core.policy;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Policies evaluated in order, with {@linkplain Mode first-match or all-match} semantics, and what
 * to do when no element gives a verdict ({@link #otherwise()}). Elements are terms or other
 * sequences, so a peer's chain of named policies is a sequence too. Build one with {@link
 * RoutePolicy#firstMatch}, {@link RoutePolicy#allMatch} or {@link RoutePolicy#chain}.
 *
 * <p>An element "matches" when it is a term whose condition holds, or a sequence one of whose
 * elements matched.
 */
public final class PolicySequence extends RoutePolicy {
  /** How a sequence goes through its elements. */
  public enum Mode {
    /**
     * The first matching element ends the sequence: with its verdict, or, when it gives none, by
     * going on to {@link PolicySequence#otherwise()}.
     */
    FIRST_MATCH,
    /**
     * Every matching element applies in turn, each on the route as changed so far, until one gives
     * a verdict.
     */
    ALL_MATCH;

    /** {@code first-match} or {@code all-match}, as configurations write it. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final String name;
  private final Mode mode;
  private final ImmutableList<RoutePolicy> elements;
  private final Disposition otherwise;
  private final Program program;

  PolicySequence(
      String name, Mode mode, ImmutableList<RoutePolicy> elements, Disposition otherwise) {
    checkArgument(!name.isBlank(), "name: '%s' (expected: a non-blank name)", name);
    this.name = name;
    this.mode = mode;
    this.elements = elements;
    this.otherwise = otherwise;
    this.program = Program.compile(this);
  }

  @Override
  public String name() {
    return name;
  }

  /** First-match or all-match. */
  public Mode mode() {
    return mode;
  }

  /** The elements in evaluation order. */
  public ImmutableList<RoutePolicy> elements() {
    return elements;
  }

  /**
   * What happens when the elements give no verdict: {@link Disposition#NEXT} (the default) leaves
   * the verdict to whatever follows the sequence, {@link Disposition#ACCEPT} and {@link
   * Disposition#REJECT} decide.
   */
  public Disposition otherwise() {
    return otherwise;
  }

  /** This sequence with {@code otherwise} as what happens when no element gives a verdict. */
  public PolicySequence withOtherwise(Disposition otherwise) {
    return new PolicySequence(name, mode, elements, otherwise);
  }

  /** The reason given when {@link #otherwise()} rejects. */
  String otherwiseReason() {
    return "no element of " + name + " gave a verdict; otherwise reject";
  }

  @Override
  Program program() {
    return program;
  }

  @Override
  void describe(StringBuilder text, String indent) {
    text.append(indent).append("policy ").append(name).append(" (").append(mode);
    if (otherwise != Disposition.NEXT) {
      text.append(", otherwise ").append(otherwise);
    }
    text.append(')');
    if (elements.isEmpty()) {
      text.append(": empty");
    }
    for (RoutePolicy element : elements) {
      text.append('\n');
      element.describe(text, indent + "  ");
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PolicySequence s
        && s.name.equals(name)
        && s.mode == mode
        && s.otherwise == otherwise
        && s.elements.equals(elements);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, mode, elements, otherwise);
  }
}
