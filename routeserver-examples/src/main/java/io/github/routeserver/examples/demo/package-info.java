/**
 * The demo: Azure Route Server's reference architecture run live on loopback, with every BGP
 * speaker of the hub VNet built with this library and connected over real TCP through Netty.
 */
@NullMarked
package io.github.routeserver.examples.demo;

import org.jspecify.annotations.NullMarked;
