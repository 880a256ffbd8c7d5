/**
 * Decoding and encoding of BGP messages over {@link java.nio.ByteBuffer}, with the options a
 * session negotiated held in an immutable context. Decode errors are data: a NOTIFICATION code,
 * subcode and data, and the RFC 7606 action.
 */
@NullMarked
package io.github.routeserver.bgp.codec;

import org.jspecify.annotations.NullMarked;
