package io.github.routeserver.bgp.wire;

import io.github.routeserver.core.net.AddressFamily;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An &lt;AFI, SAFI&gt; pair: what multiprotocol BGP (RFC 4760) calls an address family, the unit
 * that capabilities, MP_REACH_NLRI, MP_UNREACH_NLRI, End-of-RIB and ROUTE-REFRESH speak of.
 *
 * @param afi the address family identifier
 * @param safi the subsequent address family identifier
 */
public record AfiSafi(Afi afi, Safi safi) {
  /** &lt;1, 1&gt;: IPv4 unicast. */
  public static final AfiSafi IPV4_UNICAST = new AfiSafi(Afi.IPV4, Safi.UNICAST);

  /** &lt;2, 1&gt;: IPv6 unicast. */
  public static final AfiSafi IPV6_UNICAST = new AfiSafi(Afi.IPV6, Safi.UNICAST);

  /** The pair of the two numbers, known or not. */
  public static AfiSafi of(int afi, int safi) {
    return new AfiSafi(Afi.valueOf(afi), Safi.valueOf(safi));
  }

  /** IPv4 unicast or IPv6 unicast. */
  public static AfiSafi unicast(AddressFamily family) {
    return family == AddressFamily.IPV4 ? IPV4_UNICAST : IPV6_UNICAST;
  }

  /**
   * The address family when this is IPv4 unicast or IPv6 unicast, the two families whose routes
   * this library processes; empty otherwise.
   */
  public Optional<AddressFamily> unicastFamily() {
    return safi.equals(Safi.UNICAST) ? afi.addressFamily() : Optional.empty();
  }

  // equals and hashCode are written out: the generated ones go through method handles, which C1
  // (the only compiler of our tuned JVM, see benchmarks/README.md) does not inline, at about ten
  // times the cost; this runs for every prefix sent. They return what the generated
  // ones return.
  @Override
  public boolean equals(@Nullable Object o) {
    return o == this
        || (o instanceof AfiSafi other && afi.equals(other.afi) && safi.equals(other.safi));
  }

  @Override
  public int hashCode() {
    return 31 * afi.hashCode() + safi.hashCode();
  }

  /** {@code IPV4/UNICAST}, or the numbers of unknown identifiers. */
  @Override
  public String toString() {
    return afi + "/" + safi;
  }
}
