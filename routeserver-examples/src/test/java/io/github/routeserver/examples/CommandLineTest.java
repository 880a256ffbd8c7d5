package io.github.routeserver.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {
  @ParameterizedTest
  @ValueSource(strings = {"demo", "serve", "effective-routes", "decode"})
  void everyCommandHasHelp(String command) {
    Cli help = Cli.run(command, "--help");
    assertEquals(0, help.exitCode(), help.err());
    assertTrue(help.out().startsWith("Usage: routeserver " + command), help.out());
  }

  @Test
  void theRootListsEveryCommand() {
    Cli help = Cli.run("--help");
    assertEquals(0, help.exitCode());
    for (String command : new String[] {"demo", "serve", "effective-routes", "decode"}) {
      assertTrue(help.out().contains("  " + command + " "), help.out());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-such-command", "demo --bogus", "decode", "effective-routes"})
  void badUsageExitsWithTwo(String args) {
    Cli run = Cli.run(args.split(" "));
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertTrue(run.err().startsWith("routeserver"), run.err());
  }
}
