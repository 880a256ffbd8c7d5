/**
 * Azure network resources as ARM describes them: virtual networks, subnets, peerings, gateways,
 * route tables, the route server and its BGP connections.
 */
@NullMarked
package io.github.routeserver.azure.model;

import org.jspecify.annotations.NullMarked;
