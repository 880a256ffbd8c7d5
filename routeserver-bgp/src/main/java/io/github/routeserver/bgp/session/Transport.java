package io.github.routeserver.bgp.session;

import io.github.routeserver.core.net.IpAddress;
import java.nio.ByteBuffer;

/**
 * One TCP connection to a peer, as the host's I/O stack provides it (Netty, NIO, a vendor's own).
 * The session writes whole BGP messages through it and never blocks: it writes only while {@link
 * #isWritable()}, and the host calls {@link BgpSession#writable} when the connection drains.
 *
 * <p>The host feeds what arrives on the connection to {@link BgpSession#received}, and reports its
 * end with {@link BgpSession#closed}.
 */
public interface Transport {
  /**
   * Sends the remaining octets of {@code bytes}, one or more whole BGP messages. The transport owns
   * the buffer from then on; the session never touches it again.
   */
  void send(ByteBuffer bytes);

  /**
   * Whether the transport takes more octets without buffering beyond its high-water mark. The
   * session stops pulling outbound routes when this is false.
   */
  boolean isWritable();

  /** Our address on this connection: what a next-hop-self sets for routes sent on it. */
  IpAddress localAddress();

  /**
   * Closes the connection once what was sent is written. The host does not report this close to
   * {@link BgpSession#closed}.
   */
  void close();
}
