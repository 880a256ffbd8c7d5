package io.github.routeserver.bgp.session;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.DecodeResult;
import io.github.routeserver.bgp.codec.ErrorAction;
import io.github.routeserver.bgp.codec.MessageDecoder;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.wire.AddPathCapability;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.ErrorCode;
import io.github.routeserver.bgp.wire.ExtendedMessageCapability;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.route.Route;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target of the UPDATE-to-route path: an established {@link BgpSession} receives UPDATEs whose
 * bodies come from the fuzzer, and its listener ({@link MapEngine}) collects the routes. The first
 * octet picks the session (2- or 4-octet AS numbers, ADD-PATH, extended messages, a prefix limit of
 * 5, internal or external peer); then each UPDATE is a 2-octet body length and the body, framed
 * with a correct header; a body length with the top bit set sends the octets raw, header and all.
 *
 * <p>What must hold after every message: no exception leaves the session; every route held came
 * from this peer's current session, in a family it negotiated; what an independent decoder says of
 * the message happened: a session reset sent that NOTIFICATION and left Established; a NOTIFICATION
 * received left Established with nothing sent back; treat-as-withdraw left none of the message's
 * prefixes; AFI/SAFI disable left no route of the family; the prefix limit is never exceeded while
 * established.
 */
public final class SessionReceiveFuzzTarget {
  private static final long EXTERNAL_AS = 65010;
  private static final long LIMIT = 5;

  private SessionReceiveFuzzTarget() {}

  /** One fuzz input. */
  public static void fuzzerTestOneInput(byte[] data) {
    if (data.length == 0) {
      return;
    }
    int options = data[0] & 0xFF;
    boolean fourOctet = (options & 1) == 0;
    boolean addPath = (options & 2) != 0;
    boolean extended = (options & 4) != 0;
    boolean limited = (options & 8) != 0;
    boolean external = (options & 16) == 0;
    ScriptedPeer peer =
        new ScriptedPeer(
            config -> {
              config.peerAs(external ? EXTERNAL_AS : ScriptedPeer.LOCAL_AS);
              config.families(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST);
              config.extendedMessages(extended);
              if (addPath) {
                config.addPath(AfiSafi.IPV4_UNICAST, AddPathCapability.Mode.BOTH);
                config.addPath(AfiSafi.IPV6_UNICAST, AddPathCapability.Mode.BOTH);
              }
              if (limited) {
                config.prefixLimit(AfiSafi.IPV4_UNICAST, PrefixLimit.tearDown(LIMIT));
              }
              return config;
            });
    peer.establish(
        open(external ? EXTERNAL_AS : ScriptedPeer.LOCAL_AS, fourOctet, addPath, extended));
    peer.sent.clear();
    CodecContext context = peer.session.negotiated().orElseThrow().codec();
    long sessionNumber = peer.session.negotiated().orElseThrow().source().session();
    MessageDecoder oracle = new MessageDecoder();
    // The octets the session holds that are not yet a whole message, framed the same way.
    ByteBuffer pending = ByteBuffer.allocate(data.length + 19 * data.length / 2 + 64);

    int position = 1;
    while (position + 2 <= data.length && peer.session.state() == FsmState.ESTABLISHED) {
      int field = (data[position] & 0xFF) << 8 | data[position + 1] & 0xFF;
      position += 2;
      int length = Math.min(field & 0x7FFF, data.length - position);
      byte[] message;
      if ((field & 0x8000) != 0) {
        message = new byte[length];
        System.arraycopy(data, position, message, 0, length);
      } else {
        message = new byte[19 + length];
        java.util.Arrays.fill(message, 0, 16, (byte) 0xFF);
        message[16] = (byte) ((19 + length) >>> 8);
        message[17] = (byte) (19 + length);
        message[18] = 2;
        System.arraycopy(data, position, message, 19, length);
      }
      position += length;
      int notificationsBefore = peer.notifications().size();
      peer.session.received(peer, ByteBuffer.wrap(message), peer.now);
      checkRoutes(peer, sessionNumber, limited);
      pending.put(message).flip();
      List<DecodeResult> expected = new ArrayList<>();
      int frame;
      while ((frame = MessageDecoder.frameLength(pending, context)) >= 0
          && frame <= pending.remaining()) {
        DecodeResult result = oracle.decode(pending.slice(pending.position(), frame), context);
        pending.position(pending.position() + frame);
        expected.add(result);
        if (result.isSessionReset() || isNotification(result)) {
          break;
        }
      }
      pending.compact();
      DecodeResult end =
          expected.stream()
              .filter(r -> r.isSessionReset() || isNotification(r))
              .findFirst()
              .orElse(null);
      if (end != null && end.isSessionReset()) {
        checkReset(peer, end, notificationsBefore);
        return;
      }
      if (end != null) {
        checkClosedWithoutReply(peer, notificationsBefore);
        return;
      }
      if (expected.size() == 1) {
        checkAction(peer, expected.get(0));
      }
    }
  }

