package io.github.routeserver.azure.model;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.Prefix;
import java.util.Optional;

/**
 * A subnet of a virtual network. Each subnet has no route table or exactly one (UDR).
 *
 * @param id the subnet's resource id
 * @param addressPrefixes its ranges ({@code addressPrefix}, or {@code addressPrefixes})
 * @param routeTable the associated route table, if any
 * @param serviceEndpoints the service endpoints enabled on it
 */
public record Subnet(
    ResourceId id,
    ImmutableList<Prefix> addressPrefixes,
    Optional<ResourceId> routeTable,
    ImmutableList<ServiceEndpoint> serviceEndpoints) {

  /** The subnet's name, for example {@code RouteServerSubnet}. */
  public String name() {
    return id.name();
  }

  /** The virtual network the subnet belongs to (the parent of its id). */
  public ResourceId virtualNetwork() {
    return id.parent().orElseThrow();
  }
}
