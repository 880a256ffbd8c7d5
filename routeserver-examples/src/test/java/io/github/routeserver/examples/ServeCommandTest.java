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

  @Test
  void anUnknownKeyIsOneLineWithFileLineAndColumn() throws IOException {
    Path config = directory.resolve("rs.yaml");
    Files.writeString(config, "asn: 65515\nrouterId: 10.0.1.4\nlisten:\n  adress: 127.0.0.1\n");

    assertEquals(
        config + ":4:3: listen.adress: unknown key (expected: address, port)",
        Cli.run("serve", "--config", config.toString()).oneLineError());
  }

  @Test
  void aMissingTopologyFileIsOneLine() throws IOException {
    Path config = directory.resolve("rs.yaml");
    Files.writeString(
        config,
        "asn: 65515\nrouterId: 10.0.1.4\nprofile: azure\n"
            + "azure:\n  topology: missing.json\n  output: out\n");

    String error = Cli.run("serve", "--config", config.toString()).oneLineError();

    assertTrue(error.startsWith(config + ":5:13: azure.topology: no such file: "), error);
  }

  @Test
  void withTheAzureProfileAnAsOtherThan65515IsOneLine() throws IOException {
    Path config = directory.resolve("rs.yaml");
    // Were the AS taken, the missing topology would stop serve all the same.
    Files.writeString(
        config,
        "asn: 65001\nrouterId: 10.0.1.4\nprofile: azure\n"
            + "listen: {address: 127.0.0.1, port: 0}\n"
            + "azure: {topology: missing.json, output: out}\n");

    assertEquals(
        config
            + ":1:6: asn: 65001 (expected: 65515 with 'profile: azure', the AS of every Azure Route"
            + " Server)",
        Cli.run("serve", "--config", config.toString()).oneLineError());
  }

  @Test
  void aMissingConfigurationIsOneLine() {
    String error = Cli.run("serve", "--config", "no/such.yaml").oneLineError();

    assertTrue(error.startsWith("no/such.yaml: "), error);
  }
}
