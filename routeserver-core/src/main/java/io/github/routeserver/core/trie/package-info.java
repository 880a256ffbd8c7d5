/**
 * A persistent, path-compressed binary prefix trie: every edit returns a new version and leaves the
 * old one readable, so a snapshot costs O(1); plus longest match, covering and covered-by
 * iteration, diffs between versions and a transient batch editor for bulk loads.
 */
@NullMarked
package io.github.routeserver.core.trie;

import org.jspecify.annotations.NullMarked;
