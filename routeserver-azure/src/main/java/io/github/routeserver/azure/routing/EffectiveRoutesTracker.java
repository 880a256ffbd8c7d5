package io.github.routeserver.azure.routing;

import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.model.Topology;
import io.github.routeserver.core.engine.RibSnapshot;
import io.github.routeserver.core.engine.RouteServerListener;
import io.github.routeserver.core.rib.Rib;
import io.github.routeserver.core.rib.RibDelta;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps a topology's effective routes current as a {@code RouteServer}'s RIB changes: register it
 * with {@code RouteServer.addListener} and read {@link #current()} from any thread. Each change is
 * applied as the difference between the RIB it last saw and the new one, so a change it missed
 * (registered late, or a listener error) is caught up on the next one.
 *
 * <p>{@link #onChange} runs on the route server's writer thread; it costs about the number of
 * changed prefixes times the number of subnets served, and then hands the update to the consumer,
 * which must be quick too.
 */
public final class EffectiveRoutesTracker implements RouteServerListener {
  private final ResourceId routeServer;
  private final Consumer<EffectiveRoutesUpdate> onUpdate;
  private volatile Seen seen;

  private record Seen(Rib rib, EffectiveRoutes routes) {}

  /**
   * A tracker of {@code routeServer} in {@code topology}, starting from {@code initial} (the route
   * server's snapshot when it is registered); {@code onUpdate} hears of every change.
   */
  public EffectiveRoutesTracker(
      Topology topology,
      ResourceId routeServer,
      AzureRoutingOptions options,
      RibSnapshot initial,
      Consumer<EffectiveRoutesUpdate> onUpdate) {
    this.routeServer = routeServer;
    this.onUpdate = onUpdate;
    this.seen =
        new Seen(
            initial.rib(),
            EffectiveRoutes.compute(topology, Map.of(routeServer, initial.rib()), options));
  }

  /** The effective routes as of the last change seen. */
  public EffectiveRoutes current() {
    return seen.routes();
  }

  @Override
  public void onChange(RibSnapshot snapshot, RibDelta delta) {
    Seen last = seen;
    EffectiveRoutesUpdate update =
        last.routes().apply(routeServer, RibDelta.between(last.rib(), snapshot.rib()));
    seen = new Seen(snapshot.rib(), update.routes());
    if (!update.changedSubnets().isEmpty()) {
      onUpdate.accept(update);
    }
  }
}
