package io.github.routeserver.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's Java examples are the compiled code: each region of a source file between {@code //
 * README:begin} and {@code // README:end} appears in README.md as a {@code java} code block,
 * unindented, so that an example that stops compiling or passing fails the build.
 */
class ReadmeExamplesTest {
  private static final String BEGIN = "// README:begin";
  private static final String END = "// README:end";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "src/main/java/io/github/routeserver/examples/embedding/EmbeddedRouteServer.java",
        "src/main/java/io/github/routeserver/examples/policy/CustomerRoutesToTransit.java",
        "src/test/java/io/github/routeserver/examples/policy/CustomerRoutesToTransitTest.java"
      })
  void theReadmeShowsEachMarkedRegionAsCompiled(String file) throws IOException {
    List<String> regions = regions(Files.readAllLines(Path.of(file)));
    String readme = Files.readString(Path.of("../README.md"));

    assertTrue(!regions.isEmpty(), file + " has no README region");
    for (String region : regions) {
      assertTrue(
          readme.contains("```java\n" + region + "```"),
          "README.md lacks this code of " + file + ":\n" + region);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "./mvnw -B -q -DskipTests package && java -jar routeserver-examples/target/routeserver.jar"
            + " demo",
        "./mvnw -B verify"
      })
  void theQuickStartHasTheTwoCommands(String command) throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    int start = readme.indexOf("## Quick start");
    String quickStart = readme.substring(start, readme.indexOf("\n## ", start));

    assertTrue(quickStart.contains("```\n" + command + "\n```"), quickStart);
  }

  /** The marked regions of {@code lines}, each unindented by the marker's indentation. */
  private static List<String> regions(List<String> lines) {
    List<String> regions = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(BEGIN)) {
        int indent = lines.get(i).indexOf(BEGIN);
        StringBuilder region = new StringBuilder();
        for (i++; !lines.get(i).strip().equals(END); i++) {
          String line = lines.get(i);
          region.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        regions.add(region.toString());
      }
    }
    return regions;
  }
}
