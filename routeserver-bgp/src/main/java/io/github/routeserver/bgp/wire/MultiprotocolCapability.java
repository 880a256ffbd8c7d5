package io.github.routeserver.bgp.wire;

/**
 * Multiprotocol Extensions, capability code 1 (RFC 4760 section 8): the sender can exchange routes
 * of one address family. One capability is sent per family.
 *
 * <pre>
 *  0       7      15      23      31
 * +-------+-------+-------+-------+
 * |      AFI      | Res.  | SAFI  |
 * +-------+-------+-------+-------+
 * </pre>
 *
 * @param afiSafi the address family
 */
public record MultiprotocolCapability(AfiSafi afiSafi) implements Capability {
  @Override
  public CapabilityCode code() {
    return CapabilityCode.MULTIPROTOCOL;
  }
}
