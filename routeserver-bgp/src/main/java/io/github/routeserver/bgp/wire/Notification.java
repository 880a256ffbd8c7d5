package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * NOTIFICATION, message type 3 (RFC 4271 section 4.5): the error that closes the session, with its
 * diagnostic data.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Error code    | Error subcode |   Data (variable)             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Helpers build and read the data of the Cease subcodes that define one: the shutdown
 * communication of RFC 9003 (subcodes 2 and 4) and the prefix limit of RFC 4486 section 4 (subcode
 * 1).
 *
 * @param error the error code and subcode
 * @param data the data field (empty when the error defines none)
 */
public record Notification(BgpError error, Octets data) implements BgpMessage {
  /** The longest shutdown communication, in UTF-8 octets (RFC 9003 section 2). */
  public static final int MAX_SHUTDOWN_COMMUNICATION = 255;

  /** A notification of {@code error} with no data. */
  public static Notification of(BgpError error) {
    return new Notification(error, Octets.EMPTY);
  }

  /**
   * Cease / Administrative Shutdown (6/2) with the shutdown communication {@code message} (RFC 9003
   * section 2): its length in one octet, then the UTF-8 text. A message longer than 255 octets is
   * cut at the last whole character that fits.
   */
  public static Notification administrativeShutdown(String message) {
    return new Notification(BgpError.ADMINISTRATIVE_SHUTDOWN, shutdownCommunication(message));
  }

  /** Cease / Administrative Reset (6/4) with a shutdown communication, as for a shutdown. */
  public static Notification administrativeReset(String message) {
    return new Notification(BgpError.ADMINISTRATIVE_RESET, shutdownCommunication(message));
  }

  /**
   * Cease / Maximum Number of Prefixes Reached (6/1) with the data of RFC 4486 section 4: AFI (2
   * octets), SAFI (1) and the configured upper bound (4).
   */
  public static Notification maximumPrefixesReached(AfiSafi afiSafi, long upperBound) {
    checkArgument(
        upperBound >= 0 && upperBound <= 0xFFFF_FFFFL,
        "upperBound: %s (expected: 0 to 4294967295)",
        upperBound);
    ByteBuffer data = ByteBuffer.allocate(7);
    data.putShort((short) afiSafi.afi().code());
    data.put((byte) afiSafi.safi().code());
    data.putInt((int) upperBound);
    return new Notification(BgpError.MAXIMUM_PREFIXES_REACHED, Octets.copyOf(data.array()));
  }

  private static Octets shutdownCommunication(String message) {
    byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
    int length = Math.min(utf8.length, MAX_SHUTDOWN_COMMUNICATION);
    while (length < utf8.length && (utf8[length] & 0xC0) == 0x80) {
      length--; // never cut inside a multi-octet character
    }
    byte[] data = new byte[1 + length];
    data[0] = (byte) length;
    System.arraycopy(utf8, 0, data, 1, length);
    return Octets.copyOf(data);
  }

  @Override
  public MessageType type() {
    return MessageType.NOTIFICATION;
  }

  /**
   * The RFC 9003 shutdown communication of an Administrative Shutdown or Reset; empty for other
   * errors, for no data, and for data RFC 9003 section 2 calls invalid (a length beyond the data or
   * text that is not UTF-8), which the receiver should log in hex instead.
   */
  public Optional<String> shutdownCommunication() {
    boolean carriesOne =
        error.equals(BgpError.ADMINISTRATIVE_SHUTDOWN)
            || error.equals(BgpError.ADMINISTRATIVE_RESET);
    if (!carriesOne || data.isEmpty() || data.get(0) > data.length() - 1) {
      return Optional.empty();
    }
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer text = utf8.decode(ByteBuffer.wrap(data.toByteArray(), 1, data.get(0)));
      return Optional.of(text.toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** {@code NOTIFICATION BAD_PEER_AS (2/2) data=...}. */
  @Override
  public String toString() {
    return "NOTIFICATION " + error + (data.isEmpty() ? "" : " data=" + data);
  }
}
