package io.github.routeserver.bgp.wire;

/**
 * Enhanced Route Refresh, capability code 70 (RFC 7313 section 3.1): the sender brackets a
 * re-advertisement with BoRR and EoRR. The value is empty (length 0).
 */
public record EnhancedRouteRefreshCapability() implements Capability {
  @Override
  public CapabilityCode code() {
    return CapabilityCode.ENHANCED_ROUTE_REFRESH;
  }
}
