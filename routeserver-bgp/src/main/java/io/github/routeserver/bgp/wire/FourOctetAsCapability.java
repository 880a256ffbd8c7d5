package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Support for 4-octet AS numbers, capability code 65 (RFC 6793 section 3): the sender's AS number
 * in four octets. The OPEN's 2-octet My Autonomous System field then holds AS_TRANS (23456) when
 * the AS does not fit.
 *
 * <pre>
 *  0       7      15      23      31
 * +-------+-------+-------+-------+
 * |     AS number (4 octets)      |
 * +-------+-------+-------+-------+
 * </pre>
 *
 * @param asn the sender's AS number (unsigned 32-bit)
 */
public record FourOctetAsCapability(long asn) implements Capability {
  /** Validates the AS number. */
  public FourOctetAsCapability {
    checkArgument(asn >= 0 && asn <= 0xFFFF_FFFFL, "asn: %s (expected: 0 to 4294967295)", asn);
  }

  @Override
  public CapabilityCode code() {
    return CapabilityCode.FOUR_OCTET_AS;
  }
}
