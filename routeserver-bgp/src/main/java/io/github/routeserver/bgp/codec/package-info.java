/**
 * Decoding and encoding of BGP messages over {@link java.nio.ByteBuffer}, sans-IO: a {@link
 * io.github.routeserver.bgp.codec.MessageDecoder} per session turns one framed message into a
 * {@link io.github.routeserver.bgp.codec.DecodeResult}, the {@link
 * io.github.routeserver.bgp.codec.MessageEncoder} writes any message record, and an {@link
 * io.github.routeserver.bgp.codec.UpdatePacker} packs routes into as few UPDATEs as fit. What the
 * session negotiated travels with every call as an immutable {@link
 * io.github.routeserver.bgp.codec.CodecContext}. Decode errors are data, never exceptions: each
 * {@link io.github.routeserver.bgp.codec.DecodeError} carries the NOTIFICATION code, subcode and
 * data of RFC 4271 section 6 and the action of RFC 7606, an UPDATE is decoded in full and the
 * strongest action is applied to the result. Path attributes are read and written by one table of
 * codecs keyed by type code, each stating its flags and its RFC 7606 action.
 */
@NullMarked
package io.github.routeserver.bgp.codec;

import org.jspecify.annotations.NullMarked;
