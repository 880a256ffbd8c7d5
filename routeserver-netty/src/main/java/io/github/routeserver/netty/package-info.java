/**
 * TCP transport for BGP sessions on Netty: listener and connector, BGP framing, timers on the event
 * loop, reconnect back-off and TCP MD5 where the operating system has it.
 */
@NullMarked
package io.github.routeserver.netty;

import org.jspecify.annotations.NullMarked;
