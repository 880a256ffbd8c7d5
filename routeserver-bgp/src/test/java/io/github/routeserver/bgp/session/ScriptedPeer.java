package io.github.routeserver.bgp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.io.BaseEncoding;
import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.DecodeResult;
import io.github.routeserver.bgp.codec.MessageDecoder;
import io.github.routeserver.bgp.codec.MessageEncoder;
import io.github.routeserver.bgp.fsm.ConnectionId;
import io.github.routeserver.bgp.fsm.FsmConfig;
import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.PeerId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The far end of one session, played by the test message by message: it is the session's {@link
 * Transport} and records, decoded, everything the session sends. The session listens (AS 65000,
 * 192.0.2.1) and the peer is 198.51.100.7.
 */
final class ScriptedPeer implements Transport {
  static final IpAddress PEER_ADDRESS = IpAddress.parse("198.51.100.7");
  static final long LOCAL_AS = 65000;

  final MapEngine engine = new MapEngine();
  final BgpSession session;
  final List<BgpMessage> sent = new ArrayList<>();
  private final MessageDecoder decoder = new MessageDecoder();
  private CodecContext context = CodecContext.BASE;

  /** How many more octets the transport takes before it is unwritable. */
  long writableOctets = Long.MAX_VALUE;

  /** The length of the longest message the session sent. */
  int longestSent;

  boolean closed;
  long now;

  /** What {@link #send} throws instead of sending, if set. */
  @Nullable RuntimeException sendFailure;

  ScriptedPeer(UnaryOperator<SessionConfig.Builder> options) {
    this(options, SelectionDeferral.none());
  }

  /** The far end of a session of a speaker that restarted, reporting to {@code deferral}. */
  ScriptedPeer(UnaryOperator<SessionConfig.Builder> options, SelectionDeferral deferral) {
    SessionConfig config =
        options
            .apply(
                SessionConfig.builder(
                        new PeerId(PEER_ADDRESS), LOCAL_AS, IpAddress.parse("192.0.2.1"))
                    .name("scripted")
                    .fsm(fsm -> fsm.connectMode(FsmConfig.ConnectMode.LISTEN_ONLY)))
            .build();
    this.session =
        new BgpSession(
            config,
            new Connector() {
              @Override
              public void connect(ConnectionId connection) {}

              @Override
              public void cancel(ConnectionId connection) {}
            },
            engine,
            engine,
            deferral);
  }

  /**
   * Starts the session, connects, and exchanges OPEN and KEEPALIVE with {@code open}; {@link #sent}
   * then holds what the session sent once established (its initial table).
   */
  ScriptedPeer establish(Open open) {
    connect(open);
    sent.clear();
    context = peerContext(open);
    deliver(Keepalive.INSTANCE);
    assertEquals(FsmState.ESTABLISHED, session.state(), () -> "sent " + sent);
    return this;
  }

  /** Starts the session, connects, and sends {@code open}. */
  ScriptedPeer connect(Open open) {
    session.start(now);
    closed = false;
    session.accept(this, now);
    deliver(open);
    return this;
  }

  /** The transport takes {@code octets} more and tells the session it is writable. */
  void drain(long octets) {
    writableOctets = octets;
    session.writable(this, now);
  }

  /** The codec context from the peer's side: what it sent is our received, and the reverse. */
  private CodecContext peerContext(Open open) {
    boolean external = open.asn() != LOCAL_AS;
    return CodecContext.negotiated(open, session.config().localOpen(), external);
  }

  void deliver(BgpMessage message) {
    session.received(this, MessageEncoder.encode(message, context), now);
  }

  /**
   * Delivers raw octets written as hex, white space and {@code #} comments to the line end ignored.
   */
  void deliverHex(String hex) {
    byte[] octets =
        BaseEncoding.base16()
            .decode(hex.replaceAll("#.*", "").replaceAll("\\s", "").toUpperCase(Locale.ROOT));
    session.received(this, ByteBuffer.wrap(octets), now);
  }

  /**
   * Delivers an UPDATE written as hex: its path attributes and NLRI (the length fields are
   * computed, the Withdrawn Routes field is empty).
   */
  void deliverUpdate(String attributesHex, String nlriHex) {
    String attributes = attributesHex.replaceAll("\\s", "");
    String nlri = nlriHex.replaceAll("\\s", "");
    int length = 19 + 4 + (attributes.length() + nlri.length()) / 2;
    deliverHex(
        "ff".repeat(16)
            + String.format("%04x02", length)
            + "0000"
            + String.format("%04x", attributes.length() / 2)
            + attributes
            + nlri);
  }

  /** The TCP connection drops without a NOTIFICATION. */
  void drop() {
    closed = true;
    session.closed(this, now);
  }

  void advanceSeconds(long seconds) {
    long until = now + seconds * 1_000_000_000L;
    while (session.nextDeadline().isPresent() && session.nextDeadline().getAsLong() <= until) {
      now = Math.max(now, session.nextDeadline().getAsLong());
      session.poll(now);
    }
    now = until;
  }

  List<Notification> notifications() {
    return sent.stream()
        .filter(Notification.class::isInstance)
        .map(Notification.class::cast)
        .toList();
  }

  List<Update> updates() {
    return sent.stream().filter(Update.class::isInstance).map(Update.class::cast).toList();
  }

  @Override
  public void send(ByteBuffer bytes) {
    if (sendFailure != null) {
      throw sendFailure;
    }
    writableOctets -= bytes.remaining();
    while (bytes.hasRemaining()) {
      longestSent = Math.max(longestSent, bytes.getShort(bytes.position() + 16) & 0xFFFF);
      DecodeResult result = decoder.decode(bytes, context);
      sent.add(
          result
              .message()
              .orElseThrow(() -> new AssertionError("the session sent " + result.errors())));
    }
  }

  @Override
  public boolean isWritable() {
    return writableOctets > 0 && !closed;
  }

  @Override
  public IpAddress localAddress() {
    return IpAddress.parse("192.0.2.254");
  }

  @Override
  public void close() {
    closed = true;
  }
}
