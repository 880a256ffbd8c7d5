package io.github.routeserver.netty.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.fsm.FsmState;
import io.github.routeserver.bgp.interop.Daemon;
import io.github.routeserver.core.engine.RouteServerProfile;
import io.github.routeserver.netty.KernelSupport;
import io.github.routeserver.netty.TcpCounters;
import io.github.routeserver.netty.logcapture.LogCapture;
import io.github.routeserver.netty.logcapture.LoggedLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TCP MD5 (RFC 2385) and GTSM (RFC 5082) between our route server and BIRD 2 on loopback, where the
 * kernel has them: the sessions whose settings match come up and exchange routes; a BIRD with the
 * wrong MD5 password or none never gets a TCP connection to us (the kernel drops its segments and
 * counts them), whichever side opens it.
 */
@Tag("interop")
class SessionSecurityInteropTest {
  private static final long SERVER_ASN = 65000;
  private static final Set<FsmState> CONNECTED =
      Set.of(FsmState.OPEN_SENT, FsmState.OPEN_CONFIRM, FsmState.ESTABLISHED);

  /** Long enough for BIRD (connect retry 1 s, error wait 1 to 2 s) to try several times. */
  private static final Duration REFUSED_FOR = Duration.ofSeconds(10);

  @Test
  void md5SessionsComeUpWithTheRightPasswordOnlyAndExchangeRoutes(@TempDir Path dir)
      throws Exception {
    Daemon.assumeInstalled(DaemonKind.BIRD.binary().isPresent(), "BIRD");
    KernelSupport.assumeTcpMd5();
    try (RouteServerLab lab = new RouteServerLab(dir, RouteServerProfile.TRANSPARENT, SERVER_ASN);
        LogCapture log = LogCapture.start()) {
      BirdDaemon weConnect = bird(lab, 65001, RouteServerLab.WE_CONNECT);
      BirdDaemon itConnects = bird(lab, 65002, RouteServerLab.DAEMON_CONNECTS);
      BirdDaemon wrong = bird(lab, 65003, RouteServerLab.DAEMON_CONNECTS);
      BirdDaemon unsigned = bird(lab, 65004, RouteServerLab.DAEMON_CONNECTS);
      BirdDaemon wrongWhenWeConnect = bird(lab, 65005, RouteServerLab.WE_CONNECT);
      signBoth(lab, weConnect, "first-secret", "first-secret");
      signBoth(lab, itConnects, "second secret, with spaces", "second secret, with spaces");
      signBoth(lab, wrong, "what we expect", "what it sends");
      lab.signWithMd5(unsigned, "it has none");
      signBoth(lab, wrongWhenWeConnect, "what we send", "what it expects");
      long notFound = TcpCounters.read(TcpCounters.MD5_NOT_FOUND);
      long failures = TcpCounters.read(TcpCounters.MD5_FAILURE);
      lab.start();

      lab.awaitEstablished(weConnect);
      lab.awaitEstablished(itConnects);
      lab.awaitRoutes(weConnect, itConnects.expectedTransparently());
      lab.awaitRoutes(itConnects, weConnect.expectedTransparently());

      List<BgpDaemon> refused = List.of(wrong, unsigned, wrongWhenWeConnect);
      long until = System.nanoTime() + REFUSED_FOR.toNanos();
      while (System.nanoTime() < until) {
        for (BgpDaemon daemon : refused) {
          assertFalse(CONNECTED.contains(lab.state(daemon)), daemon + ": " + lab.state(daemon));
          assertFalse(daemon.isEstablished(), daemon + " says it is established");
        }
      }
      for (BgpDaemon daemon : refused) {
        // Our session saw no connection at all: it never sent an OPEN.
        List<LoggedLine> opened =
            log.lines(
                l ->
                    l.message().startsWith("BGP peer " + daemon.name + ": ")
                        && l.message().contains("-> OPEN_SENT"));
        assertEquals(List.of(), opened, daemon.toString());
      }
      assertTrue(TcpCounters.read(TcpCounters.MD5_NOT_FOUND) > notFound, "no unsigned SYN dropped");
      assertTrue(TcpCounters.read(TcpCounters.MD5_FAILURE) > failures, "no bad signature dropped");
      assertNoPasswordLogged(log, "first-secret", "second secret", "what we", "what it");
    }
  }

  /**
   * BIRD, multihop with its default of 64 hops, drops what arrives with a TTL below 192: our
   * segments left with 255 from the socket we connected and from the one we accepted. That our
   * minimum TTL drops what is lower is {@code fault.GtsmTest}'s part; counting drops here would
   * count the kernel's RSTs (TTL 64) to our first connects, made before BIRD listened.
   */
  @Test
  void aGtsmSessionWithBirdComesUpAndExchangesRoutes(@TempDir Path dir) throws Exception {
    Daemon.assumeInstalled(DaemonKind.BIRD.binary().isPresent(), "BIRD");
    KernelSupport.assumeGtsm();
    try (RouteServerLab lab = new RouteServerLab(dir, RouteServerProfile.TRANSPARENT, SERVER_ASN)) {
      BirdDaemon weConnect = bird(lab, 65001, RouteServerLab.WE_CONNECT);
      BirdDaemon itConnects = bird(lab, 65002, RouteServerLab.DAEMON_CONNECTS);
      for (BirdDaemon daemon : List.of(weConnect, itConnects)) {
        daemon.useTtlSecurity();
        lab.useGtsm(daemon, 1);
      }
      lab.start();
      lab.awaitEstablished(weConnect);
      lab.awaitEstablished(itConnects);
      lab.awaitRoutes(weConnect, itConnects.expectedTransparently());
      lab.awaitRoutes(itConnects, weConnect.expectedTransparently());
    }
  }

  private static BirdDaemon bird(RouteServerLab lab, long asn, boolean daemonConnects) {
    return (BirdDaemon) lab.add(DaemonKind.BIRD, asn, daemonConnects, Optional.empty());
  }

  private static void signBoth(RouteServerLab lab, BirdDaemon daemon, String ours, String its) {
    lab.signWithMd5(daemon, ours);
    daemon.signWithMd5(its);
  }

  private static void assertNoPasswordLogged(LogCapture log, String... passwords) {
    for (LoggedLine line : log.lines()) {
      for (String password : passwords) {
        assertFalse(line.text().contains(password), "a password in the log: " + line);
      }
    }
  }
}
