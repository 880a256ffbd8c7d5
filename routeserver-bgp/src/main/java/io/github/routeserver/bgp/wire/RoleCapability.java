package io.github.routeserver.bgp.wire;

/**
 * BGP Role, capability code 9 (RFC 9234 section 4.1): the role the sender takes on this session.
 *
 * <pre>
 * +-------+
 * | Role  |  (1 octet)
 * +-------+
 * </pre>
 *
 * @param role the sender's role
 */
public record RoleCapability(BgpRole role) implements Capability {
  @Override
  public CapabilityCode code() {
    return CapabilityCode.ROLE;
  }
}
