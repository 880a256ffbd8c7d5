package io.github.routeserver.core.route;

import io.github.routeserver.core.net.IpAddress;
import org.jspecify.annotations.Nullable;

/**
 * Identifies a BGP neighbour of a route server by its transport address: the address the TCP
 * session runs to, which a route server sees exactly once per neighbour.
 *
 * @param address the neighbour's address
 */
public record PeerId(IpAddress address) implements Comparable<PeerId> {

  /** The peer at {@code address}, for example {@code PeerId.of("10.0.1.4")}. */
  public static PeerId of(String address) {
    return new PeerId(IpAddress.parse(address));
  }

  // equals and hashCode are written out: the generated ones go through method handles, which C1
  // (the only compiler of our tuned JVM, see benchmarks/README.md) does not inline, at about ten
  // times the cost; these run for every route on every export. They return what the generated
  // ones return.
  @Override
  public boolean equals(@Nullable Object o) {
    return o == this || (o instanceof PeerId other && address.equals(other.address));
  }

  @Override
  public int hashCode() {
    return address.hashCode();
  }

  @Override
  public int compareTo(PeerId other) {
    return address.compareTo(other.address);
  }

  @Override
  public String toString() {
    return address.toString();
  }
}
