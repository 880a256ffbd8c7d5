package io.github.routeserver.core.engine;

import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.rib.RibDelta;
import io.github.routeserver.core.route.PathAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * What one peer still has to be sent, as a pass over the difference between the RIB version it has
 * fully received ({@code base}) and a newer one ({@code target}). Changes that arrive during a pass
 * wait for the next pass, which goes straight from {@code target} to the newest version: the
 * changes in between are coalesced, never queued. So a peer that cannot keep up holds at most three
 * RIB versions (which share almost all their structure) and no backlog.
 *
 * <p>A full resend (after establishment or a ROUTE-REFRESH) is a pass from the empty RIB; it covers
 * both families, and the families asked for are reported done when it ends. A resend that
 * interrupts a peer which already holds routes is followed by withdraw-only passes from what the
 * peer may hold, so that a withdrawal that was due when the resend began is not lost.
 *
 * <p>The writer thread calls {@link #publish}; everything else runs on the peer's session thread.
 */
final class PeerOutbound {
  private final Rib empty;
  private volatile Rib latest;
  private final AtomicBoolean idle = new AtomicBoolean(true);
  private volatile Runnable wakeup = () -> {};
  private volatile @Nullable Exporter exporter;
  // A new export policy waiting to be applied, and the exporter it replaces during that pass.
  private volatile @Nullable Exporter nextExporter;
  private @Nullable Exporter replacedExporter;

  // Owned by the session thread.
  private Rib base;
  private Rib target;
  private @Nullable Iterator<RibDelta.CandidateChange> pass;
  private boolean withdrawOnly;
  // Versions the peer may hold routes of, to be checked for withdrawals after a resend.
  private final Deque<Rib> heldBeforeResend = new ArrayDeque<>(2);
  private final Set<AddressFamily> resendsAsked = EnumSet.noneOf(AddressFamily.class);
  private final Set<AddressFamily> resendsInPass = EnumSet.noneOf(AddressFamily.class);

  PeerOutbound(Rib empty, Rib latest) {
    this.empty = empty;
    this.latest = latest;
    this.base = empty;
    this.target = empty;
  }

  /** Writer thread: a new RIB version exists; wakes the session if it was idle. */
  void publish(Rib rib) {
    latest = rib;
    if (exporter != null && idle.compareAndSet(true, false)) {
      wakeup.run();
    }
  }

  void wakeup(Runnable wakeup) {
    this.wakeup = wakeup;
  }

  /** Any thread: the exporter of the established session, if any. */
  @Nullable Exporter exporter() {
    Exporter next = nextExporter;
    return next != null ? next : exporter;
  }

  /**
   * Any thread: export with {@code next} from now on. The session thread finishes its current pass,
   * then makes one pass over everything the peer holds, sending only what the change of policy
   * changes.
   */
  void reexport(Exporter next) {
    nextExporter = next;
    if (idle.compareAndSet(true, false)) {
      wakeup.run();
    }
  }

  /** Session thread: a session came up; routes will be exported with {@code exporter}. */
  void start(Exporter exporter) {
    this.exporter = exporter;
    reset();
  }

  /** Session thread: the session went down; nothing more is sent. */
  void stop() {
    exporter = null;
    reset();
  }

  private void reset() {
    base = empty;
    target = empty;
    pass = null;
    withdrawOnly = false;
    nextExporter = null;
    replacedExporter = null;
    heldBeforeResend.clear();
    resendsAsked.clear();
    resendsInPass.clear();
  }

  /** Session thread: send every route again, and report {@code family} done at the end. */
  void resend(AddressFamily family) {
    resendsAsked.add(family);
    for (Rib held : withdrawOnly ? List.of(base) : List.of(base, target)) {
      if (held != empty && !heldBeforeResend.contains(held)) {
        heldBeforeResend.add(held);
      }
    }
    base = empty;
    target = empty;
    pass = null;
    withdrawOnly = false;
    idle.set(false);
  }

  /**
   * Session thread: feeds up to {@code budget} prefix changes into {@code sink}; returns how many
   * it fed. Fewer than {@code budget} means the peer is up to date for now; the wake-up runs when
   * that changes.
   */
  int drain(int budget, ExportSink sink) {
    if (exporter == null) {
      return 0;
    }
    int fed = 0;
    while (fed < budget) {
      Exporter current = exporter;
      if (pass != null && pass.hasNext()) {
        fed += feed(current, pass.next(), sink) ? 1 : 0;
        continue;
      }
      if (pass != null && !withdrawOnly && replacedExporter == null) {
        base = target; // the peer now holds target
        reportResends(sink);
      }
      pass = null;
      withdrawOnly = false;
      replacedExporter = null;
      Exporter next = nextExporter;
      if (next != null && resendsAsked.isEmpty() && resendsInPass.isEmpty()) {
        // The peer holds base under the old policy: compare every prefix under both.
        nextExporter = null;
        replacedExporter = current;
        exporter = next;
        pass = RibDelta.between(empty, base).candidateChanges().iterator();
        continue;
      }
      if (resendsAsked.isEmpty() && resendsInPass.isEmpty() && !heldBeforeResend.isEmpty()) {
        pass = RibDelta.between(heldBeforeResend.poll(), base).candidateChanges().iterator();
        withdrawOnly = true;
        continue;
      }
      Rib newest = latest;
      if (newest == base) {
        if (!resendsAsked.isEmpty()) { // the table asked for is the one the peer holds
          resendsInPass.addAll(resendsAsked);
          resendsAsked.clear();
          reportResends(sink);
          continue;
        }
        idle.set(true);
        // A publish between reading latest and going idle would have seen idle false: recheck.
        if (latest == base || !idle.compareAndSet(true, false)) {
          return fed;
        }
        newest = latest;
      }
      target = newest;
      pass = RibDelta.between(base, target).candidateChanges().iterator();
      resendsInPass.addAll(resendsAsked);
      resendsAsked.clear();
    }
    return fed;
  }

  /** Feeds one change if the peer's export of it changed; whether it did. */
  private boolean feed(Exporter current, RibDelta.CandidateChange change, ExportSink sink) {
    Exporter replaced = replacedExporter;
    PathAttributes before =
        replaced != null
            ? replaced.export(change.prefix(), change.after()) // same routes, old policy
            : current.export(change.prefix(), change.before());
    PathAttributes after = current.export(change.prefix(), change.after());
    if (before == after || (withdrawOnly && after != null)) {
      return false;
    }
    if (after == null) {
      sink.withdraw(change.prefix());
    } else {
      sink.announce(change.prefix(), after);
    }
    return true;
  }

  private void reportResends(ExportSink sink) {
    for (AddressFamily family : resendsInPass) {
      sink.tableSent(family);
    }
    resendsInPass.clear();
  }
}
