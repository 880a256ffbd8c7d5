/**
 * Route-propagation policies: pure, immutable functions from a route and its {@link
 * io.github.routeserver.core.policy.PolicyContext context} to accept (the route, possibly changed)
 * or reject (with a reason). A {@link io.github.routeserver.core.policy.RoutePolicy} is either a
 * {@link io.github.routeserver.core.policy.Term} (match, then actions, then accept, reject or next)
 * or a {@link io.github.routeserver.core.policy.PolicySequence} of policies evaluated with
 * first-match or all-match semantics; per-peer import and export chains are sequences too, held by
 * {@link io.github.routeserver.core.policy.PeerPolicies}. Built-in policies (RFC 8212, RFC 9234,
 * RFC 1997 well-known communities, Azure Route Server) are ordinary policies that can be printed,
 * reordered and replaced. Every evaluation can {@linkplain
 * io.github.routeserver.core.policy.RoutePolicy#explain explain} itself. Policies are values with
 * {@code equals}, so an engine can tell which peers' policies changed.
 */
@NullMarked
package io.github.routeserver.core.policy;

import org.jspecify.annotations.NullMarked;
