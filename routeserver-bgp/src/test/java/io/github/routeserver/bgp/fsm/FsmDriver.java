package io.github.routeserver.bgp.fsm;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Drives a {@link BgpFsm} on a virtual clock, as a host would: feeds events, fires timers at their
 * deadlines, and records every action with the time it was taken.
 */
final class FsmDriver {
  /** An action and the virtual time at which the machine asked for it. */
  record Timed(long at, FsmAction action) {}

  private BgpFsm fsm;
  private long now;
  private final List<Timed> log = new ArrayList<>();
  private int drained;

  FsmDriver(FsmConfig config) {
    this.fsm = BgpFsm.initial(config);
  }

  BgpFsm fsm() {
    return fsm;
  }

  FsmState state() {
    return fsm.state();
  }

  long now() {
    return now;
  }

  /** Feeds {@code event} now and returns its actions. */
  ImmutableList<FsmAction> on(FsmEvent event) {
    return record(fsm.on(event, now));
  }

  /** Moves the clock forward by {@code duration}, firing every timer due on the way. */
  ImmutableList<FsmAction> advance(Duration duration) {
    checkArgument(!duration.isNegative(), "duration: %s (expected: not negative)", duration);
    long until = now + duration.toNanos();
    ImmutableList.Builder<FsmAction> all = ImmutableList.builder();
    while (true) {
      OptionalLong next = fsm.nextDeadline();
      if (next.isEmpty() || next.getAsLong() > until) {
        break;
      }
      now = Math.max(now, next.getAsLong());
      all.addAll(record(fsm.onTime(now)));
    }
    now = until;
    return all.build();
  }

  private ImmutableList<FsmAction> record(Transition transition) {
    fsm = transition.fsm();
    for (FsmAction action : transition.actions()) {
      log.add(new Timed(now, action));
    }
    return transition.actions();
  }

  /** Every action since the last call to this method. */
  List<Timed> drain() {
    List<Timed> fresh = List.copyOf(log.subList(drained, log.size()));
    drained = log.size();
    return fresh;
  }

  /** Every action so far. */
  List<Timed> log() {
    return List.copyOf(log);
  }

  /** The machine's outbound connection attempt, which it asked for with a Connect action. */
  ConnectionId lastConnect() {
    for (int i = log.size() - 1; i >= 0; i--) {
      if (log.get(i).action() instanceof FsmAction.Connect connect) {
        return connect.connection();
      }
    }
    throw new AssertionError("no Connect action in " + log);
  }

  // Shortcuts for the common exchanges.

  void start() {
    on(new FsmEvent.ManualStart());
  }

  /** Starts, accepts an inbound connection and the peer's OPEN and KEEPALIVE: Established. */
  ConnectionId establishInbound(Open peer) {
    start();
    ConnectionId id = ConnectionId.inbound(1);
    on(new FsmEvent.TcpConnected(id));
    on(new FsmEvent.OpenReceived(id, peer));
    on(new FsmEvent.KeepaliveReceived(id));
    if (state() != FsmState.ESTABLISHED) {
      throw new AssertionError("not established: " + fsm + " after " + log);
    }
    return id;
  }

  static List<BgpMessage> sent(List<FsmAction> actions, ConnectionId on) {
    List<BgpMessage> messages = new ArrayList<>();
    for (FsmAction action : actions) {
      if (action instanceof FsmAction.Send send && send.connection().equals(on)) {
        messages.add(send.message());
      }
    }
    return messages;
  }

  static List<Notification> notifications(List<FsmAction> actions, ConnectionId on) {
    List<Notification> notifications = new ArrayList<>();
    for (BgpMessage message : sent(actions, on)) {
      if (message instanceof Notification notification) {
        notifications.add(notification);
      }
    }
    return notifications;
  }

  static List<FsmAction> actionsOf(List<Timed> timed) {
    return timed.stream().map(Timed::action).toList();
  }
}
