/** Maps route-server results onto Azure: effective routes per subnet and route-table resources. */
module io.github.routeserver.azure {
  requires transitive io.github.routeserver.core;
  requires static transitive org.jspecify;

// Packages are exported as their first public types land (an empty package cannot be exported).
}
