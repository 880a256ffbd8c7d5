package io.github.routeserver.core.policy;

import java.util.Locale;

/**
 * What happens after a {@link Term} has matched and applied its actions, or after a {@link
 * PolicySequence} has run out of elements without a verdict (its {@linkplain
 * PolicySequence#otherwise() otherwise}).
 */
public enum Disposition {
  /** Accept the route as changed so far; nothing after this is evaluated. */
  ACCEPT,
  /** Reject the route; nothing after this is evaluated. */
  REJECT,
  /**
   * No verdict: evaluation goes on with what follows, keeping the changes made so far. In an
   * all-match sequence that is the next element; a first-match sequence ends at its first matching
   * element, so there it is whatever follows the sequence. A route that reaches the end of the
   * outermost policy without a verdict is accepted.
   */
  NEXT;

  /** The lower-case name configurations use: {@code accept}, {@code reject}, {@code next}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
