package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;

/**
 * Long-Lived Graceful Restart, capability code 71 (RFC 9494 section 3): per family, how long the
 * peer may keep the sender's routes as stale (marked LLGR_STALE) after the graceful restart timer.
 *
 * <pre>
 * +--------------------------------------------------+
 * | AFI (2 octets)                                   |
 * | SAFI (1 octet)                                   |
 * | Flags (1 octet: F, 0...)                         |
 * | Long-lived Stale Time in seconds (3 octets)      |
 * +--------------------------------------------------+  repeated per family
 * </pre>
 *
 * @param families the families, in wire order
 */
public record LongLivedGracefulRestartCapability(ImmutableList<Family> families)
    implements Capability {
  /** The largest stale time: 24 bits. */
  public static final int MAX_STALE_TIME = 0xFF_FFFF;

  /** Validates that the families fit in one capability (255 octets, 7 per family). */
  public LongLivedGracefulRestartCapability {
    checkArgument(families.size() <= 36, "families: %s (expected: at most 36)", families.size());
  }

  @Override
  public CapabilityCode code() {
    return CapabilityCode.LONG_LIVED_GRACEFUL_RESTART;
  }

  /**
   * One family of the capability.
   *
   * @param afiSafi the address family
   * @param forwardingPreserved the F bit: forwarding state was kept
   * @param staleTime the long-lived stale time in seconds, 0 to 16777215
   */
  public record Family(AfiSafi afiSafi, boolean forwardingPreserved, int staleTime) {
    /** Validates the stale time. */
    public Family {
      checkArgument(
          staleTime >= 0 && staleTime <= MAX_STALE_TIME,
          "staleTime: %s (expected: 0 to 16777215)",
          staleTime);
    }
  }
}
