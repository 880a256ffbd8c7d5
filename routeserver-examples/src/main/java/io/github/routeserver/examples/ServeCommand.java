package io.github.routeserver.examples;

import io.github.routeserver.core.engine.RouteServer;
import io.github.routeserver.examples.config.ConfigException;
import io.github.routeserver.examples.config.ServeConfig;
import io.github.routeserver.examples.config.ServeConfigReader;
import io.github.routeserver.netty.NettyRouteServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * A long-running route server configured by a YAML file. Peer state changes are logged through
 * SLF4J. On SIGTERM or SIGINT it sends every peer a CEASE administrative shutdown and exits 0.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Runs a route server configured by a YAML file (see config/routeserver.yaml).")
final class ServeCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML file.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    ServeConfig settings;
    try {
      settings = ServeConfigReader.read(config);
    } catch (ConfigException e) {
      err.println(
          config.getParent() == null ? e.getMessage() : config.getParent() + "/" + e.getMessage());
      err.flush();
      return 2;
    }
    RouteServer server =
        RouteServer.builder()
            .localAsn(settings.asn())
            .routerId(settings.routerId())
            .profile(settings.profile())
            .policies(settings.policies())
            .build();
    settings.templates().forEach(server::addTemplate);
    NettyRouteServer.Builder transport = NettyRouteServer.builder(server).listen(settings.listen());
    settings.peers().forEach(transport::peer);
    NettyRouteServer netty = transport.build();
    server.start();
    try {
      netty.start();
    } catch (RuntimeException e) {
      server.close();
      err.println("cannot start: " + e.getMessage());
      err.flush();
      return 2;
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
    return 0;
  }
}
