package io.github.routeserver.core.policy;

import static io.github.routeserver.core.policy.Matchers.all;
import static io.github.routeserver.core.policy.Matchers.direction;
import static io.github.routeserver.core.policy.Matchers.fromRole;
import static io.github.routeserver.core.policy.Matchers.hasOnlyToCustomer;
import static io.github.routeserver.core.policy.Matchers.not;
import static io.github.routeserver.core.policy.Matchers.toRole;

/**
 * Built-in policies of the BGP standards. Each is an ordinary {@link RoutePolicy}: print it to see
 * its terms, put it anywhere in a chain, or replace it with your own. Each checks the direction it
 * applies to, so it is harmless in the other one.
 */
public final class StandardPolicies {
  private StandardPolicies() {}

  /**
   * RFC 8212 section 3: a route is neither imported from nor exported to an external (eBGP) peer
   * for which no policy has been configured. {@link PeerPolicies} uses this term for peers without
   * a configured chain; on an internal session it passes every route.
   */
  public static Term rfc8212DefaultDeny() {
    return Term.named("rfc8212-default-deny")
        .when(Matchers.externalSession())
        .reject("RFC 8212: no policy is configured for this eBGP session");
  }

  /**
   * RFC 9234 section 5, ingress procedure, for a peer whose {@link PeerInfo#role()} is known (a
   * peer without a role passes untouched):
   *
   * <ol>
   *   <li>a route with ONLY_TO_CUSTOMER from a customer or an RS-client is a leak: rejected;
   *   <li>a route with ONLY_TO_CUSTOMER from a lateral peer whose value is not that peer's AS is a
   *       leak: rejected;
   *   <li>a route from a provider, a lateral peer or a route server without ONLY_TO_CUSTOMER gets
   *       one with the peer's AS.
   * </ol>
   *
   * <p>The RFC calls leaked routes "ineligible" (section 3); here they are rejected, and {@link
   * RoutePolicy#explain} names the rule.
   */
  public static PolicySequence rfc9234Ingress() {
    return RoutePolicy.allMatch(
        "rfc9234-ingress",
        Term.named("otc-from-customer")
            .when(
                all(
                    direction(Direction.IMPORT),
                    fromRole(Role.CUSTOMER, Role.RS_CLIENT),
                    hasOnlyToCustomer()))
            .reject("RFC 9234 route leak: ONLY_TO_CUSTOMER received from a customer or RS-client"),
        Term.named("otc-from-peer-not-peer-as")
            .when(
                all(
                    direction(Direction.IMPORT),
                    fromRole(Role.PEER),
                    hasOnlyToCustomer(),
                    not(Matchers.onlyToCustomerIsFromAs())))
            .reject("RFC 9234 route leak: ONLY_TO_CUSTOMER from a peer is not the peer's AS"),
        Term.named("mark-from-provider-peer-rs")
            .when(all(direction(Direction.IMPORT), fromRole(Role.PROVIDER, Role.PEER, Role.RS)))
            .then(Actions.addOnlyToCustomerFromAs())
            .next());
  }

  /**
   * RFC 9234 section 5, egress procedure, for a peer whose {@link PeerInfo#role()} is known:
   *
   * <ol>
   *   <li>a route that already carries ONLY_TO_CUSTOMER is not sent to a provider, a lateral peer
   *       or a route server (rule 2, checked first so that rule 1's own marking does not trigger
   *       it);
   *   <li>a route sent to a customer, a lateral peer or an RS-client without ONLY_TO_CUSTOMER gets
   *       one with our AS (rule 1; a peer with the RS-client role means we are its route server).
   * </ol>
   */
  public static PolicySequence rfc9234Egress() {
    return RoutePolicy.allMatch(
        "rfc9234-egress",
        Term.named("otc-to-provider-peer-rs")
            .when(
                all(
                    direction(Direction.EXPORT),
                    toRole(Role.PROVIDER, Role.PEER, Role.RS),
                    hasOnlyToCustomer()))
            .reject("RFC 9234: a route with ONLY_TO_CUSTOMER goes only to customers"),
        Term.named("mark-to-customer-peer-rs-client")
            .when(
                all(direction(Direction.EXPORT), toRole(Role.CUSTOMER, Role.PEER, Role.RS_CLIENT)))
            .then(Actions.addOnlyToCustomerLocalAs())
            .next());
  }

  /** RFC 1997: a route carrying NO_ADVERTISE is exported to no peer at all. */
  public static Term noAdvertise() {
    return Term.named("no-advertise")
        .when(
            all(
                direction(Direction.EXPORT),
                Matchers.communityAny(CommunitySet.parse("no-advertise", "NO_ADVERTISE"))))
        .reject("RFC 1997: NO_ADVERTISE");
  }

  /**
   * RFC 1997: a route carrying NO_EXPORT or NO_EXPORT_SUBCONFED is not exported to external peers.
   * Confederations are not modelled, so the two are treated alike: every external session is
   * outside the AS.
   */
  public static Term noExport() {
    return Term.named("no-export")
        .when(
            all(
                direction(Direction.EXPORT),
                Matchers.externalSession(),
                Matchers.communityAny(
                    CommunitySet.parse("no-export", "NO_EXPORT", "NO_EXPORT_SUBCONFED"))))
        .reject("RFC 1997: NO_EXPORT to an external peer");
  }

  /** {@link #noAdvertise()} then {@link #noExport()}. */
  public static PolicySequence wellKnownCommunities() {
    return RoutePolicy.chain("rfc1997-well-known-communities", noAdvertise(), noExport());
  }
}
