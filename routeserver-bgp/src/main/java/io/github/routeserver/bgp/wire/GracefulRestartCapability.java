package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;

/**
 * Graceful Restart, capability code 64 (RFC 4724 section 3, the N bit of RFC 8538 section 2): how
 * long the peer should keep the sender's routes across a restart, and for which families the sender
 * preserved forwarding state.
 *
 * <pre>
 * +--------------------------------------------------+
 * | Restart Flags (4 bits: R, N, 0, 0)               |
 * | Restart Time in seconds (12 bits)                |
 * +--------------------------------------------------+
 * | AFI (2 octets)                                   |
 * | SAFI (1 octet)                                   |
 * | Flags for Address Family (1 octet: F, 0...)      |
 * +--------------------------------------------------+  repeated per family
 * </pre>
 *
 * @param restarting the Restart State bit (R): the sender has restarted
 * @param notificationSupported the N bit (RFC 8538): graceful restart also covers NOTIFICATION
 * @param restartTime the restart time in seconds, 0 to 4095
 * @param families the families whose routes are preserved, in wire order
 */
public record GracefulRestartCapability(
    boolean restarting,
    boolean notificationSupported,
    int restartTime,
    ImmutableList<Family> families)
    implements Capability {
  /** The largest restart time: 12 bits. */
  public static final int MAX_RESTART_TIME = 0xFFF;

  /** Validates the restart time. */
  public GracefulRestartCapability {
    checkArgument(
        restartTime >= 0 && restartTime <= MAX_RESTART_TIME,
        "restartTime: %s (expected: 0 to 4095)",
        restartTime);
    checkArgument(families.size() <= 63, "families: %s (expected: at most 63)", families.size());
  }

  @Override
  public CapabilityCode code() {
    return CapabilityCode.GRACEFUL_RESTART;
  }

  /**
   * One family of the capability.
   *
   * @param afiSafi the address family
   * @param forwardingPreserved the F bit: forwarding state was kept across the restart
   */
  public record Family(AfiSafi afiSafi, boolean forwardingPreserved) {}
}
