package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A capability this library does not interpret, kept byte for byte (RFC 5492 section 4: a speaker
 * ignores capabilities it does not understand). Its code is never one of the {@link CapabilityCode}
 * constants: each of those has its own record.
 *
 * @param code the capability code
 * @param value the capability value, at most 255 octets
 */
public record UnknownCapability(CapabilityCode code, Octets value) implements Capability {
  /** Validates the code and the length. */
  public UnknownCapability {
    checkArgument(!code.isKnown(), "code: %s (expected: a code without its own record)", code);
    checkArgument(
        value.length() <= 0xFF, "value: %s octets (expected: at most 255)", value.length());
  }
}
