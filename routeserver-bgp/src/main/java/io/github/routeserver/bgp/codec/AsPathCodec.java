package io.github.routeserver.bgp.codec;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.AsPathSegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * AS_PATH and AS4_PATH on the wire (RFC 4271 section 4.3, RFC 6793 sections 3 and 4.2.3, RFC 5065
 * section 3): segments of type, count and 2- or 4-octet AS numbers; the checks of RFC 7606 section
 * 7.2 and RFC 7607; and the merge of AS_PATH with AS4_PATH. Not thread-safe; one per decoder.
 */
final class AsPathCodec {
  /** AS_TRANS (RFC 6793 section 9). */
  static final int AS_TRANS = 23456;

  private final int[] asns = new int[AsPathSegment.MAX_MEMBERS];
  private @Nullable String problem;

  /**
   * Reads the segments in {@code buffer} from {@code start} to {@code end} (absolute indexes);
   * returns the path, or null when it is malformed (see {@link #problem()}): an unknown segment
   * type, a segment of zero AS numbers, one that overruns the attribute, a lone trailing octet, AS
   * number 0 (RFC 7607), or a confederation segment where none may be ({@code allowConfederation}
   * false: from an external peer, or in AS4_PATH).
   */
  @Nullable AsPath read(
      ByteBuffer buffer, int start, int end, boolean fourOctet, boolean allowConfederation) {
    problem = null;
    int width = fourOctet ? 4 : 2;
    AsPath.Builder path = AsPath.builder();
    int position = start;
    while (position < end) {
      if (end - position < 2) {
        return malformed("one octet left after the last segment");
      }
      int type = buffer.get(position) & 0xFF;
      int count = buffer.get(position + 1) & 0xFF;
      position += 2;
      if (type < 1 || type > 4) {
        return malformed("unknown segment type " + type);
      }
      if (type > 2 && !allowConfederation) {
        return malformed("confederation segment type " + type + " not allowed here");
      }
      if (count == 0) {
        return malformed("segment of zero AS numbers");
      }
      if (end - position < count * width) {
        return malformed("segment of " + count + " AS numbers overruns the attribute");
      }
      for (int i = 0; i < count; i++) {
        int asn =
            fourOctet
                ? buffer.getInt(position + 4 * i)
                : buffer.getShort(position + 2 * i) & 0xFFFF;
        if (asn == 0) {
          return malformed("AS number 0 (RFC 7607)");
        }
        asns[i] = asn;
      }
      position += count * width;
      path.segment(AsPathSegment.Type.ofCode(type), asns, 0, count);
    }
    return path.build();
  }

  private @Nullable AsPath malformed(String problem) {
    this.problem = problem;
    return null;
  }

  /** Why the last {@link #read} returned null. */
  String problem() {
    return problem == null ? "" : problem;
  }

  /**
   * Writes the segments of {@code path} at the position of {@code out}: 4-octet AS numbers, or
   * 2-octet ones with AS_TRANS for those that do not fit; confederation segments are left out when
   * {@code withConfederation} is false (AS4_PATH, RFC 6793 section 3).
   */
  static void write(ByteBuffer out, AsPath path, boolean fourOctet, boolean withConfederation) {
    path.forEachSegment(
        new AsPath.SegmentVisitor() {
          private boolean skipped;

          @Override
          public void segment(AsPathSegment.Type type, int size) {
            skipped = !withConfederation && isConfederation(type);
            if (!skipped) {
              out.put((byte) type.code());
              out.put((byte) size);
            }
          }

          @Override
          public void asn(long asn) {
            if (skipped) {
              return;
            }
            if (fourOctet) {
              out.putInt((int) asn);
            } else {
              out.putShort((short) (asn > 0xFFFF ? AS_TRANS : asn));
            }
          }
        });
  }

  /** Whether any AS number of {@code path} needs four octets. */
  static boolean needsFourOctets(AsPath path) {
    return path.anyAsn(asn -> asn > 0xFFFF);
  }

  private static boolean isConfederation(AsPathSegment.Type type) {
    return type == AsPathSegment.Type.AS_CONFED_SEQUENCE
        || type == AsPathSegment.Type.AS_CONFED_SET;
  }

  /**
   * The AS path of an UPDATE from a 2-octet session that carried both AS_PATH and AS4_PATH (RFC
   * 6793 section 4.2.3): when AS_PATH is the shorter of the two (lengths counted as RFC 4271
   * section 9.1.2.2 counts them), AS_PATH; otherwise the leading part of AS_PATH that AS4_PATH
   * lacks (confederation segments at its front included), followed by AS4_PATH, an AS_SEQUENCE on
   * both sides of the junction joined into one.
   */
  static AsPath merge(AsPath asPath, AsPath as4Path) {
    int missing = asPath.length() - as4Path.length();
    if (missing < 0) {
      return asPath;
    }
    List<AsPathSegment> segments = new ArrayList<>();
    int taken = 0;
    for (AsPathSegment segment : asPath.segments()) {
      boolean confederation = isConfederation(segment.type());
      if (taken == missing && !confederation) {
        break;
      }
      int take =
          confederation || segment.type() == AsPathSegment.Type.AS_SET
              ? segment.asns().size()
              : Math.min(segment.asns().size(), missing - taken);
      segments.add(new AsPathSegment(segment.type(), segment.asns().subList(0, take)));
      taken += confederation ? 0 : segment.type() == AsPathSegment.Type.AS_SET ? 1 : take;
    }
    List<AsPathSegment> tail = as4Path.segments();
    int junction = segments.size();
    segments.addAll(tail);
    if (junction > 0 && junction < segments.size()) {
      AsPathSegment left = segments.get(junction - 1);
      AsPathSegment right = segments.get(junction);
      if (left.type() == AsPathSegment.Type.AS_SEQUENCE
          && right.type() == AsPathSegment.Type.AS_SEQUENCE
          && left.asns().size() + right.asns().size() <= AsPathSegment.MAX_MEMBERS) {
        ImmutableList<Long> joined =
            ImmutableList.<Long>builder().addAll(left.asns()).addAll(right.asns()).build();
        segments.set(junction - 1, new AsPathSegment(AsPathSegment.Type.AS_SEQUENCE, joined));
        segments.remove(junction);
      }
    }
    return AsPath.of(segments);
  }
}
