package io.github.routeserver.azure.model;

import com.google.common.collect.ImmutableList;

/**
 * A service endpoint enabled on a subnet, as ARM holds it ({@code serviceEndpoints[]} of a subnet).
 *
 * @param service the service, for example {@code Microsoft.Storage}
 * @param locations the regions it covers, for example {@code westeurope}, or {@code *}
 */
public record ServiceEndpoint(String service, ImmutableList<String> locations) {}
