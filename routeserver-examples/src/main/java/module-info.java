/** The sample apps of routeserver. Nothing depends on this module. */
module io.github.routeserver.examples {
  requires io.github.routeserver.core;
  requires io.github.routeserver.bgp;
  requires io.github.routeserver.netty;
  requires io.github.routeserver.azure;
  requires org.slf4j;
  requires jdk.unsupported;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires static org.jspecify;

  opens io.github.routeserver.examples to
      info.picocli;
}
