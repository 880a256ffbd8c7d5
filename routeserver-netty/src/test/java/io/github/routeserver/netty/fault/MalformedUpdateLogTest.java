package io.github.routeserver.netty.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.io.BaseEncoding;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.netty.logcapture.LogCapture;
import io.github.routeserver.netty.logcapture.LoggedLine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * RFC 7606 section 6 over real TCP: an UPDATE treated as withdraw is logged on one WARN line with
 * the NLRI involved and the whole message, and a peer that keeps sending them gets one such line a
 * minute, not one per UPDATE.
 */
@Tag("fault")
class MalformedUpdateLogTest {
  private static final int RAW = 0;
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void logsAMalformedUpdateWithItsNlriAndOctetsAtMostOnceAMinutePerSession() throws Exception {
    try (FaultLab lab = new FaultLab(1);
        LogCapture log = LogCapture.start();
        RawBgpPeer raw =
            RawBgpPeer.connect(FaultLab.address(RAW), FaultLab.asn(RAW), lab.serverAddress(), 0)) {
      raw.establish(FaultLab.HOLD_TIME, WAIT);
      List<Prefix> prefixes = FaultLab.prefixes(RAW, 2);
      byte[] malformed = RawBgpPeer.bytes(raw.update(prefixes, 1));
      // Header (19), Withdrawn Routes Length (2), Total Path Attribute Length (2), then ORIGIN
      // first: flags, type, length, value. ORIGIN 9 is undefined: treat-as-withdraw (7606 7.1).
      assertEquals("40010100", BaseEncoding.base16().lowerCase().encode(malformed, 23, 4));
      malformed[26] = 9;

      for (int i = 0; i < 5; i++) {
        raw.sendRaw(malformed);
      }
      raw.send(raw.update(FaultLab.prefixes(RAW, 3).subList(2, 3), 1));
      FaultLab.await("the UPDATE after them arrives", WAIT, () -> lab.routesOf(RAW).size() == 1);

      List<LoggedLine> warnings =
          log.lines(l -> l.level() == Level.WARN && l.message().contains("malformed UPDATE"));
      assertEquals(1, warnings.size(), warnings::toString);
      String line = warnings.get(0).message();
      assertTrue(line.startsWith("BGP peer " + FaultLab.address(RAW) + " "), line);
      assertTrue(line.contains("undefined ORIGIN 9"), line);
      assertTrue(line.contains("NLRI 2: " + prefixes.get(0) + " " + prefixes.get(1) + ";"), line);
      String hex = BaseEncoding.base16().lowerCase().encode(malformed);
      assertTrue(line.endsWith("octets: " + hex), line);
      assertEquals(
          4,
          log.lines(l -> l.level() == Level.DEBUG && l.message().contains("undefined ORIGIN 9"))
              .size(),
          "the other four at DEBUG");
    }
  }
}
