package io.github.routeserver.bgp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.core.net.Prefix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a session cuts the octets it receives into messages: a header that is wrong by itself (RFC
 * 4271 section 6.1) is answered as soon as its 19 octets are in, without waiting for the body it
 * announces, which the peer may never send.
 */
class SessionFramingTest {
  private static final String MARKER = "ffffffffffffffffffffffffffffffff  # marker\n";

  /** Established with a peer of AS 65010; we did not advertise extended messages. */
  private static ScriptedPeer established() {
    ScriptedPeer peer =
        new ScriptedPeer(c -> c.extendedMessages(false))
            .establish(
                Open.of(
                    65010,
                    90,
                    ScriptedPeer.PEER_ADDRESS,
                    ImmutableList.of(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST))));
    peer.sent.clear();
    return peer;
  }

  @Test
  void answersAMarkerThatIsNotAllOnesAsSoonAsTheHeaderArrives() {
    ScriptedPeer peer = established();

    peer.deliverHex(
        """
        fffffffffffffffffffffffffffffffe  # marker with its last bit clear
        1000                              # length 4,096: a body that never comes
        02                                # UPDATE
        """);

    assertEquals(
        List.of(Notification.of(BgpError.CONNECTION_NOT_SYNCHRONIZED)), peer.notifications());
    assertTrue(peer.closed);
    assertEquals(FsmState.IDLE, peer.session.state());
  }

  @Test
  void answersALengthAboveWhatWeReceiveAsSoonAsTheHeaderArrives() {
    ScriptedPeer peer = established();

    peer.deliverHex(
        MARKER
            + """
            1001                              # length 4,097, above 4,096 without extended messages
            02                                # UPDATE
            """);

    assertEquals(
        List.of(new Notification(BgpError.BAD_MESSAGE_LENGTH, Octets.fromHex("1001"))),
        peer.notifications());
    assertTrue(peer.closed);
  }

  @Test
  void answersAnUnknownTypeAsSoonAsTheHeaderArrives() {
    ScriptedPeer peer = established();

    peer.deliverHex(
        MARKER
            + """
            0100                              # length 256
            06                                # type 6, unassigned
            """);

    assertEquals(
        List.of(new Notification(BgpError.BAD_MESSAGE_TYPE, Octets.fromHex("06"))),
        peer.notifications());
    assertTrue(peer.closed);
  }

  @Test
  void waitsForTheRestOfAMessageWhoseHeaderIsGood() {
    ScriptedPeer peer = established();

    peer.deliverHex(
        MARKER
            + """
            002d                              # length 45
            02                                # UPDATE
            """);
    assertFalse(peer.closed);
    peer.deliverHex(
        """
        0000                              # no withdrawn routes
        0014                              # 20 octets of path attributes
        40 01 01 00                       # ORIGIN IGP
        40 02 06 02 01 0000fdf2           # AS_PATH 65010
        40 03 04 c6336407                 # NEXT_HOP 198.51.100.7
        08 0a                             # NLRI 10.0.0.0/8
        """);

    assertEquals(List.of(), peer.notifications());
    assertEquals(FsmState.ESTABLISHED, peer.session.state());
    assertEquals(
        List.of(Prefix.parse("10.0.0.0/8")), List.copyOf(peer.engine.routesByPrefix().keySet()));
  }
}
