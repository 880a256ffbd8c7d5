/** The optional Netty transport for routeserver's BGP sessions. */
module io.github.routeserver.netty {
  requires transitive io.github.routeserver.bgp;
  requires io.netty.buffer;
  requires io.netty.common;
  requires io.netty.transport;
  requires io.netty.codec;
  requires io.netty.handler;
  requires io.netty.transport.classes.epoll;
  requires io.netty.transport.unix.common;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.github.routeserver.netty;

// Packages are exported as their first public types land (an empty package cannot be exported).
}
