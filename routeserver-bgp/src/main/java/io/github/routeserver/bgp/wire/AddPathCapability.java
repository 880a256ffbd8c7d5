package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;

/**
 * ADD-PATH, capability code 69 (RFC 7911 section 4): per address family, whether the sender can
 * receive, send or both receive and send several paths for a prefix, each NLRI then carrying a
 * 4-octet path identifier.
 *
 * <pre>
 * +------------------------------------------------+
 * | AFI (2 octets)                                 |
 * +------------------------------------------------+
 * | SAFI (1 octet)                                 |
 * +------------------------------------------------+
 * | Send/Receive (1 octet): 1 receive, 2 send, 3 both |
 * +------------------------------------------------+   repeated per family
 * </pre>
 *
 * @param families the families and their modes, in wire order
 */
public record AddPathCapability(ImmutableList<Family> families) implements Capability {
  /** Validates that the families fit in one capability (255 octets, 4 per family). */
  public AddPathCapability {
    checkArgument(families.size() <= 63, "families: %s (expected: at most 63)", families.size());
  }

  /** An ADD-PATH capability with {@code families}. */
  public static AddPathCapability of(Family... families) {
    return new AddPathCapability(ImmutableList.copyOf(families));
  }

  @Override
  public CapabilityCode code() {
    return CapabilityCode.ADD_PATH;
  }

  /** What the sender can do with several paths for one prefix. */
  public enum Mode {
    /** 1: the sender can receive several paths. */
    RECEIVE(1),
    /** 2: the sender would like to send several paths. */
    SEND(2),
    /** 3: both. */
    BOTH(3);

    private final int code;

    Mode(int code) {
      this.code = code;
    }

    /** The Send/Receive octet. */
    public int code() {
      return code;
    }

    /** Whether this mode includes receiving. */
    public boolean canReceive() {
      return this != SEND;
    }

    /** Whether this mode includes sending. */
    public boolean canSend() {
      return this != RECEIVE;
    }
  }

  /**
   * One entry of the capability.
   *
   * @param afiSafi the address family
   * @param mode receive, send or both
   */
  public record Family(AfiSafi afiSafi, Mode mode) {}
}
