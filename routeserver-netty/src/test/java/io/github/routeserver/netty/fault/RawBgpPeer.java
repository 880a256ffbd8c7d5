package io.github.routeserver.netty.fault;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.DecodeResult;
import io.github.routeserver.bgp.codec.MessageDecoder;
import io.github.routeserver.bgp.codec.MessageEncoder;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.PathAttributes;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A BGP speaker made of a blocking socket and our codec, for faults a well-behaved speaker never
 * makes: it sends exactly the messages (or parts of messages) a test tells it to, reads only when
 * told, and can end its connection with a reset. Bound to a 127.0.0.x address; IPv4 unicast with
 * 4-octet AS numbers. Not thread-safe.
 */
final class RawBgpPeer implements AutoCloseable {
  static final CodecContext CONTEXT = CodecContext.builder().fourOctetAs(true).build();
  private static final int PREFIXES_PER_UPDATE = 500;

  private final IpAddress address;
  private final long asn;
  private final Socket socket;
  private final InputStream in;
  private final MessageDecoder decoder = new MessageDecoder();
  private ByteBuffer received = ByteBuffer.allocate(1 << 16);

  private RawBgpPeer(IpAddress address, long asn, Socket socket) throws IOException {
    this.address = address;
    this.asn = asn;
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  /**
   * Connects from {@code address} to {@code server}; {@code receiveBuffer} sets SO_RCVBUF (0 keeps
   * the system's default).
   */
  static RawBgpPeer connect(
      IpAddress address, long asn, InetSocketAddress server, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.bind(new InetSocketAddress(address.toInetAddress(), 0));
    socket.connect(server, 5000);
    socket.setTcpNoDelay(true);
    return new RawBgpPeer(address, asn, socket);
  }

  /** Sends an OPEN with hold time {@code holdTime} for IPv4 unicast. */
  void sendOpen(int holdTime) throws IOException {
    sendOpen(holdTime, List.of());
  }

  /** Sends an OPEN with hold time {@code holdTime} for IPv4 unicast and {@code capabilities}. */
  void sendOpen(int holdTime, List<Capability> capabilities) throws IOException {
    List<Capability> all = new ArrayList<>();
    all.add(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST));
    all.addAll(capabilities);
    send(Open.of(asn, holdTime, address, all));
  }

  /** Sends OPEN and KEEPALIVE and reads until the server's KEEPALIVE: the session is up. */
  void establish(int holdTime, Duration timeout) throws IOException {
    establish(holdTime, timeout, List.of());
  }

  /**
   * Sends OPEN, with {@code capabilities} besides IPv4 unicast, and KEEPALIVE, and reads until the
   * server's KEEPALIVE: the session is up.
   *
   * @return the server's OPEN
   */
  Open establish(int holdTime, Duration timeout, List<Capability> capabilities) throws IOException {
    sendOpen(holdTime, capabilities);
    send(Keepalive.INSTANCE);
    long deadline = System.nanoTime() + timeout.toNanos();
    Open open = null;
    BgpMessage message;
    do {
      message = read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (message == null) {
        throw new IOException("the session did not come up within " + timeout);
      }
      if (message instanceof Open received) {
        open = received;
      }
    } while (!(message instanceof Keepalive));
    if (open == null) {
      throw new IOException("KEEPALIVE before OPEN");
    }
    return open;
  }

  /** Sends one message. */
  void send(BgpMessage message) throws IOException {
    socket.getOutputStream().write(bytes(message));
  }

  /** Sends raw octets, for example the first part of a message. */
  void sendRaw(byte[] octets) throws IOException {
    socket.getOutputStream().write(octets);
  }

  /**
   * An UPDATE announcing {@code prefixes} from this peer's AS with next hop its address and MED
   * {@code med}.
   */
  Update update(List<Prefix> prefixes, long med) {
    PathAttributes attributes =
        PathAttributes.builder().asPath(AsPath.of(asn)).nextHop(address).med(med).build();
    return new Update(
        NlriList.EMPTY,
        Optional.of(attributes),
        NlriList.of(prefixes),
        Optional.empty(),
        Optional.empty(),
        ImmutableList.of());
  }

  /**
   * Announces {@code prefixes} (MED 0) in as many UPDATEs as it takes, {@value
   * #PREFIXES_PER_UPDATE} prefixes each: that many IPv4 prefixes always fit in 4,096 octets.
   */
  void announce(List<Prefix> prefixes) throws IOException {
    for (int from = 0; from < prefixes.size(); from += PREFIXES_PER_UPDATE) {
      send(
          update(prefixes.subList(from, Math.min(prefixes.size(), from + PREFIXES_PER_UPDATE)), 0));
    }
  }

  /** The octets of {@code message}. */
  static byte[] bytes(BgpMessage message) {
    ByteBuffer encoded = MessageEncoder.encode(message, CONTEXT);
    byte[] octets = new byte[encoded.remaining()];
    encoded.get(octets);
    return octets;
  }

  /**
   * Reads the next whole message, waiting at most {@code timeout}; null when none came in time.
   *
   * @throws EOFException when the server closed the connection
   */
  @Nullable BgpMessage read(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      received.flip();
      int length = MessageDecoder.frameLength(received, CONTEXT);
      if (length >= 0 && length <= received.remaining()) {
        ByteBuffer frame = received.slice(received.position(), length);
        DecodeResult result = decoder.decode(frame, CONTEXT);
        received.position(received.position() + length);
        received.compact();
        return result.message().orElseThrow(() -> new IOException("undecodable: " + result));
      }
      received.compact();
      if (received.remaining() < 4096) {
        received = ByteBuffer.allocate(received.capacity() * 2).put(received.flip());
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
      int n;
      try {
        n = in.read(received.array(), received.position(), received.remaining());
      } catch (SocketTimeoutException e) {
        return null;
      }
      if (n < 0) {
        throw new EOFException("the server closed the connection");
      }
      received.position(received.position() + n);
    }
  }

  /**
   * Reads messages until the server closes the connection; fails if it does not within {@code
   * timeout}.
   *
   * @return the messages read
   */
  List<BgpMessage> readUntilClosed(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<BgpMessage> messages = new ArrayList<>();
    try {
      while (System.nanoTime() < deadline) {
        BgpMessage message = read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        if (message != null) {
          messages.add(message);
        }
      }
    } catch (EOFException e) {
      return messages;
    }
    throw new IOException("still open after " + timeout + "; read " + messages);
  }

  /** Ends the connection with a TCP reset (SO_LINGER 0), not a FIN. */
  void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
