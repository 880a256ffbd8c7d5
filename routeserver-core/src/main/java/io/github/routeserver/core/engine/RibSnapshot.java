package io.github.routeserver.core.engine;

import io.github.routeserver.core.rib.Rib;

/**
 * The RIB as it was after one commit of the writer thread: immutable, safe to keep and query from
 * any thread for as long as needed.
 *
 * @param version how many commits that changed the RIB came before it (0 for the empty RIB)
 * @param rib the RIB
 */
public record RibSnapshot(long version, Rib rib) {}
