/**
 * Routes and their parts: interned {@link io.github.routeserver.core.route.PathAttributes}, AS
 * paths with RFC 4271 length rules, the three kinds of communities, and the identity of the peer a
 * route came from. Every type is an immutable value.
 */
@NullMarked
package io.github.routeserver.core.route;

import org.jspecify.annotations.NullMarked;
