package io.github.routeserver.core.policy;

import static io.github.routeserver.core.policy.Matchers.all;
import static io.github.routeserver.core.policy.Matchers.any;
import static io.github.routeserver.core.policy.Matchers.direction;
import static io.github.routeserver.core.policy.Matchers.fromGroup;
import static io.github.routeserver.core.policy.Matchers.toGroup;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The route-propagation rules of Azure Route Server (ARS) as ordinary policies, built from the
 * options of one deployment: the VNet address space, branch-to-branch, hub routing preference.
 * Print any of them to see its terms; {@link #importPolicy()} and {@link #exportPolicy()} chain
 * them in the order ARS applies them, and any can be left out, reordered or replaced.
 *
 * <p>Peers are told apart by {@linkplain PeerInfo#groups() group}: {@link #NVA} for network virtual
 * appliances, {@link #VPN_GATEWAY} and {@link #EXPRESSROUTE_GATEWAY} for the VNet gateways that ARS
 * peers with when branch-to-branch is on.
 *
 * <p>Not here: the per-peer route limit (4,000 routes; exceeding it tears the session down, and the
 * count is the routes held plus those in the incoming UPDATE) is enforced by the BGP session, not
 * by a policy, since its outcome is a NOTIFICATION rather than a verdict on one route. Reserved
 * peer ASNs should also be refused when the peer is configured ({@link #isReservedPeerAsn}); {@link
 * #reservedPeerAsnFilter()} is the route-level safety net.
 *
 * <p>Sources are the keys of the project's Azure reference notes (FAQ, INJ, HRP, ERVPN).
 */
public final class AzureRouteServerPolicies {
  /** The AS of every Azure Route Server (TUT-NVA, QS-CLI). */
  public static final long ROUTE_SERVER_ASN = 65515;

  /** The group of network virtual appliances peered with ARS. */
  public static final String NVA = "nva";

  /** The group of the VNet's VPN gateway (branch-to-branch peer). */
  public static final String VPN_GATEWAY = "vpn-gateway";

  /** The group of the VNet's ExpressRoute gateway (branch-to-branch peer). */
  public static final String EXPRESSROUTE_GATEWAY = "expressroute-gateway";

  /** The LOCAL_PREF {@link #routingPreference()} gives the preferred sources. */
  public static final long PREFERRED_LOCAL_PREF = 200;

  /** The LOCAL_PREF {@link #routingPreference()} gives every other source. */
  public static final long DEFAULT_LOCAL_PREF = 100;

  /**
   * The AS numbers ARS refuses as peer ASNs (FAQ, all versions): Azure public 8074, 8075, 12076;
   * Azure private 65515, 65517 to 65520; IANA 23456, 64496 to 64511, 65535 to 65551. 65516 is not
   * on the list.
   */
  public static final AsnSet RESERVED_PEER_ASNS =
      AsnSet.parse("8074-8075, 12076, 23456, 64496-64511, 65515, 65517-65520, 65535-65551");

  /**
   * Hub routing preference (HRP): which source wins between same-length prefixes learned from the
   * ExpressRoute gateway, the VPN gateway and NVAs. ARS applies it after longest-prefix match and
   * before AS-path length; {@link #routingPreference()} expresses it as LOCAL_PREF on import, the
   * rung of the decision process that comes before AS-path length.
   */
  public enum HubRoutingPreference {
    /**
     * The default: ExpressRoute routes get LOCAL_PREF 200 and beat VPN and NVA routes, which get
     * LOCAL_PREF 100; VPN against NVA is decided by AS-path length.
     */
    EXPRESS_ROUTE,
    /**
     * VPN and NVA routes get LOCAL_PREF 200 and beat ExpressRoute routes (100); VPN against NVA is
     * decided by AS-path length.
     */
    VPN_GATEWAY,
    /** Every source gets LOCAL_PREF 100: the shortest AS path wins, whatever its source. */
    AS_PATH
  }

  /**
   * Whether routes equal to or inside the address space of <em>peered</em> VNets are filtered too.
   * <b>UNCONFIRMED for ARS</b>: its documentation states the filter for its own VNet only; the VPN
   * gateway, with gateway transit, blocks exact prefixes of the VNet and of peered VNets (VPNFAQ).
   */
  public enum PeeredVnetFilter {
    /** Peered VNet prefixes are not filtered (the default: only the documented rule applies). */
    NONE,
    /** Exactly the peered VNets' prefixes are filtered, as the VPN gateway does. */
    EXACT,
    /** The peered VNets' prefixes and everything inside them are filtered, as for the own VNet. */
    EXACT_OR_LONGER
  }

  private final ImmutableList<Prefix> vnetAddressSpace;
  private final ImmutableList<Prefix> peeredVnetAddressSpace;
  private final PeeredVnetFilter peeredVnetFilter;
  private final boolean branchToBranch;
  private final HubRoutingPreference hubRoutingPreference;

  private AzureRouteServerPolicies(Builder b) {
    this.vnetAddressSpace = ImmutableList.copyOf(b.vnetAddressSpace);
    this.peeredVnetAddressSpace = ImmutableList.copyOf(b.peeredVnetAddressSpace);
    this.peeredVnetFilter = b.peeredVnetFilter;
    this.branchToBranch = b.branchToBranch;
    this.hubRoutingPreference = b.hubRoutingPreference;
  }

  /** A builder with ARS's defaults: branch-to-branch off, HRP ExpressRoute. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether a peer in {@code groups} is one of the VNet's gateways ({@link #VPN_GATEWAY} or {@link
   * #EXPRESSROUTE_GATEWAY}) rather than an NVA: the gateways peer with ARS in its own AS 65515
   * (ERVPN), and the rules ARS sets for its NVA peers (reserved ASNs, the per-peer route limit) are
   * not theirs.
   */
  public static boolean isGateway(Set<String> groups) {
    return groups.contains(VPN_GATEWAY) || groups.contains(EXPRESSROUTE_GATEWAY);
  }

  /** Whether ARS refuses {@code asn} as a peer's AS ({@link #RESERVED_PEER_ASNS}). */
  public static boolean isReservedPeerAsn(long asn) {
    return RESERVED_PEER_ASNS.contains(asn);
  }

  /** The VNet's address space. */
  public ImmutableList<Prefix> vnetAddressSpace() {
    return vnetAddressSpace;
  }

  /** The address space of peered VNets, filtered as {@link #peeredVnetFilter()} says. */
  public ImmutableList<Prefix> peeredVnetAddressSpace() {
    return peeredVnetAddressSpace;
  }

  /** How routes in peered VNets' address space are filtered (UNCONFIRMED behaviour). */
  public PeeredVnetFilter peeredVnetFilter() {
    return peeredVnetFilter;
  }

  /** Whether branch-to-branch (allowBranchToBranchTraffic) is on. */
  public boolean branchToBranch() {
    return branchToBranch;
  }

  /** The hub routing preference. */
  public HubRoutingPreference hubRoutingPreference() {
    return hubRoutingPreference;
  }

  /**
   * Import: rejects every route from a peer whose AS is reserved ({@link #RESERVED_PEER_ASNS}), for
   * sessions that were not refused when configured. The VNet gateways are exempt: they share ARS's
   * AS 65515 (ERVPN) and peer with it internally.
   */
  public Term reservedPeerAsnFilter() {
    return Term.named("azure-reserved-peer-asn")
        .when(
            all(
                direction(Direction.IMPORT),
                Matchers.fromAs(RESERVED_PEER_ASNS),
                Matchers.not(any(fromGroup(VPN_GATEWAY), fromGroup(EXPRESSROUTE_GATEWAY)))))
        .reject("the peer's AS is reserved by Azure and cannot peer with Route Server (FAQ)");
  }

  /**
   * Import: rejects routes whose AS_PATH already holds 65515, in any segment: ARS's loop
   * prevention, which also drops routes one ARS learned from another (PR #128635, MR, DUAL).
   */
  public Term asPathLoopFilter() {
    return Term.named("azure-as-path-loop")
        .when(all(direction(Direction.IMPORT), Matchers.asPathContains(ROUTE_SERVER_ASN)))
        .reject("AS_PATH contains 65515: Azure Route Server drops looped routes");
  }

  /**
   * Import: rejects routes whose prefix equals or lies inside the VNet address space; a supernet
   * (10.0.0.0/8 for a 10.0.0.0/16 VNet) passes (INJ). With a {@link PeeredVnetFilter} other than
   * {@code NONE}, peered VNets' prefixes are filtered too (UNCONFIRMED).
   */
  public Term vnetOverlapFilter() {
    List<PrefixRange> ranges = new ArrayList<>();
    vnetAddressSpace.forEach(p -> ranges.add(PrefixRange.orLonger(p)));
    for (Prefix peered : peeredVnetAddressSpace) {
      switch (peeredVnetFilter) {
        case EXACT -> ranges.add(PrefixRange.exact(peered));
        case EXACT_OR_LONGER -> ranges.add(PrefixRange.orLonger(peered));
        case NONE -> {}
      }
    }
    return Term.named("azure-vnet-overlap")
        .when(
            all(
                direction(Direction.IMPORT),
                Matchers.prefixIn(PrefixSet.of("vnet-address-space", ranges))))
        .reject("prefix equal to or inside the VNet address space is not injected (INJ)");
  }

  /**
   * Import: hub routing preference as LOCAL_PREF ({@link #PREFERRED_LOCAL_PREF} for the preferred
   * sources, {@link #DEFAULT_LOCAL_PREF} for the others, replacing whatever the peer sent, which
   * RFC 4271 5.1.5 says an eBGP speaker ignores anyway), so that the decision process ranks sources
   * before AS-path length, as HRP does.
   */
  public PolicySequence routingPreference() {
    String name = "azure-hub-routing-preference";
    Term others =
        Term.named("others")
            .when(direction(Direction.IMPORT))
            .then(Actions.setLocalPref(DEFAULT_LOCAL_PREF))
            .next();
    return switch (hubRoutingPreference) {
      case EXPRESS_ROUTE ->
          RoutePolicy.firstMatch(
              name,
              Term.named("expressroute")
                  .when(all(direction(Direction.IMPORT), fromGroup(EXPRESSROUTE_GATEWAY)))
                  .then(Actions.setLocalPref(PREFERRED_LOCAL_PREF))
                  .next(),
              others);
      case VPN_GATEWAY ->
          RoutePolicy.firstMatch(
              name,
              Term.named("vpn-and-nva")
                  .when(
                      all(direction(Direction.IMPORT), any(fromGroup(VPN_GATEWAY), fromGroup(NVA))))
                  .then(Actions.setLocalPref(PREFERRED_LOCAL_PREF))
                  .next(),
              others);
      case AS_PATH -> RoutePolicy.firstMatch(name, others);
    };
  }

  /**
   * Export: with branch-to-branch off (the default), no routes pass between NVAs and the VPN or
   * ExpressRoute gateway, nor between the two gateways (FAQ, ERVPN); with it on, this is an empty
   * policy that passes everything.
   */
  public PolicySequence branchToBranchFilter() {
    if (branchToBranch) {
      return RoutePolicy.allMatch("azure-branch-to-branch-on");
    }
    RouteMatcher gateway = any(fromGroup(VPN_GATEWAY), fromGroup(EXPRESSROUTE_GATEWAY));
    return RoutePolicy.allMatch(
        "azure-branch-to-branch-off",
        Term.named("gateway-to-nva")
            .when(all(direction(Direction.EXPORT), gateway, toGroup(NVA)))
            .reject("branch-to-branch is off: gateway routes are not sent to NVAs"),
        Term.named("nva-to-gateway")
            .when(
                all(
                    direction(Direction.EXPORT),
                    fromGroup(NVA),
                    any(toGroup(VPN_GATEWAY), toGroup(EXPRESSROUTE_GATEWAY))))
            .reject("branch-to-branch is off: NVA routes are not sent to gateways"),
        Term.named("gateway-to-gateway")
            .when(
                all(
                    direction(Direction.EXPORT),
                    any(
                        all(fromGroup(VPN_GATEWAY), toGroup(EXPRESSROUTE_GATEWAY)),
                        all(fromGroup(EXPRESSROUTE_GATEWAY), toGroup(VPN_GATEWAY)))))
            .reject(
                "branch-to-branch is off: no transit between the VPN and ExpressRoute gateways"));
  }

  /**
   * The import chain: reserved peer ASNs, AS-path loop, VNet overlap, then hub routing preference.
   */
  public PolicySequence importPolicy() {
    return RoutePolicy.chain(
        "azure-route-server-import",
        reservedPeerAsnFilter(),
        asPathLoopFilter(),
        vnetOverlapFilter(),
        routingPreference());
  }

  /**
   * The export chain: NO_ADVERTISE (never sent to any peer, though still injected in the VNet: FAQ,
   * INJ), NO_EXPORT (never sent to an external peer, which every NVA is), then branch-to-branch.
   *
   * <p>NO_EXPORT is always honoured. What ARS does with it is <b>UNCONFIRMED</b> (its documentation
   * names NO_ADVERTISE only), but RFC 1997 makes honouring it mandatory for every BGP speaker, and
   * the route server's engine drops NO_EXPORT routes towards external peers whatever the policy
   * says; the term here keeps the policy's verdicts, and the offline Azure model that uses them,
   * the same as what the engine sends.
   */
  public PolicySequence exportPolicy() {
    return RoutePolicy.chain(
        "azure-route-server-export",
        StandardPolicies.wellKnownCommunities(),
        branchToBranchFilter());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof AzureRouteServerPolicies p
        && p.vnetAddressSpace.equals(vnetAddressSpace)
        && p.peeredVnetAddressSpace.equals(peeredVnetAddressSpace)
        && p.peeredVnetFilter == peeredVnetFilter
        && p.branchToBranch == branchToBranch
        && p.hubRoutingPreference == hubRoutingPreference;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        vnetAddressSpace,
        peeredVnetAddressSpace,
        peeredVnetFilter,
        branchToBranch,
        hubRoutingPreference);
  }

  @Override
  public String toString() {
    return "AzureRouteServerPolicies{vnet="
        + vnetAddressSpace
        + ", peered="
        + peeredVnetAddressSpace
        + " ("
        + peeredVnetFilter
        + "), branchToBranch="
        + branchToBranch
        + ", hubRoutingPreference="
        + hubRoutingPreference
        + "}";
  }

  /** Builds {@link AzureRouteServerPolicies}. Not thread-safe. */
  public static final class Builder {
    private final List<Prefix> vnetAddressSpace = new ArrayList<>();
    private final List<Prefix> peeredVnetAddressSpace = new ArrayList<>();
    private PeeredVnetFilter peeredVnetFilter = PeeredVnetFilter.NONE;
    private boolean branchToBranch;
    private HubRoutingPreference hubRoutingPreference = HubRoutingPreference.EXPRESS_ROUTE;

    private Builder() {}

    /** Adds ranges of the VNet's address space. */
    public Builder vnetAddressSpace(Iterable<Prefix> prefixes) {
      prefixes.forEach(vnetAddressSpace::add);
      return this;
    }

    /**
     * Adds ranges of peered VNets and says how to filter them (UNCONFIRMED for ARS: see {@link
     * PeeredVnetFilter}).
     */
    public Builder peeredVnetAddressSpace(Iterable<Prefix> prefixes, PeeredVnetFilter filter) {
      prefixes.forEach(peeredVnetAddressSpace::add);
      this.peeredVnetFilter = filter;
      return this;
    }

    /** Turns branch-to-branch on or off (off by default, as in ARS). */
    public Builder branchToBranch(boolean on) {
      this.branchToBranch = on;
      return this;
    }

    /** Sets the hub routing preference ({@link HubRoutingPreference#EXPRESS_ROUTE} by default). */
    public Builder hubRoutingPreference(HubRoutingPreference preference) {
      this.hubRoutingPreference = preference;
      return this;
    }

    /** The policies. */
    public AzureRouteServerPolicies build() {
      return new AzureRouteServerPolicies(this);
    }
  }
}
