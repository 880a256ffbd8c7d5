package io.github.routeserver.bgp.wire;

/**
 * BGP Extended Message, capability code 6 (RFC 8654 section 3): the sender accepts messages of up
 * to 65,535 octets (except OPEN and KEEPALIVE, which stay at most 4,096). The value is empty.
 */
public record ExtendedMessageCapability() implements Capability {
  @Override
  public CapabilityCode code() {
    return CapabilityCode.EXTENDED_MESSAGE;
  }
}
