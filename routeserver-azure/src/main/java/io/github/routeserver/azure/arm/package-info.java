/**
 * ARM JSON in and out, plans of route-table changes, and a client that applies them.
 *
 * <p>Entry points: {@link io.github.routeserver.azure.arm.ArmTopologyReader} (exported templates,
 * {@code az network ... show/list} output and the service tags file into a {@code Topology}),
 * {@link io.github.routeserver.azure.arm.EffectiveRouteJson} ({@code EffectiveRouteListResult}
 * out), {@link io.github.routeserver.azure.arm.RouteTableJson} (routeTables resources and templates
 * out), {@link io.github.routeserver.azure.arm.RouteTablePlan#plan} and {@link
 * io.github.routeserver.azure.arm.ArmRouteTableClient}.
 */
@NullMarked
package io.github.routeserver.azure.arm;

import org.jspecify.annotations.NullMarked;
