package io.github.routeserver.bgp.wire;

/**
 * KEEPALIVE, message type 4 (RFC 4271 section 4.4): the header alone, 19 octets, sent to keep the
 * hold timer from expiring and to acknowledge an OPEN.
 *
 * <pre>
 * +------------------------------+
 * | Header (19 octets), type 4   |
 * +------------------------------+
 * </pre>
 */
public record Keepalive() implements BgpMessage {
  /** The one KEEPALIVE (all are equal). */
  public static final Keepalive INSTANCE = new Keepalive();

  @Override
  public MessageType type() {
    return MessageType.KEEPALIVE;
  }
}
