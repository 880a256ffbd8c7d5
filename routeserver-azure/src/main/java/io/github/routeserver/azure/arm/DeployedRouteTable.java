package io.github.routeserver.azure.arm;

import com.google.common.collect.ImmutableMap;
import io.github.routeserver.azure.model.RouteTable;

/**
 * A route table as ARM holds it now, with the ETags that make changes to it safe: ARM answers a
 * write whose {@code If-Match} ETag is stale with 412, so nothing changed since it was read is
 * overwritten.
 *
 * @param table the table
 * @param etag the table's ETag
 * @param routeEtags each route's ETag, by route name
 */
public record DeployedRouteTable(
    RouteTable table, String etag, ImmutableMap<String, String> routeEtags) {}
