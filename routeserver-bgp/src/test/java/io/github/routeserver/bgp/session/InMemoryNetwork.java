package io.github.routeserver.bgp.session;

import io.github.routeserver.bgp.fsm.ConnectionId;
import io.github.routeserver.core.net.IpAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Sessions connected by in-memory TCP connections on a virtual clock. Octets travel only when the
 * network runs, never inside a session's call, and a connection buffers at most {@link
 * #HIGH_WATER_MARK} octets before its sender sees it unwritable. Not thread-safe; nothing sleeps.
 */
final class InMemoryNetwork {
  private final Map<String, BgpSession> sessions = new LinkedHashMap<>();
  private final List<Pipe> pipes = new ArrayList<>();
  private final Deque<Runnable> pending = new ArrayDeque<>();
  private long now;
  private static final int HIGH_WATER_MARK = 256 * 1024;

  long now() {
    return now;
  }

  /** Adds {@code session} under its name; the network polls it for timers. */
  void add(BgpSession session) {
    sessions.put(session.config().name(), session);
  }

  /**
   * A connector for the session named {@code from} whose attempts reach the session named {@code
   * to}, which accepts them as a listening host would; they fail while {@code to} is not there.
   */
  Connector connector(String from, String to) {
    return new Connector() {
      @Override
      public void connect(ConnectionId connection) {
        pending.add(
            () -> {
              BgpSession initiator = sessions.get(from);
              BgpSession acceptor = sessions.get(to);
              if (initiator == null) {
                return;
              }
              if (acceptor == null) {
                initiator.connectFailed(connection, now);
                return;
              }
              Pipe pipe = new Pipe(initiator, acceptor);
              pipes.add(pipe);
              initiator.connected(connection, pipe.forward, now);
              acceptor.accept(pipe.backward, now);
            });
      }

      @Override
      public void cancel(ConnectionId connection) {}
    };
  }

  /** Runs until no octet is in flight and no connection attempt pending. */
  void settle() {
    boolean moved = true;
    while (moved) {
      moved = false;
      while (!pending.isEmpty()) {
        pending.poll().run();
        moved = true;
      }
      for (Pipe pipe : List.copyOf(pipes)) {
        moved |= pipe.forward.deliver();
        moved |= pipe.backward.deliver();
      }
    }
  }

  /** Moves the clock forward by {@code duration}, polling each session at its deadlines. */
  void advance(Duration duration) {
    long until = now + duration.toNanos();
    settle();
    while (true) {
      long next = Long.MAX_VALUE;
      for (BgpSession session : sessions.values()) {
        OptionalLong deadline = session.nextDeadline();
        if (deadline.isPresent()) {
          next = Math.min(next, deadline.getAsLong());
        }
      }
      if (next > until) {
        break;
      }
      now = Math.max(now, next);
      for (BgpSession session : List.copyOf(sessions.values())) {
        session.poll(now);
      }
      settle();
    }
    now = until;
  }

  /** Every connection of {@code session} fails at once, as when a host dies. */
  void cut(BgpSession session) {
    for (Pipe pipe : List.copyOf(pipes)) {
      if (pipe.forward.owner == session || pipe.backward.owner == session) {
        pipe.cut();
      }
    }
  }

  /** Takes {@code session} out: its connections are cut and it is not polled any more. */
  void remove(BgpSession session) {
    cut(session);
    sessions.remove(session.config().name());
  }

  /**
   * Takes {@code session} out as a host that vanishes without a word: its connections stay open to
   * the other side, which sees nothing more arrive on them.
   */
  void vanish(BgpSession session) {
    sessions.remove(session.config().name());
    for (Pipe pipe : List.copyOf(pipes)) {
      for (End end : List.of(pipe.forward, pipe.backward)) {
        if (end.owner == session) {
          end.paused = true; // what it sent is lost with it
          end.other.paused = true; // and nothing reaches it any more
        }
      }
    }
  }

  /** A connection between two sessions: two ends, each a {@link Transport} of its owner. */
  private final class Pipe {
    final End forward;
    final End backward;

    Pipe(BgpSession initiator, BgpSession acceptor) {
      forward = new End(initiator);
      backward = new End(acceptor);
      forward.other = backward;
      backward.other = forward;
    }

    void cut() {
      pipes.remove(this);
      for (End end : List.of(forward, backward)) {
        if (!end.closed) {
          end.closed = true;
          end.inFlight.clear();
          end.owner.closed(end, now);
        }
      }
    }
  }

  private final class End implements Transport {
    final BgpSession owner;
    End other;
    final Deque<ByteBuffer> inFlight = new ArrayDeque<>();
    int octetsInFlight;
    boolean closed;
    boolean closing;
    boolean paused;

    End(BgpSession owner) {
      this.owner = owner;
    }

    @Override
    public void send(ByteBuffer bytes) {
      if (!closed && !closing) {
        octetsInFlight += bytes.remaining();
        inFlight.add(bytes);
      }
    }

    @Override
    public boolean isWritable() {
      return !closed && !closing && octetsInFlight < HIGH_WATER_MARK;
    }

    @Override
    public IpAddress localAddress() {
      return owner.config().localId();
    }

    @Override
    public void close() {
      closing = true; // what was sent still arrives, then the other end sees the close
    }

    /** Delivers what this end sent to the other end's owner; true if anything happened. */
    boolean deliver() {
      if (closed || paused) {
        return false;
      }
      boolean moved = false;
      boolean wasWritable = isWritable();
      while (!inFlight.isEmpty() && !other.closed) {
        ByteBuffer bytes = inFlight.poll();
        octetsInFlight -= bytes.remaining();
        other.owner.received(other, bytes, now);
        moved = true;
      }
      inFlight.clear();
      octetsInFlight = 0;
      if (closing) {
        closed = true;
        if (!other.closed) {
          other.closed = true;
          other.owner.closed(other, now);
        }
        pipes.removeIf(p -> p.forward == this || p.backward == this);
        return true;
      }
      if (moved && !wasWritable && isWritable()) {
        owner.writable(this, now);
      }
      return moved;
    }
  }
}
