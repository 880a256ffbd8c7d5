package io.github.routeserver.azure.model;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.util.Optional;

/**
 * One route of a route table (a user-defined route, UDR), as ARM holds it (SPEC-RT {@code Route}).
 * Azure's rules on next hops are checked by validation, not here, so that a table read from ARM can
 * be reported on rather than refused.
 *
 * @param name the route's name, unique in its table
 * @param addressPrefix the destination as written: a CIDR prefix or a service tag name (UDR)
 * @param nextHopType where matching traffic goes
 * @param nextHopIpAddress the appliance address (meaningful for {@code VirtualAppliance} only)
 */
public record UserRoute(
    String name,
    String addressPrefix,
    NextHopType nextHopType,
    Optional<IpAddress> nextHopIpAddress) {

  /** Validates the route's shape. */
  public UserRoute {
    checkArgument(!name.isEmpty(), "name: empty (expected: a route name)");
    checkArgument(
        isDestination(addressPrefix),
        "addressPrefix: '%s' (expected: CIDR, e.g. 10.0.0.0/16, or a service tag name)",
        addressPrefix);
  }

  /** Whether {@code addressPrefix} is a CIDR prefix or has the form of a service tag name. */
  public static boolean isDestination(String addressPrefix) {
    return isServiceTagName(addressPrefix) || Prefix.tryParse(addressPrefix).isPresent();
  }

  /**
   * Whether {@code addressPrefix} has the form of a service tag name (UDR): tags are names such as
   * {@code Storage} or {@code AzureCloud.WestEurope}, which start with a letter and never hold
   * {@code /} or {@code :}, so that anything else is an address or a CIDR prefix and must parse.
   */
  private static boolean isServiceTagName(String addressPrefix) {
    return !addressPrefix.isEmpty()
        && Character.isLetter(addressPrefix.charAt(0))
        && addressPrefix.indexOf('/') < 0
        && addressPrefix.indexOf(':') < 0;
  }

  /** A route to {@code prefix} through the appliance at {@code nextHop}. */
  public static UserRoute toAppliance(String name, Prefix prefix, IpAddress nextHop) {
    return new UserRoute(
        name, prefix.toString(), NextHopType.VIRTUAL_APPLIANCE, Optional.of(nextHop));
  }

  /** A route to {@code prefix} with a next hop that takes no address. */
  public static UserRoute of(String name, Prefix prefix, NextHopType nextHopType) {
    return new UserRoute(name, prefix.toString(), nextHopType, Optional.empty());
  }

  /** The destination as a prefix; empty when it is a service tag. */
  public Optional<Prefix> prefix() {
    return Prefix.tryParse(addressPrefix);
  }

  /** Whether the destination is a service tag name rather than a prefix (UDR, service tags). */
  public boolean isServiceTag() {
    return prefix().isEmpty();
  }
}
