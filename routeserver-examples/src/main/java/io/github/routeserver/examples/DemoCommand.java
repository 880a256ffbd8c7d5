package io.github.routeserver.examples;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.routing.EffectiveRoute;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.examples.demo.DemoStep;
import io.github.routeserver.examples.demo.LearnedRoutes;
import io.github.routeserver.examples.demo.ReferenceArchitectureDemo;
import io.github.routeserver.examples.output.EffectiveRouteReport;
import io.github.routeserver.examples.output.JsonOutput;
import io.github.routeserver.examples.output.TextTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs {@link ReferenceArchitectureDemo} and prints each step: as text for people (the effective
 * routes as the Azure CLI's tables), or with {@code --json} as one JSON document whose steps carry
 * every subnet's effective routes as {@code EffectiveRouteListResult} objects.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Azure Route Server's reference architecture live on loopback: a Route Server of two"
          + " instances (AS 65515), two NVAs (AS 65001) built with this library, a VPN and an"
          + " ExpressRoute gateway, and a spoke VNet, over real BGP sessions. Prints every"
          + " subnet's effective routes, then what branch-to-branch, an NVA failure and AS-path"
          + " prepending change.",
      "Binds 127.0.0.4 to 127.0.2.5 (Linux has all of 127.0.0.0/8 on loopback)."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--json",
      description =
          "Print one JSON document: the steps, each with its headline and every subnet's"
              + " effective routes (subnet resource id to EffectiveRouteListResult).")
  boolean json;

  /** The property of slf4j-simple's level, which the demo lowers to WARN unless it is set. */
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  @Override
  public Integer call() {
    // The demo prints its own account of the sessions; the library's INFO logs would drown it.
    // This works because no logger exists before the demo starts its speakers.
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, "warn");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode document = JsonNodeFactory.instance.objectNode();
      ArrayNode steps = document.putArray("steps");
      ReferenceArchitectureDemo.run(step -> steps.add(json(step)));
      JsonOutput.print(out, document);
    } else {
      ReferenceArchitectureDemo.run(step -> print(out, step));
    }
    return 0;
  }

  private static void print(PrintWriter out, DemoStep step) {
    out.println(step.headline());
    out.println();
    if (!step.speakers().isEmpty()) {
      TextTable speakers = new TextTable("Speaker", "AS", "Address", "Runs On", "Advertises");
      step.speakers()
          .forEach(
              s ->
                  speakers.row(
                      s.name(),
                      String.valueOf(s.asn()),
                      s.address(),
                      s.runsOn(),
                      String.join(", ", s.advertises().stream().map(Prefix::toString).toList())));
      speakers.print(out, "  ");
      out.println();
    }
    for (LearnedRoutes learned : step.learnedRoutes()) {
      out.println(learned.speaker() + " learned from Route Server:");
      if (learned.routes().isEmpty()) {
        out.println("  (nothing)");
      } else {
        TextTable table = new TextTable("Prefix", "AS Path", "From");
        learned
            .routes()
            .forEach(r -> table.row(r.prefix().toString(), r.asPath().toString(), r.from()));
        table.print(out, "  ");
      }
      out.println();
    }
    for (ResourceId subnet : step.shownSubnets()) {
      List<EffectiveRoute> rows =
          step.effectiveRoutes().get(subnet).routes().stream()
              .filter(
                  r ->
                      step.shownPrefixes().isEmpty()
                          || r.addressPrefixes().stream().anyMatch(step.shownPrefixes()::contains))
              .toList();
      EffectiveRouteReport.printTable(
          out,
          "Effective routes of "
              + EffectiveRouteReport.subnetName(subnet)
              + (step.shownPrefixes().isEmpty() ? "" : " for the NVAs' prefixes")
              + ":",
          rows);
    }
    out.flush();
  }

  private static ObjectNode json(DemoStep step) {
    ObjectNode json = JsonNodeFactory.instance.objectNode().put("headline", step.headline());
    if (!step.speakers().isEmpty()) {
      ArrayNode speakers = json.putArray("speakers");
      for (DemoStep.SpeakerSummary s : step.speakers()) {
        ArrayNode advertises =
            speakers
                .addObject()
                .put("name", s.name())
                .put("asn", s.asn())
                .put("address", s.address())
                .put("runsOn", s.runsOn())
                .putArray("advertises");
        s.advertises().forEach(p -> advertises.add(p.toString()));
      }
    }
    if (!step.learnedRoutes().isEmpty()) {
      ArrayNode learned = json.putArray("learnedRoutes");
      for (LearnedRoutes routes : step.learnedRoutes()) {
        ArrayNode rows = learned.addObject().put("speaker", routes.speaker()).putArray("routes");
        routes
            .routes()
            .forEach(
                r ->
                    rows.addObject()
                        .put("prefix", r.prefix().toString())
                        .put("asPath", r.asPath().toString())
                        .put("from", r.from()));
      }
    }
    json.set("effectiveRoutes", EffectiveRouteReport.json(step.effectiveRoutes()));
    return json;
  }
}
