package io.github.routeserver.netty;

import io.netty.channel.ChannelConfig;
import io.netty.channel.unix.IntegerUnixChannelOption;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The Linux socket options of GTSM (RFC 5082), set through the epoll transport's generic {@code
 * setsockopt}: the TTL (IPv6: unicast hop limit) our packets leave with, and the lowest the kernel
 * accepts from the peer. Levels and option numbers are those of {@code <linux/in.h>} and {@code
 * <linux/in6.h>}.
 */
final class GtsmSocketOptions {
  /** The TTL every GTSM packet leaves with. */
  static final int MAX_TTL = 255;

  private static final int IPPROTO_IP = 0;
  private static final int IPPROTO_IPV6 = 41;
  private static final IntegerUnixChannelOption IP_TTL =
      new IntegerUnixChannelOption("IP_TTL", IPPROTO_IP, 2);
  private static final IntegerUnixChannelOption IP_MINTTL =
      new IntegerUnixChannelOption("IP_MINTTL", IPPROTO_IP, 21);
  private static final IntegerUnixChannelOption IPV6_UNICAST_HOPS =
      new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", IPPROTO_IPV6, 16);
  private static final IntegerUnixChannelOption IPV6_MINHOPCOUNT =
      new IntegerUnixChannelOption("IPV6_MINHOPCOUNT", IPPROTO_IPV6, 73);

  private GtsmSocketOptions() {}

  /** The option that sets the TTL (hop limit) of packets to {@code peer}'s family. */
  static IntegerUnixChannelOption ttl(InetAddress peer) {
    return peer instanceof Inet6Address ? IPV6_UNICAST_HOPS : IP_TTL;
  }

  /** The option that sets the lowest TTL (hop limit) accepted from {@code peer}'s family. */
  static IntegerUnixChannelOption minimumTtl(InetAddress peer) {
    return peer instanceof Inet6Address ? IPV6_MINHOPCOUNT : IP_MINTTL;
  }

  /**
   * Sets both options on a connected socket to {@code peer}.
   *
   * @throws io.netty.channel.ChannelException if the kernel refuses either
   */
  static void apply(ChannelConfig config, InetAddress peer, int minimumTtl) {
    config.setOption(ttl(peer), MAX_TTL);
    config.setOption(minimumTtl(peer), minimumTtl);
  }
}
