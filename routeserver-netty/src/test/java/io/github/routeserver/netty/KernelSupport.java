package io.github.routeserver.netty;

import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether this kernel (or container) lets a socket have what TCP MD5 and GTSM need, asked at run
 * time with a {@code setsockopt} on a fresh socket, so that tests of them skip with the kernel's
 * own reason where it refuses.
 */
public final class KernelSupport {
  private KernelSupport() {}

  /** Skips the calling test unless a socket can take a TCP MD5 key (RFC 2385) for 127.0.0.2. */
  public static void assumeTcpMd5() {
    assumeSocketTakes(
        "TCP_MD5SIG",
        EpollChannelOption.TCP_MD5SIG,
        Map.of(loopback(), "probe".getBytes(StandardCharsets.US_ASCII)));
  }

  /** Skips the calling test unless a socket can take an IPv4 minimum TTL (RFC 5082). */
  public static void assumeGtsm() {
    assumeSocketTakes(
        "IP_MINTTL", GtsmSocketOptions.minimumTtl(loopback()), GtsmSocketOptions.MAX_TTL);
  }

  private static <T> void assumeSocketTakes(String what, ChannelOption<T> option, T value) {
    Assumptions.assumeTrue(
        Epoll.isAvailable(),
        () -> what + " needs the epoll transport, not available: " + Epoll.unavailabilityCause());
    EpollSocketChannel probe = new EpollSocketChannel();
    Optional<String> refused = Optional.empty();
    try {
      probe.config().setOption(option, value);
    } catch (ChannelException e) {
      refused = Optional.of("the kernel refuses " + what + " on a TCP socket: " + e.getMessage());
    } finally {
      probe.unsafe().closeForcibly();
    }
    refused.ifPresent(Assumptions::abort);
  }

  private static InetAddress loopback() {
    return InetAddress.getLoopbackAddress();
  }
}
