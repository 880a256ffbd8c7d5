package io.github.routeserver.azure.arm;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Replays the ARM reader's fuzzing corpus and every crash found ({@code
 * ArmTopologyFuzzTestInputs/read} in the test resources) through {@link ArmTopologyFuzzTarget};
 * docs/reliability.md says how the long runs are made.
 */
class ArmTopologyFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void read(byte[] data) {
    ArmTopologyFuzzTarget.fuzzerTestOneInput(data);
  }
}
