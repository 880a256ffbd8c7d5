/** BGP-4 on the wire: messages, codec, finite state machine and sessions, all sans-IO. */
module io.github.routeserver.bgp {
  requires transitive io.github.routeserver.core;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.github.routeserver.bgp.codec;
  exports io.github.routeserver.bgp.wire;
  exports io.github.routeserver.bgp.fsm;
  exports io.github.routeserver.bgp.session;
// Packages are exported as their first public types land (an empty package cannot be exported).
}
