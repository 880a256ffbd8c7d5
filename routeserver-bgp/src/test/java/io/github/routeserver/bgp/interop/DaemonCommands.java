package io.github.routeserver.bgp.interop;

import java.nio.file.Path;
import java.util.List;

/**
 * The command lines that run BIRD and FRR's bgpd in the foreground with every file they write (pid
 * file, control socket, configuration) in a test's own directory, as {@link Daemon#start} takes
 * them.
 */
public final class DaemonCommands {
  private DaemonCommands() {}

  /** BIRD in the foreground with {@code bird.conf}, {@code bird.ctl} and {@code bird.pid}. */
  public static List<String> bird(Path bird, Path dir) {
    return List.of(
        bird.toString(),
        "-f",
        "-c",
        dir.resolve("bird.conf").toString(),
        "-s",
        dir.resolve("bird.ctl").toString(),
        "-P",
        dir.resolve("bird.pid").toString());
  }

  /**
   * FRR's bgpd alone, listening on {@code address} port {@code port}, with {@code bgpd.conf}: -Z no
   * zebra, -P 0 no vty port, -S no kernel routes, -u/-g root because the files are not user frr's;
   * its vty socket is in {@code dir}, for {@code vtysh --vty_socket dir}.
   */
  public static List<String> frrBgpd(Path bgpd, Path dir, int port, String address) {
    return List.of(
        bgpd.toString(),
        "-f",
        dir.resolve("bgpd.conf").toString(),
        "-i",
        dir.resolve("bgpd.pid").toString(),
        "--vty_socket",
        dir.toString(),
        "-z",
        dir.resolve("zserv.api").toString(),
        "-A",
        "127.0.0.1",
        "-P",
        "0",
        "-p",
        Integer.toString(port),
        "-l",
        address,
        "-Z",
        "-S",
        "-u",
        "root",
        "-g",
        "root");
  }
}
