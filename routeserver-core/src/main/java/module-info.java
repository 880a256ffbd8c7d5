/**
 * The heart of routeserver: prefixes, the persistent prefix trie, routes and attributes, the RIB
 * and its decision process. No I/O, no threads of its own.
 */
module io.github.routeserver.core {
  requires transitive com.google.common;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.github.routeserver.core.net;
  exports io.github.routeserver.core.route;
  exports io.github.routeserver.core.trie;
  exports io.github.routeserver.core.rib;
  exports io.github.routeserver.core.policy;
  exports io.github.routeserver.core.policy.testing;
  exports io.github.routeserver.core.engine;
  exports io.github.routeserver.core.text;
}
