package io.github.routeserver.azure.model;

import com.google.common.collect.ImmutableList;

/**
 * A route table ({@code Microsoft.Network/routeTables}, SPEC-RT): user-defined routes and whether
 * BGP routes (gateway and Route Server routes alike) reach the subnets that use it.
 *
 * @param id the table's resource id
 * @param location the Azure region, as ARM writes it (may be empty when unknown)
 * @param routes the routes in the order ARM lists them
 * @param disableBgpRoutePropagation true when gateway and Route Server routes are kept out of the
 *     table's subnets (SPEC-RT; "Propagate gateway routes: No" in the portal; INJ, issue #84075)
 */
public record RouteTable(
    ResourceId id,
    String location,
    ImmutableList<UserRoute> routes,
    boolean disableBgpRoutePropagation) {}
