package io.github.routeserver.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

  private static String run(int expectedExit, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new RouteServerCommand()).setExitCodeExceptionMapper(e -> 2);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertEquals(expectedExit, cli.execute(args), err.toString());
    return out + err.toString();
  }

  @Test
  void demoLoadsBothPeersAndExplainsEveryBestPath() {
    String output = run(0, "demo", "--per-reason", "0");
    assertTrue(output.contains("Loaded 400 routes"), output);
    assertTrue(output.contains("into 300 prefixes"), output);
    // 100 prefixes are shared; each decision rung decides 20 of them, router id 40 (MED is
    // not compared across neighbour ASes, and a community never decides).
    assertTrue(output.matches("(?s).*only path\\s+200\\n.*"), output);
    assertTrue(output.matches("(?s).*highest LOCAL_PREF\\s+20\\n.*"), output);
    assertTrue(output.matches("(?s).*shortest AS_PATH\\s+20\\n.*"), output);
    assertTrue(output.matches("(?s).*lowest ORIGIN\\s+20\\n.*"), output);
    assertTrue(output.matches("(?s).*lowest router id\\s+40\\n.*"), output);
    assertTrue(
        output.contains(
            "10.100.100.0/24    10.1.0.5        AS65002        65002 64514            highest LOCAL_PREF"),
        output);
  }

  @Test
  void badUsageExitsWithTwo() {
    String output = run(2, "demo", "--per-reason", "many");
    assertTrue(output.contains("--per-reason"), output);
    run(2, "no-such-command");
  }
}
