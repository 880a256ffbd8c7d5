package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.Prefix;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An immutable list of NLRI (RFC 4271 section 4.3): prefixes, each with its ADD-PATH path
 * identifier (RFC 7911 section 3), 0 when ADD-PATH is not in use for the family. Held as two
 * arrays, without an object per entry.
 */
public final class NlriList {
  /** No NLRI. */
  public static final NlriList EMPTY = new NlriList(new Prefix[0], new int[0]);

  private static final int[] NO_PATH_IDS = new int[0];

  private final Prefix[] prefixes;
  private final int[] pathIds; // empty when every path identifier is 0

  private NlriList(Prefix[] prefixes, int[] pathIds) {
    this.prefixes = prefixes;
    this.pathIds = pathIds;
  }

  /** The prefixes, in order, each with path identifier 0. */
  public static NlriList of(Prefix... prefixes) {
    return of(prefixes, NO_PATH_IDS);
  }

  /** The prefixes, in order, each with path identifier 0. */
  public static NlriList of(List<Prefix> prefixes) {
    return of(prefixes.toArray(new Prefix[0]), NO_PATH_IDS);
  }

  /**
   * {@code prefixes[i]} with path identifier {@code pathIds[i]} (both arrays are copied); an empty
   * {@code pathIds} means every identifier is 0.
   */
  public static NlriList of(Prefix[] prefixes, int[] pathIds) {
    return of(prefixes, 0, prefixes.length, pathIds);
  }

  /**
   * Entries {@code from} (inclusive) to {@code to} (exclusive) of {@code prefixes} with the path
   * identifiers at the same indexes of {@code pathIds}, which is either as long as {@code prefixes}
   * or empty (every identifier 0). The arrays are copied.
   */
  public static NlriList of(Prefix[] prefixes, int from, int to, int[] pathIds) {
    checkArgument(
        pathIds.length == 0 || pathIds.length >= to,
        "pathIds: %s entries (expected: none or at least %s)",
        pathIds.length,
        to);
    if (to == from) {
      return EMPTY;
    }
    Prefix[] copy = Arrays.copyOfRange(prefixes, from, to);
    for (Prefix prefix : copy) {
      checkArgument(prefix != null, "prefixes: null entry");
    }
    int[] ids = NO_PATH_IDS;
    for (int i = from; i < to && pathIds.length > 0; i++) {
      if (pathIds[i] != 0) {
        ids = Arrays.copyOfRange(pathIds, from, to);
        break;
      }
    }
    return new NlriList(copy, ids);
  }

  /** The number of entries. */
  public int size() {
    return prefixes.length;
  }

  /** Whether there are no entries. */
  public boolean isEmpty() {
    return prefixes.length == 0;
  }

  /** The prefix of entry {@code index}. */
  public Prefix prefix(int index) {
    return prefixes[index];
  }

  /** The path identifier of entry {@code index} (unsigned 32-bit, held as its int bits). */
  public int pathId(int index) {
    if (pathIds.length == 0) {
      checkArgument(index >= 0 && index < prefixes.length, "index: %s", index);
      return 0;
    }
    return pathIds[index];
  }

  /** Whether any entry has a path identifier other than 0. */
  public boolean hasPathIds() {
    return pathIds.length > 0;
  }

  /** The prefixes, in order. */
  public ImmutableList<Prefix> prefixes() {
    return ImmutableList.copyOf(prefixes);
  }

  /** Whether every prefix is of {@code family} (true when empty). */
  public boolean isAll(AddressFamily family) {
    for (Prefix prefix : prefixes) {
      if (prefix.family() != family) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof NlriList other
        && Arrays.equals(other.prefixes, prefixes)
        && Arrays.equals(other.pathIds, pathIds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(prefixes) * 31 + Arrays.hashCode(pathIds);
  }

  /** {@code [10.0.0.0/8, 192.0.2.0/24 path 7]}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < prefixes.length; i++) {
      text.append(i == 0 ? "" : ", ").append(prefixes[i]);
      if (pathId(i) != 0) {
        text.append(" path ").append(Integer.toUnsignedString(pathId(i)));
      }
    }
    return text.append(']').toString();
  }
}
