package io.github.routeserver.examples.output;

import io.github.routeserver.azure.arm.EffectiveRouteJson;
import io.github.routeserver.azure.model.ResourceId;
import io.github.routeserver.azure.routing.EffectiveRouteTable;
import io.github.routeserver.azure.routing.EffectiveRoutes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/**
 * A directory that holds one file per subnet, {@code vnet.subnet.json}, with the subnet's effective
 * routes as the REST API's {@code EffectiveRouteListResult}. Each file is replaced atomically:
 * written to a temporary file in the directory, then moved over the old one, so that a reader sees
 * the old table or the new one, never part of either. Not thread-safe: one thread writes.
 */
public final class EffectiveRoutesDirectory {
  private final Path directory;

  /** The directory {@code directory}, which need not exist yet. */
  public EffectiveRoutesDirectory(Path directory) {
    this.directory = directory;
  }

  /** The name of {@code subnet}'s file: {@code vnet.subnet.json}. */
  public static String fileName(ResourceId subnet) {
    return EffectiveRouteReport.subnetName(subnet).replace('/', '.') + ".json";
  }

  /** Writes the tables of {@code subnets} in {@code routes}, creating the directory if needed. */
  public void write(EffectiveRoutes routes, Collection<ResourceId> subnets) throws IOException {
    Files.createDirectories(directory);
    for (ResourceId subnet : subnets) {
      EffectiveRouteTable table = routes.subnet(subnet).orElseThrow();
      Path temporary = Files.createTempFile(directory, "." + fileName(subnet), ".tmp");
      try {
        Files.writeString(temporary, EffectiveRouteJson.toJson(table), StandardCharsets.UTF_8);
        Files.move(
            temporary,
            directory.resolve(fileName(subnet)),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
    }
  }
}
