package io.github.routeserver.examples;

import io.github.routeserver.azure.routing.AzureRoutingOptions;
import io.github.routeserver.azure.routing.EffectiveRoutesTracker;
import io.github.routeserver.azure.routing.TopologyValidator;
import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.examples.config.ConfigException;
import io.github.routeserver.examples.config.ServeConfig;
import io.github.routeserver.examples.config.ServeConfigReader;
import io.github.routeserver.examples.output.EffectiveRoutesDirectory;
import io.github.routeserver.netty.NettyRouteServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * A long-running route server configured by a YAML file. Peer state changes, and the warnings of
 * the configuration ({@link ServeConfig#warnings()}), are logged through SLF4J. With an {@code
 * azure} section, every subnet's effective routes are rewritten as JSON files whenever they change.
 * On SIGTERM or SIGINT it sends every peer a CEASE administrative shutdown and exits 0.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a route server configured by a YAML file (see config/routeserver.yaml).",
      "With an 'azure' section, every subnet's effective routes are rewritten as JSON files in"
          + " its output directory whenever they change. SIGTERM or SIGINT: a CEASE to every"
          + " peer, then exit 0."
    })
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML file.")
  Path config;

  @Override
  public Integer call() throws ConfigException, InterruptedException, IOException {
    // Made here, not in a static field, so that merely building the command line makes no logger
    // and the demo can still choose the log level.
    Logger log = LoggerFactory.getLogger(ServeCommand.class);
    ServeConfig settings = ServeConfigReader.read(config);
    settings.warnings().forEach(warning -> log.warn("{}", warning));
    RouteServer server =
        RouteServer.builder()
            .localAsn(settings.asn())
            .routerId(settings.routerId())
            .profile(settings.profile())
            .policies(settings.policies())
            .build();
    settings.templates().forEach(server::addTemplate);
    ExecutorService fileWriter =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "effective-routes-writer");
              thread.setDaemon(true);
              return thread;
            });
    if (settings.azure().isPresent()) {
      writeEffectiveRoutes(settings.azure().get(), server, fileWriter, log);
    }
    NettyRouteServer.Builder transport =
        NettyRouteServer.builder(server)
            .listen(settings.listen())
            .dynamicSessions(settings.dynamicSessions());
    settings.peers().forEach(transport::peer);
    NettyRouteServer netty = transport.build();
    server.start();
    try {
      netty.start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    log.info(
        "route server AS{} ({}, {}) listening on {} with {} peers and {} templates",
        settings.asn(),
        settings.routerId(),
        settings.profile(),
        netty.boundAddresses(),
        settings.peers().size(),
        settings.templates().size());
    CountDownLatch stopped = new CountDownLatch(1);
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(
          new Signal(name),
          signal -> {
            log.info("SIG{}: shutting down every session", name);
            netty.close();
            server.close();
            stopped.countDown();
          });
    }
    stopped.await();
    fileWriter.shutdown();
    fileWriter.awaitTermination(5, TimeUnit.SECONDS);
    return 0;
  }

  /**
   * Writes every subnet's effective routes to the output directory now, and those of the subnets
   * that change after each change of {@code server}'s RIB, on {@code fileWriter} so that the route
   * server's writer thread never waits for the disk.
   */
  private static void writeEffectiveRoutes(
      ServeConfig.AzureOutput azure, RouteServer server, ExecutorService fileWriter, Logger log)
      throws IOException {
    new TopologyValidator(AzureRoutingOptions.DEFAULT)
        .validate(azure.topology())
        .forEach(problem -> log.warn("topology: {}", problem));
    EffectiveRoutesDirectory directory = new EffectiveRoutesDirectory(azure.output());
    EffectiveRoutesTracker tracker =
        new EffectiveRoutesTracker(
            azure.topology(),
            azure.routeServer(),
            AzureRoutingOptions.DEFAULT,
            server.snapshot(),
            update ->
                fileWriter.execute(
                    () -> {
                      try {
                        directory.write(update.routes(), update.changedSubnets());
                        log.info(
                            "effective routes of {} subnets rewritten in {}",
                            update.changedSubnets().size(),
                            azure.output());
                      } catch (IOException e) {
                        log.error("cannot write effective routes to {}", azure.output(), e);
                      }
                    }));
    directory.write(tracker.current(), tracker.current().tables().keySet());
    log.info(
        "effective routes of {} subnets written to {}",
        tracker.current().tables().size(),
        azure.output());
    server.addListener(tracker);
  }
}
