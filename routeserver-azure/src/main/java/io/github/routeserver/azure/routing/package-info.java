/**
 * Azure VNet routing: system, gateway, Route Server and user routes, and the effective routes of
 * each subnet with Azure's selection rules.
 */
@NullMarked
package io.github.routeserver.azure.routing;

import org.jspecify.annotations.NullMarked;
