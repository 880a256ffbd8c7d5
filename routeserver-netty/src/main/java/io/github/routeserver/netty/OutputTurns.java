package io.github.routeserver.netty;

import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The sessions of one event loop that have UPDATEs to write, served in turns: one task runs at most
 * {@link #TURNS_PER_TASK} of them (each a session call that writes at most {@link
 * ChannelTransport#BYTES_PER_TURN} octets) and comes back as a scheduled task, so that between two
 * such tasks the loop reads every channel that has input and runs every timer that is due. However
 * many peers have a table to receive, a KEEPALIVE to send or to read waits for at most that many
 * turns, not for a turn of every session. Not thread-safe: its methods run on its loop.
 */
final class OutputTurns {
  static final int TURNS_PER_TASK = 8;

  private final EventLoop loop;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private boolean scheduled;

  OutputTurns(EventLoop loop) {
    this.loop = loop;
  }

  /** Queues {@code turn}, a session call that writes, behind the turns already waiting. */
  void add(Runnable turn) {
    waiting.add(turn);
    if (!scheduled) {
      scheduled = true;
      schedule();
    }
  }

  private void runSome() {
    for (int i = 0; i < TURNS_PER_TASK && !waiting.isEmpty(); i++) {
      waiting.poll().run();
    }
    if (waiting.isEmpty()) {
      scheduled = false;
    } else {
      schedule();
    }
  }

  private void schedule() {
    if (loop.isShuttingDown()) {
      return; // its channels close unwritten anyway
    }
    // A scheduled task, not execute(): the loop takes scheduled tasks once per iteration, after
    // its I/O and behind the timers already due, so a turn never runs ahead of them.
    loop.schedule(this::runSome, 0, TimeUnit.NANOSECONDS);
  }
}
