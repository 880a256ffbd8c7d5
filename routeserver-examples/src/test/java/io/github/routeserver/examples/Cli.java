package io.github.routeserver.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * What one run of the command line printed and returned, through the same entry point as {@code
 * main}.
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err standard error
 */
record Cli(int exitCode, String out, String err) {
  /** Runs {@code args} with captured output. */
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = RouteServerCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exitCode = cli.execute(args);
    return new Cli(exitCode, out.toString(), err.toString());
  }

  /**
   * The one line a bad input gives on standard error, after checking that the run failed with exit
   * code 2, printed nothing on standard output and exactly one line on standard error.
   */
  String oneLineError() {
    assertEquals(2, exitCode, out + err);
    assertEquals("", out);
    assertEquals(1, err.lines().count(), err);
    return err.strip();
  }
}
