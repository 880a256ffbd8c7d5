package io.github.routeserver.bgp.session;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpRole;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.EnhancedRouteRefreshCapability;
import io.github.routeserver.bgp.wire.GracefulRestartCapability;
import io.github.routeserver.bgp.wire.LongLivedGracefulRestartCapability;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.RoleCapability;
import io.github.routeserver.bgp.wire.RouteRefreshCapability;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.RouteSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Capability negotiation (RFC 5492) between our OPEN and the peer's. Pure functions. */
final class Negotiation {
  /** The role pairs RFC 9234 section 4.2 allows: ours, then the peer's. */
  private static final ImmutableMap<BgpRole, BgpRole> ROLE_PAIRS =
      ImmutableMap.of(
          BgpRole.PROVIDER, BgpRole.CUSTOMER,
          BgpRole.CUSTOMER, BgpRole.PROVIDER,
          BgpRole.ROUTE_SERVER, BgpRole.ROUTE_SERVER_CLIENT,
          BgpRole.ROUTE_SERVER_CLIENT, BgpRole.ROUTE_SERVER,
          BgpRole.PEER, BgpRole.PEER);

  private static final Notification ROLE_MISMATCH = Notification.of(BgpError.ROLE_MISMATCH);

  private Negotiation() {}

  /**
   * The refusal of {@code received} by capability negotiation: Role Mismatch (2/11) when both sides
   * sent roles that do not pair up, when the peer sent several different roles, or in strict mode
   * when it sent none (RFC 9234 section 4.2).
   */
  static Optional<Notification> check(SessionConfig config, Open received) {
    if (config.role().isEmpty()) {
      return Optional.empty();
    }
    Set<BgpRole> roles =
        received.capabilities(RoleCapability.class).stream()
            .map(RoleCapability::role)
            .collect(ImmutableSet.toImmutableSet());
    if (roles.isEmpty()) {
      return config.strictRole() ? Optional.of(ROLE_MISMATCH) : Optional.empty();
    }
    BgpRole expected = ROLE_PAIRS.get(config.role().get());
    return roles.size() == 1 && roles.contains(expected)
        ? Optional.empty()
        : Optional.of(ROLE_MISMATCH);
  }

  /**
   * What the two OPENs agree on, for the session numbered {@code session} on a connection where our
   * address is {@code localAddress}.
   */
  static NegotiatedSession negotiate(
      SessionConfig config, Open received, int holdTime, long session, IpAddress localAddress) {
    Open sent = config.localOpen();
    boolean internal = received.asn() == config.localAs();
    RouteSource source =
        new RouteSource(config.peer(), received.asn(), received.bgpIdentifier(), internal, session);
    ImmutableSet<AfiSafi> families =
        ImmutableSet.copyOf(Sets.intersection(families(sent), families(received)));
    boolean enhanced = offers(sent, received, EnhancedRouteRefreshCapability.class);
    Optional<GracefulRestartCapability> gracefulRestart =
        has(sent, GracefulRestartCapability.class)
            ? received.capabilities(GracefulRestartCapability.class).stream().findFirst()
            : Optional.empty();
    ImmutableMap.Builder<AfiSafi, Integer> longLived = ImmutableMap.builder();
    if (gracefulRestart.isPresent() && has(sent, LongLivedGracefulRestartCapability.class)) {
      for (LongLivedGracefulRestartCapability capability :
          received.capabilities(LongLivedGracefulRestartCapability.class)) {
        for (LongLivedGracefulRestartCapability.Family family : capability.families()) {
          if (family.staleTime() > 0 && families.contains(family.afiSafi())) {
            longLived.put(family.afiSafi(), family.staleTime());
          }
        }
      }
    }
    return new NegotiatedSession(
        source,
        sent,
        received,
        holdTime,
        families,
        CodecContext.negotiated(sent, received, !internal),
        has(received, RouteRefreshCapability.class),
        enhanced,
        gracefulRestart,
        longLived.buildKeepingLast(),
        received.capabilities(RoleCapability.class).stream().map(RoleCapability::role).findFirst(),
        localAddress);
  }

  /** The families an OPEN offers: its multiprotocol capabilities, or IPv4 unicast without any. */
  private static Set<AfiSafi> families(Open open) {
    List<MultiprotocolCapability> offered = open.capabilities(MultiprotocolCapability.class);
    if (offered.isEmpty()) {
      return Set.of(AfiSafi.IPV4_UNICAST);
    }
    return offered.stream()
        .map(MultiprotocolCapability::afiSafi)
        .collect(ImmutableSet.toImmutableSet());
  }

  private static boolean offers(Open sent, Open received, Class<? extends Capability> type) {
    return has(sent, type) && has(received, type);
  }

  private static boolean has(Open open, Class<? extends Capability> type) {
    return !open.capabilities(type).isEmpty();
  }
}
