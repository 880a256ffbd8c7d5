package io.github.routeserver.examples;

import io.github.routeserver.azure.arm.ArmReadException;
import io.github.routeserver.examples.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code routeserver} command line: one executable jar, one subcommand per sample app. Exit
 * codes: 0 on success; 2 on bad usage or bad input, with a one-line message that names the file,
 * line, column and field; 1 when something else fails (a port that cannot be bound, say).
 */
@Command(
    name = "routeserver",
    mixinStandardHelpOptions = true,
    versionProvider = RouteServerCommand.Version.class,
    description = "Sample apps of the routeserver library.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      EffectiveRoutesCommand.class,
      DecodeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class RouteServerCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line, ready to {@code execute}: bad usage is printed as one line that names the
   * command, and bad input ({@link ConfigException}, {@link ArmReadException}) as its one-line
   * message, both with exit code 2; any other failure as its message with exit code 1.
   */
  static CommandLine commandLine() {
    return new CommandLine(new RouteServerCommand())
        .setParameterExceptionHandler(
            (exception, args) -> {
              CommandLine cli = exception.getCommandLine();
              cli.getErr()
                  .println(
                      cli.getCommandSpec().qualifiedName()
                          + ": "
                          + exception.getMessage()
                          + " (see --help)");
              cli.getErr().flush();
              return 2;
            })
        .setExecutionExceptionHandler(
            (exception, cli, parsed) -> {
              boolean badInput =
                  exception instanceof ConfigException || exception instanceof ArmReadException;
              cli.getErr()
                  .println(
                      badInput ? exception.getMessage() : cli.getCommandName() + ": " + exception);
              cli.getErr().flush();
              return badInput ? 2 : 1;
            });
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
