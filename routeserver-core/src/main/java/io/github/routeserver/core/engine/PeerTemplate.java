package io.github.routeserver.core.engine;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.core.net.Prefix;

/**
 * Dynamic neighbours: any address inside {@code range} may peer, with AS {@code asn}; each such
 * peer is named {@code name-ADDRESS} in logs.
 *
 * @param name the template's name
 * @param range the addresses the template covers
 * @param asn the AS those peers must announce
 */
public record PeerTemplate(String name, Prefix range, long asn) {
  /** Validates the template. */
  public PeerTemplate {
    checkArgument(!name.isBlank(), "name: blank (expected: a name)");
    checkArgument(asn > 0 && asn <= 0xFFFF_FFFFL, "asn: %s (expected: 1 to 4294967295)", asn);
  }
}
