/**
 * BGP sessions: the state machine and the codec bound to the route server behind a {@link
 * io.github.routeserver.bgp.session.Transport} that any I/O stack can implement. {@link
 * io.github.routeserver.bgp.session.BgpSession} is the session; the engine meets it through two
 * small interfaces, {@link io.github.routeserver.bgp.session.SessionListener} (what the peer sends
 * and how the session fares) and {@link io.github.routeserver.bgp.session.OutboundRoutes} (what to
 * send, pulled when the transport can take it).
 */
@NullMarked
package io.github.routeserver.bgp.session;

import org.jspecify.annotations.NullMarked;
