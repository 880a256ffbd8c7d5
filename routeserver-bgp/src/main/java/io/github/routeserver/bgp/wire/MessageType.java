package io.github.routeserver.bgp.wire;

import org.jspecify.annotations.Nullable;

/**
 * The BGP message type, the last octet of the message header (RFC 4271 section 4.1; IANA "BGP
 * Message Types"). An open enum: see {@link CodePoint}.
 */
public final class MessageType extends CodePoint {
  /** 1, RFC 4271 section 4.2. */
  public static final MessageType OPEN = new MessageType(1, "OPEN");

  /** 2, RFC 4271 section 4.3. */
  public static final MessageType UPDATE = new MessageType(2, "UPDATE");

  /** 3, RFC 4271 section 4.5. */
  public static final MessageType NOTIFICATION = new MessageType(3, "NOTIFICATION");

  /** 4, RFC 4271 section 4.4. */
  public static final MessageType KEEPALIVE = new MessageType(4, "KEEPALIVE");

  /** 5, RFC 2918 section 3. */
  public static final MessageType ROUTE_REFRESH = new MessageType(5, "ROUTE_REFRESH");

  private static final Table<MessageType> TABLE =
      new Table<>(0xFF, MessageType::new, OPEN, UPDATE, NOTIFICATION, KEEPALIVE, ROUTE_REFRESH);

  private MessageType(int code, @Nullable String name) {
    super(code, name);
  }

  private MessageType(int code) {
    this(code, null);
  }

  /**
   * The message type numbered {@code code}, known or not.
   *
   * @throws IllegalArgumentException if {@code code} is not 0 to 255
   */
  public static MessageType valueOf(int code) {
    return TABLE.valueOf(code);
  }
}
