package io.github.routeserver.core.policy.testing;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.policy.CommunitySet;
import io.github.routeserver.core.policy.PeerInfo;
import io.github.routeserver.core.policy.PolicyContext;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Origin;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Routes and contexts for tests, each in one line:
 *
 * <pre>{@code
 * Route r = TestRoutes.route("10.0.0.0/8", "65001 65002", "nh=10.1.0.4", "community=65001:100");
 * PolicyContext in = TestRoutes.importFrom(PeerInfo.of("10.1.0.4", 65001));
 * }</pre>
 *
 * <p>The attributes after the AS path are {@code key=value} words:
 *
 * <ul>
 *   <li>{@code from=ADDRESS}: the peer the route was learned from (its AS is the path's first AS,
 *       or {@link #LOCAL_ASN} for an empty path); default: the next hop, else 192.0.2.1;
 *   <li>{@code nh=ADDRESS}: NEXT_HOP; default: the {@code from} address;
 *   <li>{@code community=}, {@code ext=}, {@code large=}: communities in {@link CommunitySet}
 *       syntax ({@code 65001:100}, {@code rt:65001:1}, {@code 65001:1:2}), comma-separated or
 *       repeated; any key takes any kind;
 *   <li>{@code lp=}, {@code med=}, {@code otc=}: LOCAL_PREF, MULTI_EXIT_DISC, ONLY_TO_CUSTOMER;
 *   <li>{@code origin=igp|egp|incomplete}.
 * </ul>
 *
 * <p>The AS path is in {@link AsPath#parse} syntax ({@code "65001 {64512 64513}"}); bad input
 * throws {@link IllegalArgumentException} naming the word.
 */
public final class TestRoutes {
  /** Our AS in the contexts made here. */
  public static final long LOCAL_ASN = 64_999;

  /** Our address in the contexts made here. */
  public static final IpAddress LOCAL_ADDRESS = IpAddress.parse("192.0.2.254");

  private TestRoutes() {}

  /** A route for {@code prefix} with {@code asPath} and the attribute words described above. */
  public static Route route(String prefix, String asPath, String... attributes) {
    AsPath path = AsPath.parse(asPath);
    PathAttributes.Builder builder = PathAttributes.builder().asPath(path);
    String from = null;
    String nextHop = null;
    List<String> communities = new ArrayList<>();
    for (String word : attributes) {
      int equals = word.indexOf('=');
      checkArgument(equals > 0, "attribute: '%s' (expected: key=value)", word);
      String key = word.substring(0, equals).toLowerCase(Locale.ROOT);
      String value = word.substring(equals + 1);
      switch (key) {
        case "from" -> from = value;
        case "nh" -> nextHop = value;
        case "community", "ext", "large" -> {
          for (String community : value.split(",")) {
            if (!community.isBlank()) {
              communities.add(community);
            }
          }
        }
        case "lp" -> builder.localPref(Long.parseLong(value));
        case "med" -> builder.med(Long.parseLong(value));
        case "otc" -> builder.onlyToCustomer(Long.parseLong(value));
        case "origin" -> builder.origin(Origin.valueOf(value.toUpperCase(Locale.ROOT)));
        default ->
            throw new IllegalArgumentException(
                "attribute: '"
                    + word
                    + "' (expected: from, nh, community, ext, large, lp, med, otc or origin)");
      }
    }
    String source = from != null ? from : nextHop != null ? nextHop : "192.0.2.1";
    builder.nextHop(IpAddress.parse(nextHop != null ? nextHop : source));
    PathAttributes plain = builder.build();
    PathAttributes withCommunities =
        communities.isEmpty() ? plain : CommunitySet.parse("test", communities).addTo(plain);
    long asn = path.neighborAs().orElse(LOCAL_ASN);
    return Route.of(Prefix.parse(prefix), RouteSource.external(source, asn), withCommunities);
  }

  /** The context of a route imported from {@code from}, in {@link #LOCAL_ASN}. */
  public static PolicyContext importFrom(PeerInfo from) {
    return PolicyContext.importing(LOCAL_ASN, LOCAL_ADDRESS, from);
  }

  /** The context of a route learned from {@code from} and exported to {@code to}. */
  public static PolicyContext export(PeerInfo from, PeerInfo to) {
    return PolicyContext.exporting(LOCAL_ASN, LOCAL_ADDRESS, from, to);
  }
}
