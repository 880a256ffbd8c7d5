package io.github.routeserver.bgp.session;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Replays the session fuzzing corpus and every crash found ({@code
 * SessionReceiveFuzzTestInputs/receive} in the test resources) through {@link
 * SessionReceiveFuzzTarget}.
 */
class SessionReceiveFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void receive(byte[] data) {
    SessionReceiveFuzzTarget.fuzzerTestOneInput(data);
  }
}
