package io.github.routeserver.azure.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.Locale;
import java.util.Optional;

/**
 * Azure's service tags, as read from the file Azure publishes (Service Tags, {@code values[]}). The
 * prefixes of service-endpoint routes and of service-tag UDRs come from here and nowhere else.
 */
public final class ServiceTags {
  /** No tags at all: service endpoints then give no routes. */
  public static final ServiceTags EMPTY = new ServiceTags(ImmutableList.of());

  private final ImmutableList<ServiceTag> tags;
  private final ImmutableMap<String, ServiceTag> byName;

  private ServiceTags(ImmutableList<ServiceTag> tags) {
    this.tags = tags;
    ImmutableMap.Builder<String, ServiceTag> names = ImmutableMap.builder();
    tags.forEach(t -> names.put(t.name().toLowerCase(Locale.ROOT), t));
    this.byName = names.buildKeepingLast();
  }

  /** The tags {@code tags}. */
  public static ServiceTags of(Iterable<ServiceTag> tags) {
    return new ServiceTags(ImmutableList.copyOf(tags));
  }

  /** Every tag, in file order. */
  public ImmutableList<ServiceTag> tags() {
    return tags;
  }

  /** The tag named {@code name}, ignoring case. */
  public Optional<ServiceTag> tag(String name) {
    return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * The tags a service endpoint covers: for {@code Microsoft.Storage} with location {@code
   * westeurope}, the regional tags of base name {@code Storage} whose region is {@code westeurope};
   * for location {@code *}, the global tag {@code Storage}. The base name is the service name after
   * {@code Microsoft.}; where Azure names the tag otherwise, the caller maps it with {@code
   * tagBaseName}.
   */
  public ImmutableList<ServiceTag> forEndpoint(ServiceEndpoint endpoint, String tagBaseName) {
    ImmutableList.Builder<ServiceTag> matched = ImmutableList.builder();
    for (ServiceTag tag : tags) {
      if (!tag.baseName().equalsIgnoreCase(tagBaseName)) {
        continue;
      }
      for (String location : endpoint.locations()) {
        boolean global = location.equals("*") && !tag.isRegional();
        boolean regional = tag.isRegional() && tag.region().equalsIgnoreCase(location);
        if (global || regional) {
          matched.add(tag);
          break;
        }
      }
    }
    return matched.build();
  }
}
