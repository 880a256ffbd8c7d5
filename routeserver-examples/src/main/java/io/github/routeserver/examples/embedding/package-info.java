/**
 * The README's embedding example, compiled and tested so that it cannot rot: a route server with
 * one peer on Netty that prints its Loc-RIB whenever it changes.
 */
@NullMarked
package io.github.routeserver.examples.embedding;

import org.jspecify.annotations.NullMarked;
