package io.github.routeserver.core.engine;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.PeerId;
import java.util.Optional;

/**
 * What replacing the policies would change, computed against one snapshot without touching the
 * server ({@link RouteServer#dryRun}): for every established peer whose export policy differs, the
 * prefixes it would be sent differently; and the peers whose import policy differs, whose routes
 * must be asked for again (ROUTE-REFRESH) because routes are kept after import policy only.
 *
 * @param snapshotVersion the version of the RIB the run was computed against
 * @param exports per peer, the changes it would be sent, in prefix order
 * @param importChanged the peers whose import policy differs
 */
public record PolicyDryRun(
    long snapshotVersion,
    ImmutableMap<PeerId, ImmutableList<ExportChange>> exports,
    ImmutableSet<PeerId> importChanged) {

  /** The number of announcements and withdrawals the swap would send, over all peers. */
  public int updateCount() {
    return exports.values().stream().mapToInt(ImmutableList::size).sum();
  }

  /**
   * One prefix a peer would be sent differently.
   *
   * @param prefix the prefix
   * @param before what the peer is sent now, if anything
   * @param after what it would be sent, if anything
   */
  public record ExportChange(
      Prefix prefix, Optional<PathAttributes> before, Optional<PathAttributes> after) {
    /** Whether the prefix would be announced anew, changed, or withdrawn. */
    public Kind kind() {
      return before.isEmpty() ? Kind.ADDED : after.isEmpty() ? Kind.WITHDRAWN : Kind.CHANGED;
    }
  }

  /** How a prefix's export changes. */
  public enum Kind {
    /** Not sent now; would be. */
    ADDED,
    /** Sent now with other attributes. */
    CHANGED,
    /** Sent now; would be withdrawn. */
    WITHDRAWN
  }
}