  private static Open open(long asn, boolean fourOctet, boolean addPath, boolean extended) {
    List<Capability> capabilities = new ArrayList<>();
    capabilities.add(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST));
    capabilities.add(new MultiprotocolCapability(AfiSafi.IPV6_UNICAST));
    if (addPath) {
      capabilities.add(
          AddPathCapability.of(
              new AddPathCapability.Family(AfiSafi.IPV4_UNICAST, AddPathCapability.Mode.BOTH),
              new AddPathCapability.Family(AfiSafi.IPV6_UNICAST, AddPathCapability.Mode.BOTH)));
    }
    if (extended) {
      capabilities.add(new ExtendedMessageCapability());
    }
    if (fourOctet) {
      return Open.of(asn, 90, ScriptedPeer.PEER_ADDRESS, capabilities);
    }
    return new Open(
        Open.VERSION, (int) asn, 90, ScriptedPeer.PEER_ADDRESS, ImmutableList.copyOf(capabilities));
  }

  private static void checkRoutes(ScriptedPeer peer, long sessionNumber, boolean limited) {
    long ipv4 = 0;
    for (Route route : peer.engine.adjRibIn.values()) {
      if (!route.source().peer().address().equals(ScriptedPeer.PEER_ADDRESS)
          || route.source().session() != sessionNumber) {
        throw new AssertionError("a route of another peer or session: " + route);
      }
      ipv4 += route.prefix().family().bits() == 32 ? 1 : 0;
    }
    if (limited && peer.session.state() == FsmState.ESTABLISHED && ipv4 > LIMIT) {
      throw new AssertionError(ipv4 + " IPv4 routes held, above the limit of " + LIMIT);
    }
  }

  private static void checkReset(ScriptedPeer peer, DecodeResult decoded, int notificationsBefore) {
    BgpError expected = decoded.notification().error();
    if (expected.code().equals(ErrorCode.OPEN_MESSAGE_ERROR)) {
      // An OPEN in Established is an FSM error whatever its content (RFC 4271 section 8.2.2,
      // events 19 and 22; RFC 6608 subcode 3).
      expected = BgpError.UNEXPECTED_MESSAGE_IN_ESTABLISHED;
    }
    List<Notification> notifications = peer.notifications();
    if (peer.session.state() == FsmState.ESTABLISHED
        || notifications.size() != notificationsBefore + 1
        || !notifications.get(notificationsBefore).error().equals(expected)) {
      throw new AssertionError("expected a reset with " + expected + ", sent " + notifications);
    }
  }

  /** Whether {@code result} is a well-formed NOTIFICATION: the peer ends the session with it. */
  private static boolean isNotification(DecodeResult result) {
    return result.message().filter(Notification.class::isInstance).isPresent();
  }

  /** A NOTIFICATION received closes the session; none is sent back (RFC 4271 section 6.4). */
  private static void checkClosedWithoutReply(ScriptedPeer peer, int notificationsBefore) {
    List<Notification> notifications = peer.notifications();
    if (peer.session.state() == FsmState.ESTABLISHED
        || notifications.size() != notificationsBefore) {
      throw new AssertionError(
          "expected the session closed without a reply to a NOTIFICATION, sent " + notifications);
    }
  }

  private static void checkAction(ScriptedPeer peer, DecodeResult expected) {
    if (!(expected.message().orElseThrow() instanceof Update update)) {
      return;
    }
    if (expected.action().orElse(null) == ErrorAction.TREAT_AS_WITHDRAW) {
      for (NlriList withdrawn :
          List.of(
              update.withdrawnRoutes(),
              update.mpUnreach().map(mp -> mp.withdrawn()).orElse(NlriList.EMPTY))) {
        for (int i = 0; i < withdrawn.size(); i++) {
          MapEngine.Key key = new MapEngine.Key(withdrawn.prefix(i), withdrawn.pathId(i));
          if (peer.engine.adjRibIn.containsKey(key)) {
            throw new AssertionError("treat-as-withdraw kept " + key + ": " + expected);
          }
        }
      }
    }
    for (AfiSafi family : expected.disabledFamilies()) {
      for (Route route : peer.engine.adjRibIn.values()) {
        if (AfiSafi.unicast(route.prefix().family()).equals(family)) {
          throw new AssertionError("a route of disabled " + family + " kept: " + route);
        }
      }
    }
  }
}
