/** The sample apps of routeserver. Nothing depends on this module. */
module io.github.routeserver.examples {
  requires io.github.routeserver.core;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires static org.jspecify;

  opens io.github.routeserver.examples to
      info.picocli;
}
