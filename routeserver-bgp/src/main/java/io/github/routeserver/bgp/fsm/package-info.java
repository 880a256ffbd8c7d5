/**
 * The BGP finite state machine of RFC 4271 section 8 as a pure function of (state, event, now) to
 * (state, actions): no threads, sockets or clocks of its own. {@link
 * io.github.routeserver.bgp.fsm.BgpFsm} is the machine, {@link
 * io.github.routeserver.bgp.fsm.FsmEvent} its inputs and {@link
 * io.github.routeserver.bgp.fsm.FsmAction} its outputs; timers are deadlines the host asks for with
 * {@link io.github.routeserver.bgp.fsm.BgpFsm#nextDeadline()}.
 */
@NullMarked
package io.github.routeserver.bgp.fsm;

import org.jspecify.annotations.NullMarked;
