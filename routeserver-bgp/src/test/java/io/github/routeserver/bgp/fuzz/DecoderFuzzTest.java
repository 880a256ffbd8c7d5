package io.github.routeserver.bgp.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Replays the decoder's fuzzing corpus and every crash found ({@code DecoderFuzzTestInputs/decode}
 * in the test resources) through {@link DecoderFuzzTarget} in the default build; fuzzes with {@code
 * JAZZER_FUZZ=1} (see docs/reliability.md for the long runs, made with the Jazzer command line in
 * the {@code fuzz} profile).
 */
class DecoderFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void decode(byte[] data) {
    DecoderFuzzTarget.fuzzerTestOneInput(data);
  }
}
