package io.github.routeserver.bgp.wire;

/**
 * Route Refresh, capability code 2 (RFC 2918 section 2): the sender accepts ROUTE-REFRESH messages.
 * The value is empty (length 0).
 */
public record RouteRefreshCapability() implements Capability {
  @Override
  public CapabilityCode code() {
    return CapabilityCode.ROUTE_REFRESH;
  }
}
