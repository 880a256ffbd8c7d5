package io.github.routeserver.bgp.codec;

import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.Prefix;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads NLRI fields (RFC 4271 section 4.3, RFC 4760 section 5, RFC 7911 section 3) into reusable
 * arrays, checking them as RFC 7606 section 5.3 asks: no prefix longer than the family allows, no
 * field that ends inside an entry. Not thread-safe; one per decoder.
 */
final class NlriReader {
  private Prefix[] prefixes = new Prefix[64];
  private int[] pathIds = new int[64];
  private int size;
  private @Nullable String problem;

  /**
   * Reads the NLRI in {@code buffer} from {@code start} to {@code end} (absolute indexes), each
   * preceded by a path identifier when {@code addPath}; returns the list, or null when the field is
   * malformed (see {@link #problem()}).
   */
  @Nullable NlriList read(
      ByteBuffer buffer, int start, int end, AddressFamily family, boolean addPath) {
    size = 0;
    problem = null;
    int maxLength = family.bits();
    int position = start;
    while (position < end) {
      int pathId = 0;
      if (addPath) {
        if (end - position < 5) {
          return malformed("path identifier and length truncated at offset " + (position - start));
        }
        pathId = buffer.getInt(position);
        position += 4;
      }
      int length = buffer.get(position++) & 0xFF;
      if (length > maxLength) {
        return malformed("prefix length " + length + " exceeds " + maxLength);
      }
      int octets = (length + 7) >>> 3;
      if (end - position < octets) {
        return malformed("prefix of length " + length + " truncated");
      }
      Prefix prefix;
      if (family == AddressFamily.IPV4) {
        int bits = 0;
        for (int i = 0; i < octets; i++) {
          bits |= (buffer.get(position + i) & 0xFF) << (24 - 8 * i);
        }
        prefix = Prefix.ofIpv4(bits, length);
      } else {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < octets; i++) {
          long octet = buffer.get(position + i) & 0xFFL;
          if (i < 8) {
            hi |= octet << (56 - 8 * i);
          } else {
            lo |= octet << (120 - 8 * i);
          }
        }
        prefix = Prefix.ofIpv6(hi, lo, length);
      }
      position += octets;
      add(prefix, pathId);
    }
    return NlriList.of(prefixes, 0, size, addPath ? pathIds : NO_PATH_IDS);
  }

  private static final int[] NO_PATH_IDS = new int[0];

  private void add(Prefix prefix, int pathId) {
    if (size == prefixes.length) {
      prefixes = Arrays.copyOf(prefixes, size * 2);
      pathIds = Arrays.copyOf(pathIds, size * 2);
    }
    prefixes[size] = prefix;
    pathIds[size++] = pathId;
  }

  private @Nullable NlriList malformed(String problem) {
    this.problem = problem;
    Arrays.fill(prefixes, 0, size, null);
    return null;
  }

  /** Why the last {@link #read} returned null. */
  String problem() {
    return problem == null ? "" : problem;
  }

  /**
   * The octets {@code prefix} takes in an NLRI field, with its path identifier when {@code
   * addPath}.
   */
  static int encodedLength(Prefix prefix, boolean addPath) {
    return (addPath ? 5 : 1) + ((prefix.length() + 7) >>> 3);
  }

  /** Writes one NLRI entry at the position of {@code out}. */
  static void write(ByteBuffer out, Prefix prefix, int pathId, boolean addPath) {
    if (addPath) {
      out.putInt(pathId);
    }
    int length = prefix.length();
    out.put((byte) length);
    int octets = (length + 7) >>> 3;
    long hi = prefix.hi();
    for (int i = 0; i < octets; i++) {
      out.put((byte) (i < 8 ? hi >>> (56 - 8 * i) : prefix.lo() >>> (120 - 8 * i)));
    }
  }
}
