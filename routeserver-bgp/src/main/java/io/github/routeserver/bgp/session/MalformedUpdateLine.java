package io.github.routeserver.bgp.session;

import com.google.common.io.BaseEncoding;
import io.github.routeserver.bgp.codec.DecodeError;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Update;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The log line RFC 7606 section 6 asks for when an UPDATE is treated as withdraw, loses attributes
 * or disables a family: the errors, the NLRI involved (the first {@value #MAX_PREFIXES} and their
 * number) and the whole message in hex (at most its first {@value #MAX_OCTETS} octets, with its
 * length), on one line.
 */
final class MalformedUpdateLine {
  static final int MAX_PREFIXES = 8;
  static final int MAX_OCTETS = 2048;

  private MalformedUpdateLine() {}

  /**
   * The line for {@code update}, decoded with {@code errors} from the octets of {@code message}
   * (its position to its limit, which do not move).
   */
  static String of(Update update, List<DecodeError> errors, ByteBuffer message) {
    List<NlriList> fields = new ArrayList<>(List.of(update.withdrawnRoutes(), update.nlri()));
    update.mpReach().ifPresent(reach -> fields.add(reach.nlri()));
    update.mpUnreach().ifPresent(unreach -> fields.add(unreach.withdrawn()));
    StringBuilder line = new StringBuilder("malformed UPDATE ").append(errors).append("; NLRI ");
    int count = fields.stream().mapToInt(NlriList::size).sum();
    line.append(count).append(count == 0 ? "" : ":");
    int listed = 0;
    for (NlriList field : fields) {
      for (int i = 0; i < field.size() && listed < MAX_PREFIXES; i++, listed++) {
        line.append(' ').append(field.prefix(i));
      }
    }
    if (count > listed) {
      line.append(" and ").append(count - listed).append(" more");
    }
    int length = message.remaining();
    byte[] octets = new byte[Math.min(length, MAX_OCTETS)];
    message.get(message.position(), octets);
    line.append("; UPDATE of ").append(length).append(" octets: ");
    line.append(BaseEncoding.base16().lowerCase().encode(octets));
    if (length > octets.length) {
      line.append(" (the first ").append(octets.length).append(')');
    }
    return line.toString();
  }
}
