package io.github.routeserver.examples.policy;

import static io.github.routeserver.core.policy.Matchers.any;
import static io.github.routeserver.core.policy.Matchers.fromGroup;
import static io.github.routeserver.core.policy.Matchers.fromRole;
import static io.github.routeserver.core.policy.Matchers.not;
import static io.github.routeserver.core.policy.Matchers.toGroup;

import io.github.routeserver.core.policy.Actions;
import io.github.routeserver.core.policy.PolicySequence;
import io.github.routeserver.core.policy.Role;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.Term;

/**
 * An export policy a vendor might write: towards transit providers (peers in the group {@value
 * #TRANSIT}), send only customer routes (learned from a peer whose RFC 9234 role is customer, or
 * from a peer in the group {@value #CUSTOMERS}), with our AS prepended twice so that transit
 * prefers other paths in; towards every other peer, leave routes alone.
 */
public final class CustomerRoutesToTransit {
  /** The group of transit providers. */
  public static final String TRANSIT = "transit";

  /** The group of customers that have no RFC 9234 role configured. */
  public static final String CUSTOMERS = "customers";

  private CustomerRoutesToTransit() {}

  /** The policy. */
  // README:begin
  public static PolicySequence policy() {
    return RoutePolicy.firstMatch(
        "customer-routes-to-transit",
        Term.named("not-to-transit").when(not(toGroup(TRANSIT))).next(),
        Term.named("customer-routes")
            .when(any(fromRole(Role.CUSTOMER), fromGroup(CUSTOMERS)))
            .then(Actions.prepend(2))
            .accept(),
        Term.named("everything-else").reject("only customer routes go to transit"));
  }
  // README:end
}
