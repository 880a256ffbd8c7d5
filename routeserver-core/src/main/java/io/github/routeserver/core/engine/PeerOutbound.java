package io.github.routeserver.core.engine;

import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.rib.RibDelta;
import io.github.routeserver.core.route.PathAttributes;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * What one peer still has to be sent, as a pass over the difference between the RIB version it has
 * fully received ({@code base}) and a newer one ({@code target}). Changes that arrive during a pass
 * wait for the next pass, which goes straight from {@code target} to the newest version: the
 * changes in between are coalesced, never queued. So a peer that cannot keep up holds at most three
 * RIB versions (which share almost all their structure) and no backlog.
 *
 * <p>The writer thread calls {@link #publish}; everything else runs on the peer's session thread.
 */
final class PeerOutbound {
  private final Rib empty;
  private volatile Rib latest;
  private final AtomicBoolean idle = new AtomicBoolean(true);
  private volatile Runnable wakeup = () -> {};

  // Owned by the session thread.
  private Rib base;
  private Rib target;
  private @Nullable Iterator<RibDelta.CandidateChange> pass;
  private boolean initialTableSent;
  private volatile @Nullable Exporter exporter;

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

  /** Session thread: a session came up; everything must be sent under {@code exporter}. */
  void start(Exporter exporter) {
    this.exporter = exporter;
    resend();
  }

  /** Session thread: the session went down; nothing more is sent. */
  void stop() {
    exporter = null;
    pass = null;
    base = empty;
    target = empty;
    initialTableSent = false;
  }

  /** Session thread: send the whole table again (ROUTE-REFRESH). */
  void resend() {
    base = empty;
    target = empty;
    pass = null;
    idle.set(false);
  }

  boolean initialTableSent() {
    return initialTableSent;
  }

  /**
   * Session thread: feeds up to {@code budget} prefix changes into {@code sink}; returns how many
   * it fed. Fewer than {@code budget} means the peer is up to date for now; the wake-up runs when
   * that changes.
   */
  int drain(int budget, ExportSink sink) {
    Exporter current = exporter;
    if (current == null) {
      return 0;
    }
    int fed = 0;
    while (fed < budget) {
      if (pass == null || !pass.hasNext()) {
        if (pass != null) {
          base = target;
          pass = null;
          initialTableSent = true;
        }
        Rib newest = latest;
        if (newest == base) {
          initialTableSent = true;
          idle.set(true);
          // A publish between reading latest and going idle would have seen idle false: recheck.
          if (latest == base || !idle.compareAndSet(true, false)) {
            return fed;
          }
          newest = latest;
        }
        target = newest;
        pass = RibDelta.between(base, target).candidateChanges().iterator();
        continue;
      }
      RibDelta.CandidateChange change = pass.next();
      PathAttributes before = current.export(change.prefix(), change.before());
      PathAttributes after = current.export(change.prefix(), change.after());
      if (before == after) {
        continue;
      }
      if (after == null) {
        sink.withdraw(change.prefix());
      } else {
        sink.announce(change.prefix(), after);
      }
      fed++;
    }
    return fed;
  }
}
