package io.github.routeserver.azure.model;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;
import java.util.Optional;

/**
 * The ARM id of a resource, for example {@code
 * /subscriptions/S/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/a}.
 *
 * <p>ARM compares ids without regard to case (the same route table is referred to as {@code
 * routeTables} and {@code routetables} in different outputs), so equality and hashing ignore case
 * while {@link #toString()} keeps the text as read.
 */
public final class ResourceId implements Comparable<ResourceId> {
  private final String value;
  private final String key;

  private ResourceId(String value) {
    this.value = value;
    this.key = value.toLowerCase(Locale.ROOT);
  }

  /**
   * The id {@code value}; a trailing slash is dropped.
   *
   * @throws IllegalArgumentException if {@code value} does not start with {@code /}
   */
  public static ResourceId of(String value) {
    checkArgument(
        value.startsWith("/") && value.length() > 1,
        "resource id: '%s' (expected: /subscriptions/.../providers/...)",
        value);
    return new ResourceId(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
  }

  /** The id of the child resource {@code type/name} of this one, e.g. {@code subnets/a}. */
  public ResourceId child(String type, String name) {
    return new ResourceId(value + "/" + type + "/" + name);
  }

  /** The last segment: the resource's name. */
  public String name() {
    return value.substring(value.lastIndexOf('/') + 1);
  }

  /**
   * The resource this one is a child of ({@code .../virtualNetworks/hub} for a subnet of hub), if
   * this id names a child resource.
   */
  public Optional<ResourceId> parent() {
    int providers = key.lastIndexOf("/providers/");
    String tail = providers < 0 ? "" : key.substring(providers + "/providers/".length());
    // namespace/type/name is a top-level resource; each child adds type/name.
    if (tail.split("/").length < 5) {
      return Optional.empty();
    }
    int cut = value.lastIndexOf('/', value.lastIndexOf('/') - 1);
    return Optional.of(new ResourceId(value.substring(0, cut)));
  }

  /** The subscription id segment, if present. */
  public Optional<String> subscriptionId() {
    return segmentAfter("subscriptions");
  }

  private Optional<String> segmentAfter(String name) {
    String[] parts = value.split("/");
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equalsIgnoreCase(name)) {
        return Optional.of(parts[i + 1]);
      }
    }
    return Optional.empty();
  }

  @Override
  public int compareTo(ResourceId other) {
    return key.compareTo(other.key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceId r && r.key.equals(key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  /** The id as read. */
  @Override
  public String toString() {
    return value;
  }
}
