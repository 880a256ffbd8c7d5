package io.github.routeserver.bgp.fsm;

import com.google.common.collect.ImmutableList;

/**
 * The result of feeding the machine an event or the time: the machine after it, and what the host
 * must do, in order.
 *
 * @param fsm the machine after the transition
 * @param actions what to do, in order
 */
public record Transition(BgpFsm fsm, ImmutableList<FsmAction> actions) {}
