/**
 * The BGP finite state machine of RFC 4271 section 8 as a pure function of (state, event, now) to
 * (state, actions): no threads, sockets or clocks of its own.
 */
@NullMarked
package io.github.routeserver.bgp.fsm;

import org.jspecify.annotations.NullMarked;
