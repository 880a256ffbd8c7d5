package io.github.routeserver.azure.routing;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.azure.model.NextHopType;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import java.util.Optional;

/**
 * One row of a NIC's effective route table, field for field the REST {@code EffectiveRoute}
 * (SPEC-NIC): {@code addressPrefix} and {@code nextHopIpAddress} are lists, and system routes have
 * an empty next-hop list. A row holds several prefixes for service endpoints and service-tag UDRs;
 * ECMP shows as several rows for the same prefix (LAB-ECMP).
 *
 * @param name the UDR's name for user routes; empty otherwise
 * @param source Default, User or VirtualNetworkGateway
 * @param state Active or Invalid
 * @param addressPrefixes the destinations
 * @param nextHopType the next-hop type
 * @param nextHopIpAddresses the next-hop addresses (empty for system routes)
 * @param disableBgpRoutePropagation the subnet's route-table flag, echoed on every row (SPEC-NIC)
 */
public record EffectiveRoute(
    Optional<String> name,
    EffectiveRouteSource source,
    EffectiveRouteState state,
    ImmutableList<Prefix> addressPrefixes,
    NextHopType nextHopType,
    ImmutableList<IpAddress> nextHopIpAddresses,
    boolean disableBgpRoutePropagation) {

  /** An active system route to {@code prefixes} with no next-hop address. */
  static EffectiveRoute system(
      ImmutableList<Prefix> prefixes, NextHopType type, boolean disableBgpRoutePropagation) {
    return new EffectiveRoute(
        Optional.empty(),
        EffectiveRouteSource.DEFAULT,
        EffectiveRouteState.ACTIVE,
        prefixes,
        type,
        ImmutableList.of(),
        disableBgpRoutePropagation);
  }

  /** This row in state {@code state}. */
  public EffectiveRoute withState(EffectiveRouteState state) {
    return state == this.state
        ? this
        : new EffectiveRoute(
            name,
            source,
            state,
            addressPrefixes,
            nextHopType,
            nextHopIpAddresses,
            disableBgpRoutePropagation);
  }

  /** "Default Active 10.0.0.0/16 VnetLocal", as the CLI's table output reads. */
  @Override
  public String toString() {
    return source
        + " "
        + state
        + " "
        + String.join(" ", addressPrefixes.stream().map(Prefix::toString).toList())
        + " "
        + nextHopType
        + (nextHopIpAddresses.isEmpty()
            ? ""
            : " "
                + String.join(" ", nextHopIpAddresses.stream().map(IpAddress::toString).toList()));
  }
}
