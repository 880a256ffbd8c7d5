/**
 * The routing information bases: Adj-RIB-In per peer, the Loc-RIB and per-peer Adj-RIB-Out, all
 * persistent, and the decision process (RFC 4271 section 9.1.2) as an explicit ladder that says why
 * the best path won. Every change returns a {@link io.github.routeserver.core.rib.RibDelta}.
 */
@NullMarked
package io.github.routeserver.core.rib;

import org.jspecify.annotations.NullMarked;
