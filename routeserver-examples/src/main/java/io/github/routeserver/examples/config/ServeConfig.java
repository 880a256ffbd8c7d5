package io.github.routeserver.examples.config;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.bgp.session.SessionConfig;
import io.github.routeserver.core.engine.PeerConfig;
import io.github.routeserver.core.engine.PeerTemplate;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.netty.PeerEndpoint;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The configuration of the {@code serve} daemon, as read from YAML by {@link ServeConfigReader}.
 *
 * @param asn our AS
 * @param routerId our BGP identifier
 * @param listen where we accept BGP connections
 * @param profile how routes are passed between peers
 * @param peers the configured peers and how to reach them
 * @param templates the address ranges dynamic peers may come from
 * @param dynamicSessions the session of each peer a template admits, with the hold time and prefix
 *     limit its template sets (for {@link
 *     io.github.routeserver.netty.NettyRouteServer.Builder#dynamicSessions})
 * @param policies every peer's import and export policy
 * @param azure where the effective routes of an Azure topology go, if anywhere
 * @param warnings what the file sets that works but that the profile's model would not do, one line
 *     each shaped like a {@link ConfigException}'s message (with {@code profile: azure}: a peer AS
 *     that Azure Route Server refuses, a hold time other than its 180 s)
 */
public record ServeConfig(
    long asn,
    IpAddress routerId,
    InetSocketAddress listen,
    RouteServerProfile profile,
    ImmutableList<PeerEndpoint> peers,
    ImmutableList<PeerTemplate> templates,
    Function<PeerConfig, SessionConfig> dynamicSessions,
    PeerPolicies policies,
    Optional<AzureOutput> azure,
    ImmutableList<String> warnings) {

  /**
   * The daemon as an Azure Route Server: the topology it serves and the directory where every
   * subnet's effective routes are rewritten whenever they change.
   *
   * @param topology the Azure network, read from ARM JSON
   * @param routeServer the topology's Route Server, which the daemon's RIB is the RIB of
   * @param output the directory of the effective-route files
   */
  public record AzureOutput(Topology topology, ResourceId routeServer, Path output) {}
}
