package io.github.routeserver.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routeserver serve} on bad configurations, run through the command line's entry point: it
 * stops before opening a socket, with exit code 2 and one line. (A real run, with BIRD, is {@link
 * ServeInteropTest}.)
 */
class ServeCommandTest {
  @TempDir Path directory;

  private static String oneLineError(Cli run) {
    assertEquals(2, run.exitCode(), run.out() + run.err());
    assertEquals("", run.out());
    assertEquals(1, run.err().lines().count(), run.err());
    return run.err().strip();
  }

  @Test
  void anUnknownKeyIsOneLineWithFileLineAndColumn() throws IOException {
    Path config = directory.resolve("rs.yaml");
    Files.writeString(config, "asn: 65515\nrouterId: 10.0.1.4\nlisten:\n  adress: 127.0.0.1\n");

    assertEquals(
        config + ":4:3: listen.adress: unknown key (expected: address, port)",
        oneLineError(Cli.run("serve", "--config", config.toString())));
  }

  @Test
  void aMissingTopologyFileIsOneLine() throws IOException {
    Path config = directory.resolve("rs.yaml");
    Files.writeString(
        config,
        "asn: 65515\nrouterId: 10.0.1.4\nprofile: azure\n"
            + "azure:\n  topology: missing.json\n  output: out\n");

    String error = oneLineError(Cli.run("serve", "--config", config.toString()));

    assertTrue(error.startsWith(config + ":5:13: azure.topology: no such file: "), error);
  }

  @Test
  void aMissingConfigurationIsOneLine() {
    String error = oneLineError(Cli.run("serve", "--config", "no/such.yaml"));

    assertTrue(error.startsWith("no/such.yaml: "), error);
  }
}
