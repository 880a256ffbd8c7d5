package io.github.routeserver.netty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Linux kernel's TCP counters of this network namespace ({@code TcpExt} in {@code
 * /proc/net/netstat}): what it dropped and why, which no socket of ours ever sees. Other processes
 * in the namespace count too, so tests only ask whether a counter grew.
 */
public final class TcpCounters {
  /** Segments dropped for a TTL below the socket's IP_MINTTL (GTSM, RFC 5082). */
  public static final String MIN_TTL_DROP = "TCPMinTTLDrop";

  /** Segments without an MD5 signature for a socket that has a key for their source. */
  public static final String MD5_NOT_FOUND = "TCPMD5NotFound";

  /** Segments whose MD5 signature does not match the key (RFC 2385). */
  public static final String MD5_FAILURE = "TCPMD5Failure";

  private static final Path NETSTAT = Path.of("/proc/net/netstat");

  private TcpCounters() {}

  /** The counter {@code name} now. */
  public static long read(String name) {
    try {
      List<String> lines = Files.readAllLines(NETSTAT);
      for (int i = 0; i + 1 < lines.size(); i += 2) {
        String[] names = lines.get(i).split("\\s+");
        String[] values = lines.get(i + 1).split("\\s+");
        if (names[0].equals("TcpExt:")) {
          for (int j = 1; j < names.length; j++) {
            if (names[j].equals(name)) {
              return Long.parseLong(values[j]);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException(NETSTAT + " has no TcpExt counter " + name);
  }
}
