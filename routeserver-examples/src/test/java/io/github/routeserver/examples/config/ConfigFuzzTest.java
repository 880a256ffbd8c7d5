package io.github.routeserver.examples.config;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Replays the configuration readers' fuzzing corpus and every crash found ({@code
 * ConfigFuzzTestInputs/read} in the test resources) through {@link ConfigFuzzTarget};
 * docs/reliability.md says how the long runs are made.
 */
class ConfigFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void read(byte[] data) {
    ConfigFuzzTarget.fuzzerTestOneInput(data);
  }
}
