package io.github.routeserver.bgp.wire;

/**
 * A BGP-4 message (RFC 4271 section 4). Every message starts with the 19-octet header, which the
 * codec writes and reads; these values hold what follows it.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * +                                                               +
 * |                       Marker (16 octets, all ones)            |
 * +                                                               +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Length (19..4096, 65535 with RFC 8654)   |    Type   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The five kinds are a closed set: a message of any other type is a header error (Bad Message
 * Type, 1/3), never a value.
 */
public sealed interface BgpMessage permits Open, Update, Notification, Keepalive, RouteRefresh {
  /** The message type octet of the header. */
  MessageType type();
}
