package io.github.routeserver.benchmarks;

import static io.github.routeserver.core.policy.Matchers.asPath;
import static io.github.routeserver.core.policy.Matchers.communityAny;
import static io.github.routeserver.core.policy.Matchers.neighborAs;
import static io.github.routeserver.core.policy.Matchers.prefixIn;

import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.Actions;
import io.github.routeserver.core.policy.AsnSet;
import io.github.routeserver.core.policy.AzureRouteServerPolicies;
import io.github.routeserver.core.policy.CommunitySet;
import io.github.routeserver.core.policy.Disposition;
import io.github.routeserver.core.policy.PrefixRange;
import io.github.routeserver.core.policy.PrefixSet;
import io.github.routeserver.core.policy.RoutePolicy;
import io.github.routeserver.core.policy.StandardPolicies;
import io.github.routeserver.core.policy.Term;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The export policies of the policy benchmarks, one per peer, in a mix of five kinds (policy {@code
 * i} is of kind {@code i % 5}):
 *
 * <ol>
 *   <li>prefix-list filter: bogons rejected, then a 2,000-range customer list accepted, otherwise
 *       reject;
 *   <li>community policy: blackhole community rejected, routes tagged with the neighbour's
 *       communities get a community added;
 *   <li>prepend twice towards routes from one neighbour AS, reject longer than /24;
 *   <li>AS-path regular expressions: reject one transit AS, set MED on a range of neighbours;
 *   <li>a chain of the built-ins: RFC 1997 well-known communities, the Azure Route Server export
 *       rules and RFC 9234 egress.
 * </ol>
 */
final class SyntheticPolicies {
  private SyntheticPolicies() {}

  /**
   * Export policy number {@code i} of the mix: its kind is {@code i % 5}, its parameters (the
   * neighbour AS, the customer ranges drawn from {@code prefixes} with {@code random}, the MED)
   * depend on {@code i}, so that policies {@code i} and {@code i + 50} are the same kind with other
   * values: what an operator's edit of one peer's policy looks like.
   */
  static RoutePolicy export(int i, Prefix[] prefixes, SplittableRandom random) {
    PrefixSet bogons =
        PrefixSet.parse(
            "bogons",
            "0.0.0.0/8 le 32",
            "10.0.0.0/8 le 32",
            "100.64.0.0/10 le 32",
            "127.0.0.0/8 le 32",
            "169.254.0.0/16 le 32",
            "172.16.0.0/12 le 32",
            "192.0.2.0/24 le 32",
            "192.168.0.0/16 le 32",
            "198.18.0.0/15 le 32",
            "224.0.0.0/3 le 32");
    long neighbour = 64_500 + i % 40;
    String name = "export-" + i;
    return switch (i % 5) {
      case 0 -> {
        List<PrefixRange> customers = new ArrayList<>();
        for (int k = 0; k < 2_000; k++) {
          Prefix p = prefixes[random.nextInt(prefixes.length)];
          customers.add(new PrefixRange(p, p.length(), Math.max(p.length(), 24)));
        }
        yield RoutePolicy.firstMatch(
                name,
                Term.named("bogons").when(prefixIn(bogons)).reject(),
                Term.named("customers")
                    .when(prefixIn(PrefixSet.of("customers-" + i, customers)))
                    .accept())
            .withOtherwise(Disposition.REJECT);
      }
      case 1 ->
          RoutePolicy.firstMatch(
              name,
              Term.named("blackhole")
                  .when(communityAny(CommunitySet.parse("blackhole", "65535:666", "BLACKHOLE")))
                  .reject(),
              Term.named("tag")
                  .when(communityAny(CommunitySet.parse("from-neighbour", neighbour + ":*")))
                  .then(Actions.addCommunities(CommunitySet.parse("tag", "64999:" + i)))
                  .accept());
      case 2 ->
          RoutePolicy.allMatch(
              name,
              Term.named("prepend")
                  .when(neighborAs(AsnSet.of(neighbour)))
                  .then(Actions.prepend(2))
                  .next(),
              Term.named("too-long")
                  .when(prefixIn(PrefixSet.parse("long", "0.0.0.0/0 ge 25")))
                  .reject());
      case 3 ->
          RoutePolicy.allMatch(
              name,
              Term.named("no-transit").when(asPath("_" + (1 + i) + "_")).reject(),
              Term.named("med").when(asPath("^645[0-1][0-9]_")).then(Actions.setMed(i)).next());
      default ->
          RoutePolicy.chain(
              name,
              StandardPolicies.wellKnownCommunities(),
              AzureRouteServerPolicies.builder().build().exportPolicy(),
              StandardPolicies.rfc9234Egress(),
              Term.named("bogons").when(prefixIn(bogons)).reject());
    };
  }
}
