package io.github.routeserver.examples.config;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.engine.PeerTemplate;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.netty.PeerEndpoint;
import java.net.InetSocketAddress;

/**
 * The configuration of the {@code serve} daemon, as read from YAML by {@link ServeConfigReader}.
 *
 * @param asn our AS
 * @param routerId our BGP identifier
 * @param listen where we accept BGP connections
 * @param profile how routes are passed between peers
 * @param peers the configured peers and how to reach them
 * @param templates the address ranges dynamic peers may come from
 * @param policies every peer's import and export policy
 */
public record ServeConfig(
    long asn,
    IpAddress routerId,
    InetSocketAddress listen,
    RouteServerProfile profile,
    ImmutableList<PeerEndpoint> peers,
    ImmutableList<PeerTemplate> templates,
    PeerPolicies policies) {}
