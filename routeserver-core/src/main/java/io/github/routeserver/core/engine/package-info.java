/**
 * The route server: one writer thread owns every change to the RIB, sessions hand it their routes
 * through a bounded queue, readers take immutable {@link
 * io.github.routeserver.core.engine.RibSnapshot}s from any thread without locks, and each peer
 * pulls what it must be sent when it can take more bytes, so a slow peer never holds up the others
 * nor makes memory grow.
 */
@NullMarked
package io.github.routeserver.core.engine;

import org.jspecify.annotations.NullMarked;
