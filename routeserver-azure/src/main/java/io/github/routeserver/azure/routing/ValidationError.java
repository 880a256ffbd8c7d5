package io.github.routeserver.azure.routing;

import io.github.routeserver.azure.model.ResourceId;

/**
 * A configuration Azure would refuse or that does not work, naming the resource and the ARM field.
 * {@link #toString()} is one line: {@code <resource id>: <field>: <message>}.
 *
 * @param resource the resource at fault
 * @param field the ARM JSON path of the field, for example {@code properties.routes[2].nextHopType}
 * @param message what is wrong and what is expected, with the rule's source
 */
public record ValidationError(ResourceId resource, String field, String message) {
  @Override
  public String toString() {
    return resource + ": " + field + ": " + message;
  }
}
