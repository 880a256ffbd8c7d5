package io.github.routeserver.examples.demo;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.routing.EffectiveRouteTable;
import io.github.routeserver.core.net.Prefix;

/**
 * What the demo shows after one step, once the BGP sessions have converged.
 *
 * @param headline one line that says what happened and what it did to the routes
 * @param speakers the lab's speakers (in the first step only; empty after)
 * @param learnedRoutes routes speakers learned from the Route Server, where the step is about that
 * @param effectiveRoutes every subnet's effective routes
 * @param shownSubnets the subnets whose tables the step prints as text
 * @param shownPrefixes the prefixes whose rows the text shows; empty for every row
 */
public record DemoStep(
    String headline,
    ImmutableList<SpeakerSummary> speakers,
    ImmutableList<LearnedRoutes> learnedRoutes,
    ImmutableMap<ResourceId, EffectiveRouteTable> effectiveRoutes,
    ImmutableList<ResourceId> shownSubnets,
    ImmutableSet<Prefix> shownPrefixes) {

  /**
   * One BGP speaker of the lab.
   *
   * @param name its name, for example {@code NVA1}
   * @param asn its AS
   * @param address its Azure address
   * @param runsOn where it runs: its loopback address, and the port where it listens, if it does
   * @param advertises the prefixes it originates
   */
  public record SpeakerSummary(
      String name, long asn, String address, String runsOn, ImmutableList<Prefix> advertises) {}
}
