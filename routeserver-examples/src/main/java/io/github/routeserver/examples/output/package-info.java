/**
 * How the sample apps print results: aligned text tables for people, and the JSON shapes of the
 * Azure REST API for programs.
 */
@NullMarked
package io.github.routeserver.examples.output;

import org.jspecify.annotations.NullMarked;
