/**
 * BGP-4 messages, capabilities and code points as immutable values (RFC 4271 section 4 and its
 * extensions). Code points are open enums: unknown values are kept, never rejected.
 */
@NullMarked
package io.github.routeserver.bgp.wire;

import org.jspecify.annotations.NullMarked;
