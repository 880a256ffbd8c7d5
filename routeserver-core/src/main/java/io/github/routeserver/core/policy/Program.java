package io.github.routeserver.core.policy;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A policy compiled to a flat array of steps: one per term, and one per sequence for its end
 * ("exit"). Each step knows where to jump next whether it matched or not, so the nesting of
 * sequences, first-match and all-match semantics and otherwise dispositions cost nothing at run
 * time. Which sequences have matched so far is one bit per nesting level in a {@code long}.
 */
final class Program {
  /** The deepest nesting of sequences a program can track (one bit per level). */
  static final int MAX_DEPTH = 63;

  private static final int END = -1;

  /** One step: a term, or the exit of a sequence. */
  static final class Step {
    final @Nullable Term term;
    final @Nullable PolicySequence sequence;
    final String path;
    final RouteMatcher matcher;
    final RouteAction[] actions;
    final Disposition disposition;

    /** A term: the level of its sequence (-1 for none). An exit: its sequence's level. */
    final int level;

    /** Where to go after a match without verdict (term) or after an exit that matched. */
    final int onMatched;

    /** Where to go after no match (term) or after an exit that did not match. */
    final int onUnmatched;

    private Step(Term term, String path, int level, int onMatched, int onUnmatched) {
      this.term = term;
      this.sequence = null;
      this.path = path;
      this.matcher = term.matcher();
      this.actions = term.actions().toArray(new RouteAction[0]);
      this.disposition = term.disposition();
      this.level = level;
      this.onMatched = onMatched;
      this.onUnmatched = onUnmatched;
    }

    private Step(PolicySequence sequence, String path, int level, int onMatched, int onUnmatched) {
      this.term = null;
      this.sequence = sequence;
      this.path = path;
      this.matcher = Matchers.always();
      this.actions = new RouteAction[0];
      this.disposition = sequence.otherwise();
      this.level = level;
      this.onMatched = onMatched;
      this.onUnmatched = onUnmatched;
    }
  }

  private final Step[] steps;
  private final int entry;

  private Program(Step[] steps, int entry) {
    this.steps = steps;
    this.entry = entry;
  }

  static Program compile(RoutePolicy root) {
    List<Step> steps = new ArrayList<>();
    int entry = emit(root, "", -1, END, END, steps);
    return new Program(steps.toArray(new Step[0]), entry);
  }

  /**
   * Emits {@code node} and returns the index of its first step. Elements are emitted last first, so
   * that each knows where the one after it starts; order in the array does not matter, only jumps.
   */
  private static int emit(
      RoutePolicy node, String parent, int level, int onMatched, int onUnmatched, List<Step> out) {
    String path = parent.isEmpty() ? node.name() : parent + "/" + node.name();
    if (node instanceof Term term) {
      out.add(new Step(term, path, level, onMatched, onUnmatched));
      return out.size() - 1;
    }
    PolicySequence sequence = (PolicySequence) node;
    int own = level + 1;
    checkArgument(own < MAX_DEPTH, "policy %s: nested deeper than %s sequences", path, MAX_DEPTH);
    out.add(new Step(sequence, path, own, onMatched, onUnmatched));
    int exit = out.size() - 1;
    int next = exit;
    for (int i = sequence.elements().size() - 1; i >= 0; i--) {
      int afterMatch = sequence.mode() == PolicySequence.Mode.FIRST_MATCH ? exit : next;
      next = emit(sequence.elements().get(i), path, own, afterMatch, next, out);
    }
    return next;
  }

  /**
   * Runs the program on {@code route}: the accepted route (the same object when unchanged) or null
   * when rejected. {@code recorder}, when given, sees every step.
   */
  @Nullable Route run(Route route, PolicyContext context, Explanation.@Nullable Recorder recorder) {
    long matched = 0;
    Route current = route;
    int pc = entry;
    while (pc != END) {
      Step step = steps[pc];
      if (step.term == null) {
        // The exit of a sequence: pass "matched" up a level, then apply its otherwise.
        long bit = 1L << step.level;
        boolean hit = (matched & bit) != 0;
        matched &= ~bit;
        if (hit && step.level > 0) {
          matched |= bit >>> 1;
        }
        if (step.disposition != Disposition.NEXT) {
          if (recorder != null) {
            recorder.otherwise(step);
          }
          return step.disposition == Disposition.ACCEPT ? current : null;
        }
        pc = hit ? step.onMatched : step.onUnmatched;
        continue;
      }
      boolean hit = step.matcher.matches(current, context);
      if (recorder != null) {
        recorder.term(step, current, hit);
      }
      if (!hit) {
        pc = step.onUnmatched;
        continue;
      }
      if (step.level >= 0) {
        matched |= 1L << step.level;
      }
      for (RouteAction action : step.actions) {
        PathAttributes before = current.attributes();
        PathAttributes after = action.apply(current, context);
        if (recorder != null) {
          recorder.action(action, before, after);
        }
        current = current.withAttributes(after);
      }
      switch (step.disposition) {
        case ACCEPT -> {
          if (recorder != null) {
            recorder.verdict(step);
          }
          return current;
        }
        case REJECT -> {
          if (recorder != null) {
            recorder.verdict(step);
          }
          return null;
        }
        case NEXT -> pc = step.onMatched;
      }
    }
    return current;
  }
}
