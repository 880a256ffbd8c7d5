/**
 * Azure VNet routing: system, gateway, Route Server and user routes, and the effective routes of
 * each subnet with Azure's selection rules; the rules come with their sources from the project's
 * Azure reference notes.
 *
 * <p>Entry points: {@link io.github.routeserver.azure.routing.EffectiveRoutes#compute} (every
 * subnet's table from a topology and the RIBs of its Route Servers) and {@link
 * io.github.routeserver.azure.routing.EffectiveRoutes#apply} (one RIB delta); {@link
 * io.github.routeserver.azure.routing.EffectiveRoutesTracker} to follow a running route server;
 * {@link io.github.routeserver.azure.routing.RouteServerAdvertisements} for what Route Server sends
 * its peers; {@link io.github.routeserver.azure.routing.TopologyValidator}; {@link
 * io.github.routeserver.azure.routing.RouteTableGenerator} for VNets without Route Server. Route
 * Server's filters and preferences are core's {@code AzureRouteServerPolicies}; the options Azure's
 * documentation leaves open are {@link io.github.routeserver.azure.routing.AzureRoutingOptions}. No
 * JSON here.
 */
@NullMarked
package io.github.routeserver.azure.routing;

import org.jspecify.annotations.NullMarked;
