package io.github.routeserver.bgp.wire;

/**
 * A capability advertised in an OPEN message (RFC 5492 section 4): one of the kinds this library
 * interprets, or an {@link UnknownCapability} kept as opaque octets.
 *
 * <pre>
 * +------------------------------+
 * | Capability Code (1 octet)    |
 * +------------------------------+
 * | Capability Length (1 octet)  |
 * +------------------------------+
 * | Capability Value (variable)  |
 * +------------------------------+
 * </pre>
 */
public sealed interface Capability
    permits MultiprotocolCapability,
        RouteRefreshCapability,
        EnhancedRouteRefreshCapability,
        FourOctetAsCapability,
        AddPathCapability,
        GracefulRestartCapability,
        LongLivedGracefulRestartCapability,
        ExtendedMessageCapability,
        ExtendedNextHopCapability,
        RoleCapability,
        HostnameCapability,
        UnknownCapability {
  /** The capability code. */
  CapabilityCode code();
}
