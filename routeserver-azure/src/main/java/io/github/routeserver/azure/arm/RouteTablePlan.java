package io.github.routeserver.azure.arm;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.azure.model.RouteTable;
import io.github.routeserver.azure.model.UserRoute;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The changes that turn the route table ARM has into the one wanted: routes to add, routes to
 * change (same name, other prefix or next hop), routes to delete, and whether the table itself must
 * be written (it does not exist, or its {@code disableBgpRoutePropagation} or location differ).
 * Routes are matched by name. Immutable.
 *
 * @param desired the table wanted
 * @param actual the table ARM has, if any
 * @param additions routes in {@code desired} only
 * @param changes routes in both whose content differs, as wanted
 * @param deletions routes in {@code actual} only
 * @param writeTable whether the table resource itself must be written (PUT of the whole table)
 */
public record RouteTablePlan(
    RouteTable desired,
    Optional<DeployedRouteTable> actual,
    ImmutableList<UserRoute> additions,
    ImmutableList<UserRoute> changes,
    ImmutableList<UserRoute> deletions,
    boolean writeTable) {

  /** The plan from {@code actual} (empty: the table does not exist) to {@code desired}. */
  public static RouteTablePlan plan(RouteTable desired, Optional<DeployedRouteTable> actual) {
    Map<String, UserRoute> existing = new LinkedHashMap<>();
    actual.ifPresent(a -> a.table().routes().forEach(r -> existing.put(r.name(), r)));
    ImmutableList.Builder<UserRoute> additions = ImmutableList.builder();
    ImmutableList.Builder<UserRoute> changes = ImmutableList.builder();
    for (UserRoute route : desired.routes()) {
      UserRoute old = existing.remove(route.name());
      if (old == null) {
        additions.add(route);
      } else if (!old.equals(route)) {
        changes.add(route);
      }
    }
    boolean writeTable =
        actual.isEmpty()
            || actual.get().table().disableBgpRoutePropagation()
                != desired.disableBgpRoutePropagation()
            || !actual.get().table().location().equalsIgnoreCase(desired.location());
    return new RouteTablePlan(
        desired,
        actual,
        additions.build(),
        changes.build(),
        ImmutableList.copyOf(existing.values()),
        writeTable);
  }

  /** Whether nothing needs to change. */
  public boolean isEmpty() {
    return !writeTable && additions.isEmpty() && changes.isEmpty() && deletions.isEmpty();
  }

  /** "+2 ~1 -0" and whether the table is written, for logs. */
  @Override
  public String toString() {
    return desired.id()
        + ": +"
        + additions.size()
        + " ~"
        + changes.size()
        + " -"
        + deletions.size()
        + (writeTable ? " (table written)" : "");
  }
}
