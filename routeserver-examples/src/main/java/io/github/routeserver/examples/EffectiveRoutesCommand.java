package io.github.routeserver.examples;

import io.github.routeserver.azure.arm.ArmTopologyReader;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.azure.routing.AzureRoutingOptions;
import io.github.routeserver.azure.routing.EffectiveRouteTable;
import io.github.routeserver.azure.routing.EffectiveRoutes;
import io.github.routeserver.azure.routing.TopologyValidator;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.examples.config.ConfigException;
import io.github.routeserver.examples.config.LearnedRoutesReader;
import io.github.routeserver.examples.output.EffectiveRouteReport;
import io.github.routeserver.examples.output.JsonOutput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Computes every subnet's effective routes offline, from ARM JSON and, optionally, the routes that
 * Route Servers and gateways learned from their BGP peers.
 */
@Command(
    name = "effective-routes",
    mixinStandardHelpOptions = true,
    description = {
      "Computes the effective routes of every subnet of an Azure topology offline, and prints one"
          + " JSON object whose keys are subnet resource ids and whose values are"
          + " EffectiveRouteListResult objects (or aligned tables with --table).",
      "Azure rules the topology breaks are printed to standard error as warnings."
    })
final class EffectiveRoutesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--topology",
      required = true,
      paramLabel = "ARM.json",
      description =
          "ARM JSON: an exported template, or what 'az network ... show' or 'list' print."
              + " Repeat it to merge several files.")
  List<Path> topology;

  @Option(
      names = "--learned",
      paramLabel = "ROUTES.json",
      description =
          "The routes the BGP peers advertised: a JSON list of {peer, prefix, asPath, nextHop,"
              + " communities} (see config/learned-routes.json).")
  @Nullable Path learned;

  @Option(
      names = "--service-tags",
      paramLabel = "TAGS.json",
      description =
          "Azure's service tags file (ServiceTags_Public_*.json), for service endpoint routes.")
  @Nullable Path serviceTags;

  @Option(names = "--table", description = "Print aligned tables instead of JSON.")
  boolean table;

  @Override
  public Integer call() throws ConfigException {
    List<Path> files = new ArrayList<>(topology);
    if (serviceTags != null) {
      files.add(serviceTags);
    }
    Topology azure = ArmTopologyReader.create().read(files);
    // Every input is read before anything is printed: bad input is one line on its own.
    Map<ResourceId, Rib> ribs =
        learned == null ? Map.of() : LearnedRoutesReader.read(learned, azure);
    PrintWriter err = spec.commandLine().getErr();
    new TopologyValidator(AzureRoutingOptions.DEFAULT)
        .validate(azure).stream().distinct().forEach(error -> err.println("warning: " + error));
    err.flush();
    Map<ResourceId, EffectiveRouteTable> tables = EffectiveRoutes.compute(azure, ribs).tables();
    PrintWriter out = spec.commandLine().getOut();
    if (table) {
      tables.forEach(
          (subnet, routes) ->
              EffectiveRouteReport.printTable(out, subnet.toString(), routes.routes()));
      out.flush();
    } else {
      JsonOutput.print(out, EffectiveRouteReport.json(tables));
    }
    return 0;
  }
}
