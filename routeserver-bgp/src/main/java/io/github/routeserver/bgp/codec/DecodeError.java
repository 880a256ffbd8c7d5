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

  /**
   * Whether something in the message was malformed, as opposed to an attribute that the rules
   * discard though it is well formed: LOCAL_PREF, ORIGINATOR_ID or CLUSTER_LIST from an external
   * peer (RFC 4271 section 5.1.5, RFC 7606 sections 7.5, 7.9 and 7.10), AS4_PATH or AS4_AGGREGATOR
   * between 4-octet AS speakers (RFC 6793 section 4.1). Those are the attribute discards reported
   * as UPDATE Message Error without a subcode (3/0).
   */
  public boolean isMalformed() {
    return action != ErrorAction.ATTRIBUTE_DISCARD || !error.equals(BgpError.UPDATE_MESSAGE_ERROR);
  }

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
