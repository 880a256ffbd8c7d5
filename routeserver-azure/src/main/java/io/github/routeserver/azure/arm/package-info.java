/** ARM JSON in and out, plans of route-table changes, and a client that applies them. */
@NullMarked
package io.github.routeserver.azure.arm;

import org.jspecify.annotations.NullMarked;
