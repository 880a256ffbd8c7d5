package io.github.routeserver.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code routeserver} command line: one executable jar, one subcommand per sample app. */
@Command(
    name = "routeserver",
    mixinStandardHelpOptions = true,
    versionProvider = RouteServerCommand.Version.class,
    description = "Sample apps of the routeserver library.",
    subcommands = {DemoCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class RouteServerCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code: 0 on success, 2 on bad usage or input. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, for tests. */
  static int run(String... args) {
    return new CommandLine(new RouteServerCommand())
        .setExitCodeExceptionMapper(e -> 2)
        .execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** Prints the library version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = RouteServerCommand.class.getPackage().getImplementationVersion();
      return new String[] {"routeserver " + (version == null ? "(development build)" : version)};
    }
  }
}
