package io.github.routeserver.examples;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.rib.DecisionOptions;
import io.github.routeserver.core.rib.DecisionProcess;
import io.github.routeserver.core.rib.DecisionStep;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.rib.Selection;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.Origin;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import io.github.routeserver.core.route.RouteSource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Loads a few hundred routes from two peers into a {@link Rib} and prints the best path of each
 * prefix with the reason it won.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Loads routes from two peers into a RIB and prints each best path with the reason it won.")
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--per-reason",
      defaultValue = "3",
      description =
          "Print at most this many best paths for each reason (default: ${DEFAULT-VALUE}; 0 for"
              + " all).")
  int perReason;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    RouteSource nva1 = RouteSource.external("10.1.0.4", 65001);
    RouteSource nva2 = RouteSource.external("10.1.0.5", 65002);
    List<Route> routes = sampleRoutes(nva1, nva2);
    DecisionProcess decision =
        new DecisionProcess(
            DecisionOptions.builder().multipathThrough(DecisionStep.AS_PATH_LENGTH).build());
    Rib.Editor editor = Rib.empty(decision).editor();
    routes.forEach(editor::announce);
    Rib rib = editor.commit().after();

    out.printf(
        "Loaded %d routes from %s and %s into %d prefixes.%n%n",
        routes.size(), nva1, nva2, rib.size());
    out.printf("%-18s %-15s %-14s %-22s %s%n", "PREFIX", "NEXT HOP", "FROM", "AS PATH", "WHY");
    Map<DecisionStep, Integer> reasons = new EnumMap<>(DecisionStep.class);
    int printed = 0;
    for (Selection selection : (Iterable<Selection>) rib.selections()::iterator) {
      int seen = reasons.merge(selection.reason(), 1, Integer::sum);
      if (perReason == 0 || seen <= perReason) {
        Route best = selection.best();
        out.printf(
            "%-18s %-15s %-14s %-22s %s%n",
            selection.prefix(),
            best.attributes().nextHop().map(IpAddress::toString).orElse("-"),
            "AS" + best.source().asn(),
            best.attributes().asPath(),
            selection.reason().description()
                + (selection.multipath().size() > 1
                    ? " (ECMP over " + selection.multipath().size() + " paths)"
                    : ""));
        printed++;
      }
    }
    if (printed < rib.size()) {
      out.printf("... and %d more (--per-reason 0 prints all)%n", rib.size() - printed);
    }
    out.printf("%nWhy each best path won:%n");
    reasons.forEach((step, count) -> out.printf("  %-24s %d%n", step.description(), count));
    out.flush();
    return 0;
  }

  /**
   * Two peers announce 200 prefixes each, 100 of them in common; on the shared ones the peers'
   * attributes differ in one rung of the decision at a time.
   */
  static List<Route> sampleRoutes(RouteSource nva1, RouteSource nva2) {
    List<Route> routes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Prefix prefix = Prefix.ofIpv4(0x0A_64_00_00 + (i << 8), 24); // 10.100.i.0/24
      PathAttributes base =
          PathAttributes.builder()
              .asPath(AsPath.of(65001, 64512 + i % 7))
              .nextHop(nva1.peer().address())
              .build();
      if (i < 200) {
        routes.add(Route.of(prefix, nva1, base));
      }
      if (i >= 100) {
        PathAttributes.Builder other =
            base.toBuilder().asPath(AsPath.of(65002, 64512 + i % 7)).nextHop(nva2.peer().address());
        switch (i % 5) {
          case 0 -> other.localPref(200);
          case 1 -> other.asPath(AsPath.of(65002, 65002, 64512 + i % 7));
          case 2 -> other.origin(Origin.INCOMPLETE);
          case 3 -> other.addCommunity(Community.NO_EXPORT);
          default -> other.med(50);
        }
        routes.add(Route.of(prefix, nva2, other.build()));
      }
    }
    return routes;
  }
}
