package io.github.routeserver.bgp.interop;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.DecodeResult;
import io.github.routeserver.bgp.codec.MessageDecoder;
import io.github.routeserver.bgp.codec.MessageEncoder;
import io.github.routeserver.bgp.wire.AddPathCapability;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.EnhancedRouteRefreshCapability;
import io.github.routeserver.bgp.wire.ExtendedMessageCapability;
import io.github.routeserver.bgp.wire.GracefulRestartCapability;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.RouteRefreshCapability;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The test side of an interop session: a BGP speaker on plain sockets, bound to a loopback address,
 * that sends its OPEN, answers the peer's OPEN with a KEEPALIVE, and records and decodes every
 * message the peer sends. Every wait is bounded.
 */
final class TestSpeaker implements AutoCloseable {
  static final long ASN = 65020;
  static final IpAddress ROUTER_ID = IpAddress.parse("192.0.2.20");

  /** Our OPEN: both unicast families, ADD-PATH receive, graceful restart so peers send EoR. */
  static final Open OPEN =
      Open.of(
          ASN,
          90,
          ROUTER_ID,
          ImmutableList.of(
              new MultiprotocolCapability(AfiSafi.IPV4_UNICAST),
              new MultiprotocolCapability(AfiSafi.IPV6_UNICAST),
              new RouteRefreshCapability(),
              new EnhancedRouteRefreshCapability(),
              new ExtendedMessageCapability(),
              new GracefulRestartCapability(
                  false,
                  false,
                  120,
                  ImmutableList.of(
                      new GracefulRestartCapability.Family(AfiSafi.IPV4_UNICAST, false),
                      new GracefulRestartCapability.Family(AfiSafi.IPV6_UNICAST, false))),
              AddPathCapability.of(
                  new AddPathCapability.Family(
                      AfiSafi.IPV4_UNICAST, AddPathCapability.Mode.RECEIVE),
                  new AddPathCapability.Family(
                      AfiSafi.IPV6_UNICAST, AddPathCapability.Mode.RECEIVE))));

  /**
   * A fresh /24 inside 127.0.0.0/8 for one test, so that concurrent builds on one machine do not
   * meet on the same address: the daemon takes {@code .1} and the speaker {@code .2}.
   */
  static String loopbackNetwork() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "127." + random.nextInt(100, 200) + "." + random.nextInt(1, 255) + ".";
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final MessageDecoder decoder = new MessageDecoder();
  private final ByteBuffer buffer =
      ByteBuffer.allocate(2 * CodecContext.MAX_EXTENDED_MESSAGE_LENGTH);
  private final List<DecodeResult> received = new ArrayList<>();
  private CodecContext context = CodecContext.BASE;

  private TestSpeaker(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    socket.setSoTimeout(200);
  }

  /**
   * Connects from {@code local} (port chosen by the system) to {@code remote}, both loopback,
   * retrying until {@code timeout} while {@code daemon} starts.
   */
  static TestSpeaker connect(String local, String remote, int port, Duration timeout, Daemon daemon)
      throws IOException, InterruptedException {
    InetAddress localAddress = InetAddress.getByName(local);
    InetAddress remoteAddress = InetAddress.getByName(remote);
    if (!localAddress.isLoopbackAddress() || !remoteAddress.isLoopbackAddress()) {
      throw new IllegalArgumentException("interop tests stay on 127.0.0.0/8");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline && daemon.isAlive()) {
      Socket socket = new Socket();
      try {
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress(remoteAddress, port), 1000);
        return new TestSpeaker(socket);
      } catch (IOException e) {
        socket.close();
        last = e;
        Thread.sleep(200);
      }
    }
    throw new IOException(
        "no connection to " + remote + ":" + port + " from " + daemon + ":\n" + daemon.log(), last);
  }

  /**
   * Connects to {@code daemon} at {@code remote}:{@code port} from {@code local}, sends our OPEN
   * and records what the daemon sends until every one of {@code prefixes} and both End-of-RIB
   * markers arrived (or a grace period after the prefixes, or 40 seconds).
   */
  static Received exchange(Daemon daemon, String local, String remote, int port, Prefix... prefixes)
      throws IOException, InterruptedException {
    try (TestSpeaker speaker = connect(local, remote, port, Duration.ofSeconds(20), daemon)) {
      speaker.send(OPEN);
      Received received =
          new Received(
              speaker.receiveUntil(
                  Received.routesAndEndOfRib(50, prefixes), Duration.ofSeconds(40)),
              speaker.context);
      System.out.println(daemon + " sent:\n" + received);
      return received;
    }
  }

  /** Sends {@code message} with the context negotiated so far. */
  void send(BgpMessage message) throws IOException {
    ByteBuffer encoded = MessageEncoder.encode(message, context);
    out.write(encoded.array(), encoded.position(), encoded.remaining());
    out.flush();
  }

  /**
   * Reads and decodes messages until {@code done} holds for what was received, the peer closes, or
   * {@code timeout} passes. Answers an OPEN with a KEEPALIVE (switching to the negotiated context)
   * and sends a KEEPALIVE every ten seconds.
   */
  List<DecodeResult> receiveUntil(Predicate<List<DecodeResult>> done, Duration timeout)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextKeepalive = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!done.test(received) && System.nanoTime() < deadline) {
      int read;
      try {
        read = in.read(buffer.array(), buffer.position(), buffer.remaining());
      } catch (SocketTimeoutException e) {
        read = 0;
      }
      if (read < 0) {
        break;
      }
      buffer.position(buffer.position() + read);
      buffer.flip();
      decodeFrames();
      buffer.compact();
      if (System.nanoTime() > nextKeepalive) {
        send(Keepalive.INSTANCE);
        nextKeepalive = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      }
    }
    return received;
  }

  private void decodeFrames() throws IOException {
    while (true) {
      int length = MessageDecoder.frameLength(buffer, context);
      if (length < 0 || length > buffer.remaining()) {
        return;
      }
      ByteBuffer frame = buffer.slice(buffer.position(), length);
      buffer.position(buffer.position() + length);
      DecodeResult result = decoder.decode(frame, context);
      received.add(result);
      if (result.message().orElse(null) instanceof Open open) {
        context = CodecContext.negotiated(OPEN, open, true);
        send(Keepalive.INSTANCE);
      }
    }
  }

  /** Says goodbye with an RFC 9003 shutdown communication and closes the connection. */
  @Override
  public void close() throws IOException {
    try {
      if (!socket.isClosed()) {
        send(Notification.administrativeShutdown("interop test done"));
      }
    } catch (IOException e) {
      // the peer may have closed first
    } finally {
      socket.close();
    }
  }
}
