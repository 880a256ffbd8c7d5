package io.github.routeserver.netty.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.netty.logcapture.LogCapture;
import io.github.routeserver.netty.logcapture.LoggedLine;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Connections from addresses that are no configured peer: closed before any octet of theirs is
 * read, and logged once per address however often they retry.
 */
@Tag("fault")
class RefusedConnectionTest {
  private static final IpAddress STRANGER = IpAddress.parse("127.0.0.9");
  private static final IpAddress OTHER_STRANGER = IpAddress.parse("127.0.0.10");
  private static final int ATTEMPTS = 50;
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void aStrangerRetryingFiftyTimesIsClosedUnreadEachTimeAndLoggedOnce() throws Exception {
    try (FaultLab lab = new FaultLab(1);
        LogCapture log = LogCapture.start()) {
      for (int i = 0; i < ATTEMPTS; i++) {
        assertEquals(List.of(), openAndReadUntilClosed(lab, STRANGER), "attempt " + i);
      }
      openAndReadUntilClosed(lab, OTHER_STRANGER);

      List<LoggedLine> refusals = log.lines(line -> line.message().contains("refused"));
      assertEquals(2, refusals.size(), refusals.toString());
      assertEquals(Level.WARN, refusals.get(0).level());
      assertTrue(refusals.get(0).message().contains(STRANGER.toString()), refusals.toString());
      assertTrue(
          refusals.get(1).message().contains(OTHER_STRANGER.toString()), refusals.toString());
      // No session ever saw the strangers: nothing of theirs was decoded or fed to an FSM.
      List<LoggedLine> sessions =
          log.lines(line -> line.logger().startsWith("io.github.routeserver.bgp"));
      assertTrue(
          sessions.stream().noneMatch(line -> mentionsAStranger(line.message())),
          sessions.toString());
      assertFalse(lab.transport().states().containsKey(new PeerId(STRANGER)));
    }
  }

  private static boolean mentionsAStranger(String text) {
    return text.contains(STRANGER.toString()) || text.contains(OTHER_STRANGER.toString());
  }

  /**
   * Connects from {@code address}, sends an OPEN and reads until the server closes: a reset counts
   * as a close (the server closing a socket with our OPEN unread resets it).
   *
   * @return the messages the server sent before closing
   */
  private static List<BgpMessage> openAndReadUntilClosed(FaultLab lab, IpAddress address)
      throws Exception {
    try (RawBgpPeer stranger = RawBgpPeer.connect(address, 65099, lab.serverAddress(), 0)) {
      try {
        stranger.sendOpen(FaultLab.HOLD_TIME);
        return stranger.readUntilClosed(WAIT);
      } catch (SocketException reset) {
        return List.of();
      }
    }
  }
}
