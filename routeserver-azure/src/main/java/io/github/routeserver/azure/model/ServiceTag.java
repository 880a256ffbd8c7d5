package io.github.routeserver.azure.model;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.Prefix;

/**
 * One entry of Azure's published service tags file ({@code values[]}): a name such as {@code
 * Storage} or {@code Storage.WestEurope} and its public prefixes. These are input data: the library
 * never invents service prefixes.
 *
 * @param name the tag name, for example {@code Storage.WestEurope}
 * @param region {@code properties.region}, empty for a global tag
 * @param systemService {@code properties.systemService}, for example {@code AzureStorage}
 * @param addressPrefixes {@code properties.addressPrefixes}
 */
public record ServiceTag(
    String name, String region, String systemService, ImmutableList<Prefix> addressPrefixes) {

  /** The name before the first dot: {@code Storage} for {@code Storage.WestEurope}. */
  public String baseName() {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /** Whether this is a regional tag ({@code Name.Region}). */
  public boolean isRegional() {
    return name.indexOf('.') >= 0;
  }
}
