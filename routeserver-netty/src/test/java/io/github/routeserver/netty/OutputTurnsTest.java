package io.github.routeserver.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Output served in turns, a few per loop iteration, behind the timers that are due. */
class OutputTurnsTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final OutputTurns turns = new OutputTurns(channel.eventLoop());
  private final List<String> ran = new ArrayList<>();

  @Test
  void runsAFewTurnsPerIterationAndATimerThatFellDueMeanwhileGoesBeforeTheNextFew() {
    // The first turn stands for the time a batch takes: a timer falls due while it runs.
    turns.add(
        () -> {
          ran.add("turn");
          channel.eventLoop().schedule(() -> ran.add("timer"), 0, TimeUnit.NANOSECONDS);
        });
    for (int i = 1; i < 20; i++) {
      turns.add(() -> ran.add("turn"));
    }

    channel.runScheduledPendingTasks(); // one loop iteration: the tasks due when it began
    assertEquals(Collections.nCopies(OutputTurns.TURNS_PER_TASK, "turn"), ran);
    channel.runScheduledPendingTasks();

    List<String> expected =
        new ArrayList<>(Collections.nCopies(OutputTurns.TURNS_PER_TASK, "turn"));
    expected.add("timer");
    expected.addAll(Collections.nCopies(OutputTurns.TURNS_PER_TASK, "turn"));
    assertEquals(expected, ran);
  }

  @Test
  void servesEveryTurnInTheOrderItCame() {
    for (int i = 0; i < 20; i++) {
      String name = "turn " + i;
      turns.add(() -> ran.add(name));
    }
    for (int i = 0; i < 3; i++) {
      channel.runScheduledPendingTasks();
    }

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      expected.add("turn " + i);
    }
    assertEquals(expected, ran);
  }
}
