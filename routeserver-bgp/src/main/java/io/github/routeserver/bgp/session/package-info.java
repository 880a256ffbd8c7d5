/**
 * BGP sessions: the state machine and the codec bound to the route server behind a {@code
 * Transport} interface, so that any I/O stack can carry them.
 */
@NullMarked
package io.github.routeserver.bgp.session;

import org.jspecify.annotations.NullMarked;
