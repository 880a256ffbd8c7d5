package io.github.routeserver.azure.routing;

import com.google.common.collect.ImmutableSet;
import io.github.routeserver.azure.model.ResourceId;

/**
 * The outcome of {@link EffectiveRoutes#apply}: the new version and the subnets whose effective
 * routes changed (every other subnet's table is the same object as before).
 *
 * @param routes the effective routes after the change
 * @param changedSubnets the subnets whose tables changed
 */
public record EffectiveRoutesUpdate(
    EffectiveRoutes routes, ImmutableSet<ResourceId> changedSubnets) {}
