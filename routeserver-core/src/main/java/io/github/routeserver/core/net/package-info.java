/**
 * IP addresses and prefixes of both families, held compactly as 128-bit numbers (no {@link
 * java.net.InetAddress} per value), with canonical text forms (RFC 4632, RFC 5952).
 */
@NullMarked
package io.github.routeserver.core.net;

import org.jspecify.annotations.NullMarked;
