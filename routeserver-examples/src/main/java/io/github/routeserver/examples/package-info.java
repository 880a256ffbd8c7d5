/**
 * The sample apps: a demo, a route-server daemon and command-line tools, all behind one picocli
 * command line in {@code routeserver.jar}.
 */
@NullMarked
package io.github.routeserver.examples;

import org.jspecify.annotations.NullMarked;
