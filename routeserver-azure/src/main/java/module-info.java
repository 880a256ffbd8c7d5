/** Maps route-server results onto Azure: effective routes per subnet and route-table resources. */
module io.github.routeserver.azure {
  requires transitive io.github.routeserver.core;
  requires static transitive org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires transitive java.net.http;

  exports io.github.routeserver.azure.model;
  exports io.github.routeserver.azure.routing;
  exports io.github.routeserver.azure.arm;
}
