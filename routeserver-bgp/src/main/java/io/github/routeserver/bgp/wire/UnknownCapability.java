package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A capability this library does not understand, kept byte for byte (RFC 5492 section 4: a speaker
 * ignores capabilities it does not understand): one whose code is not a {@link CapabilityCode}
 * constant, or one whose code is but whose value the decoder does not understand (an ADD-PATH
 * Send/Receive value other than 1 to 3, an FQDN whose names are not UTF-8). With a known code and a
 * value its record can hold, it encodes to octets that decode to that record instead.
 *
 * @param code the capability code
 * @param value the capability value, at most 255 octets
 */
public record UnknownCapability(CapabilityCode code, Octets value) implements Capability {
  /** Validates the length. */
  public UnknownCapability {
    checkArgument(
        value.length() <= 0xFF, "value: %s octets (expected: at most 255)", value.length());
  }
}
