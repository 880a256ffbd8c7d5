package io.github.routeserver.azure.routing;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import io.github.routeserver.core.policy.AzureRouteServerPolicies.HubRoutingPreference;
import io.github.routeserver.core.policy.AzureRouteServerPolicies.PeeredVnetFilter;
import java.util.Locale;
import java.util.Map;

/**
 * The choices Azure's documentation leaves open or has changed over time, each with its default and
 * its source. Everything documented and stable is not an option. Immutable; build with {@link
 * #builder()}.
 */
public final class AzureRoutingOptions {
  /** The defaults: current documentation where it speaks, the documented example where not. */
  public static final AzureRoutingOptions DEFAULT = builder().build();

  private final int routeServerSubnetMaxLength;
  private final PeeredVnetFilter peeredVnetFilter;
  private final boolean defaultUdrRemovesReservedRoutes;
  private final boolean staticOverBgp;
  private final boolean expressRouteEcmpLostWithRouteServer;
  private final HubRoutingPreference preferenceWithoutRouteServer;
  private final int maxRoutesPerTable;
  private final ImmutableMap<String, String> serviceEndpointTags;

  private AzureRoutingOptions(Builder b) {
    this.routeServerSubnetMaxLength = b.routeServerSubnetMaxLength;
    this.peeredVnetFilter = b.peeredVnetFilter;
    this.defaultUdrRemovesReservedRoutes = b.defaultUdrRemovesReservedRoutes;
    this.staticOverBgp = b.staticOverBgp;
    this.expressRouteEcmpLostWithRouteServer = b.expressRouteEcmpLostWithRouteServer;
    this.preferenceWithoutRouteServer = b.preferenceWithoutRouteServer;
    this.maxRoutesPerTable = b.maxRoutesPerTable;
    this.serviceEndpointTags = ImmutableMap.copyOf(b.serviceEndpointTags);
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The longest prefix {@code RouteServerSubnet} may have: 26 ("must be a minimum of /26", QS-P,
   * QS-CLI, TUT-NVA 2025); 27 for the 2021-2023 documentation ("/27 or a shorter prefix").
   */
  public int routeServerSubnetMaxLength() {
    return routeServerSubnetMaxLength;
  }

  /** Whether routes in peered VNets' space are filtered too (UNCONFIRMED; default NONE). */
  public PeeredVnetFilter peeredVnetFilter() {
    return peeredVnetFilter;
  }

  /**
   * Whether a UDR for 0.0.0.0/0 removes the reserved-range {@code None} routes from its subnets, as
   * the UDR page's example shows (default true; the example's tables omit 172.16.0.0/12, which is
   * removed too here).
   */
  public boolean defaultUdrRemovesReservedRoutes() {
    return defaultUdrRemovesReservedRoutes;
  }

  /**
   * Whether static gateway routes (local network gateway prefixes) beat BGP routes of the same
   * prefix before hub routing preference applies: a step of HRP-2023 that HRP 2025 no longer lists
   * (UNCONFIRMED; default false).
   */
  public boolean staticOverBgp() {
    return staticOverBgp;
  }

  /**
   * Whether ExpressRoute routes keep a single next hop when Route Server is in the VNet: "traffic
   * from Azure will traverse only on one of the ExpressRoute connections" (TRB 12/2023,
   * LAB-ERECMP); PR #118052 says this "is not expected long term behaviour", so whether it is fixed
   * is UNCONFIRMED (default true: the documented behaviour).
   */
  public boolean expressRouteEcmpLostWithRouteServer() {
    return expressRouteEcmpLostWithRouteServer;
  }

  /**
   * How VNets with gateways but no Route Server rank ExpressRoute against VPN routes of the same
   * prefix. Hub routing preference is a Route Server setting (HRP); without one the documentation
   * is silent (issue #19326: "there is no preference") so this is UNCONFIRMED (default
   * ExpressRoute, Route Server's default).
   */
  public HubRoutingPreference preferenceWithoutRouteServer() {
    return preferenceWithoutRouteServer;
  }

  /**
   * Routes per route table: 400 (VNLIM); 1,000 with Azure Virtual Network Manager is UNCONFIRMED.
   */
  public int maxRoutesPerTable() {
    return maxRoutesPerTable;
  }

  /**
   * The service-tag base name of a service endpoint's service: the name after {@code Microsoft.}
   * ({@code Microsoft.Storage} to {@code Storage}) unless mapped otherwise with {@link
   * Builder#serviceEndpointTag}. The mapping is not published with the tags file.
   */
  public String serviceTagFor(String service) {
    String mapped = serviceEndpointTags.get(service.toLowerCase(Locale.ROOT));
    if (mapped != null) {
      return mapped;
    }
    return service.regionMatches(true, 0, "Microsoft.", 0, 10) ? service.substring(10) : service;
  }

  /** Builds {@link AzureRoutingOptions}. Not thread-safe. */
  public static final class Builder {
    private int routeServerSubnetMaxLength = 26;
    private PeeredVnetFilter peeredVnetFilter = PeeredVnetFilter.NONE;
    private boolean defaultUdrRemovesReservedRoutes = true;
    private boolean staticOverBgp;
    private boolean expressRouteEcmpLostWithRouteServer = true;
    private HubRoutingPreference preferenceWithoutRouteServer = HubRoutingPreference.EXPRESS_ROUTE;
    private int maxRoutesPerTable = 400;
    private final Map<String, String> serviceEndpointTags = new java.util.HashMap<>();

    private Builder() {}

    /** Sets the longest allowed RouteServerSubnet prefix (26 today, 27 in older docs). */
    public Builder routeServerSubnetMaxLength(int length) {
      checkArgument(length >= 16 && length <= 29, "length: %s (expected: 16 to 29)", length);
      this.routeServerSubnetMaxLength = length;
      return this;
    }

    /** Sets whether peered VNets' prefixes are filtered too. */
    public Builder peeredVnetFilter(PeeredVnetFilter filter) {
      this.peeredVnetFilter = filter;
      return this;
    }

    /** Sets whether a 0.0.0.0/0 UDR removes the reserved-range None routes. */
    public Builder defaultUdrRemovesReservedRoutes(boolean removes) {
      this.defaultUdrRemovesReservedRoutes = removes;
      return this;
    }

    /** Sets whether static gateway routes beat BGP routes of the same prefix. */
    public Builder staticOverBgp(boolean staticOverBgp) {
      this.staticOverBgp = staticOverBgp;
      return this;
    }

    /** Sets whether ExpressRoute loses ECMP when Route Server is present. */
    public Builder expressRouteEcmpLostWithRouteServer(boolean lost) {
      this.expressRouteEcmpLostWithRouteServer = lost;
      return this;
    }

    /** Sets the ranking of gateway routes in VNets without Route Server. */
    public Builder preferenceWithoutRouteServer(HubRoutingPreference preference) {
      this.preferenceWithoutRouteServer = preference;
      return this;
    }

    /** Sets the routes-per-table limit. */
    public Builder maxRoutesPerTable(int max) {
      checkArgument(max > 0, "max: %s (expected: > 0)", max);
      this.maxRoutesPerTable = max;
      return this;
    }

    /** Maps a service endpoint's service (e.g. {@code Microsoft.KeyVault}) to a tag base name. */
    public Builder serviceEndpointTag(String service, String tagBaseName) {
      serviceEndpointTags.put(service.toLowerCase(Locale.ROOT), tagBaseName);
      return this;
    }

    /** The options. */
    public AzureRoutingOptions build() {
      return new AzureRoutingOptions(this);
    }
  }
}
