/** The optional Netty transport for routeserver's BGP sessions. */
module io.github.routeserver.netty {
  requires transitive io.github.routeserver.bgp;
  requires static transitive org.jspecify;

// Packages are exported as their first public types land (an empty package cannot be exported).
}
