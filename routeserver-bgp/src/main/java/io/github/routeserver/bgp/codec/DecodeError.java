package io.github.routeserver.bgp.codec;

import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Octets;
import java.util.Optional;

/**
 * One error found while decoding a message: the NOTIFICATION error code and subcode with its data
 * (RFC 4271 section 6), the RFC 7606 action it calls for, and a sentence for the log.
 *
 * @param error the NOTIFICATION error code and subcode
 * @param data the NOTIFICATION data RFC 4271 section 6 prescribes for this error
 * @param action what the receiver does about it
 * @param afiSafi the family concerned when the action is {@link ErrorAction#AFI_SAFI_DISABLE}
 * @param detail what was wrong, for people
 */
public record DecodeError(
    BgpError error, Octets data, ErrorAction action, Optional<AfiSafi> afiSafi, String detail) {

  /** The NOTIFICATION to send when this error resets the session. */
  public Notification notification() {
    return new Notification(error, data);
  }

  @Override
  public String toString() {
    return action
        + " "
        + error
        + afiSafi.map(f -> " " + f).orElse("")
        + ": "
        + detail
        + (data.isEmpty() ? "" : " data=" + data);
  }
}
