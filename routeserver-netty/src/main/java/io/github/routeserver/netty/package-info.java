/**
 * TCP transport for BGP sessions on Netty: listener and connector, BGP framing, timers on the event
 * loop, reconnect back-off, and TCP MD5 (RFC 2385) and GTSM (RFC 5082) where the operating system
 * has them.
 */
@NullMarked
package io.github.routeserver.netty;

import org.jspecify.annotations.NullMarked;
