package io.github.routeserver.bgp.codec;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.MessageType;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PathAttributes;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs withdrawals and announcements into as few UPDATEs as fit in the session's message length
 * (4,096 octets, or 65,535 with extended messages): withdrawals first, IPv4 in the Withdrawn Routes
 * field and IPv6 in MP_UNREACH_NLRI; then one run of UPDATEs per attribute set, IPv4 with an IPv4
 * next hop in the NLRI field, everything else in MP_REACH_NLRI. Each attribute set is encoded once
 * and copied into each of its UPDATEs. Never writes a message longer than allowed. Not thread-safe.
 *
 * <p>Use: {@link #withdraw} and {@link #announce} routes, then call {@link #writeTo} whenever the
 * connection can take more, until {@link #hasPending()} is false. A batch should name each (prefix,
 * path identifier) once: the order of a withdrawal and an announcement of the same route in one
 * batch is not kept.
 */
public final class UpdatePacker {
  private final CodecContext context;
  private final int maxLength;
  private final ByteBuffer message;
  private final ByteBuffer attributeScratch;
  private boolean messageReady;

  private final Routes ipv4Withdrawals = new Routes();
  private final Routes ipv6Withdrawals = new Routes();
  private final List<Group> groups = new ArrayList<>();
  private final List<Map<PathAttributes, Group>> openGroups =
      List.of(new HashMap<>(), new HashMap<>());
  private int nextGroup;

  /** A packer for a session with {@code context}. */
  public UpdatePacker(CodecContext context) {
    this.context = context;
    this.maxLength = context.maxMessageLength();
    this.message = ByteBuffer.allocate(maxLength + 1);
    this.attributeScratch = ByteBuffer.allocate(maxLength + 1);
  }

  /**
   * Adds a withdrawal of {@code prefix} with ADD-PATH identifier {@code pathId} (0 without
   * ADD-PATH).
   *
   * @throws IllegalArgumentException if {@code pathId} is not 0 and ADD-PATH is not sent for the
   *     prefix's family
   */
  public void withdraw(Prefix prefix, int pathId) {
    checkPathId(prefix, pathId);
    (prefix.isIpv4() ? ipv4Withdrawals : ipv6Withdrawals).add(prefix, pathId);
  }

  /**
   * Adds an announcement of {@code prefix} with {@code pathId} and {@code attributes}, whose next
   * hop is the route's.
   *
   * @throws IllegalArgumentException if the attributes have no next hop or one the prefix's family
   *     and the context do not allow, if {@code pathId} is not 0 without ADD-PATH, or if the
   *     attributes are too long to leave room for one route in a message
   */
  public void announce(Prefix prefix, int pathId, PathAttributes attributes) {
    checkPathId(prefix, pathId);
    Map<PathAttributes, Group> open = openGroups.get(prefix.isIpv4() ? 0 : 1);
    Group group = open.get(attributes);
    if (group == null) {
      group = newGroup(prefix.family(), attributes);
      open.put(attributes, group);
      groups.add(group);
    }
    group.routes.add(prefix, pathId);
  }

  private void checkPathId(Prefix prefix, int pathId) {
    checkArgument(
        pathId == 0 || context.addPathSend(AfiSafi.unicast(prefix.family())),
        "pathId: %s for %s (expected: 0, ADD-PATH is not sent for this family)",
        Integer.toUnsignedString(pathId),
        prefix);
  }

  private Group newGroup(AddressFamily family, PathAttributes attributes) {
    IpAddress nextHop =
        attributes
            .nextHop()
            .orElseThrow(
                () -> new IllegalArgumentException("attributes: " + attributes + " (no next hop)"));
    AfiSafi afiSafi = AfiSafi.unicast(family);
    checkArgument(
        family == AddressFamily.IPV4 || nextHop.isIpv6(),
        "next hop: %s (expected: IPv6 for IPv6 routes)",
        nextHop);
    checkArgument(
        nextHop.isIpv4() || family == AddressFamily.IPV6 || context.extendedNextHop(afiSafi),
        "next hop: %s (expected: IPv4 for IPv4 routes without extended next hop)",
        nextHop);
    boolean classic = family == AddressFamily.IPV4 && nextHop.isIpv4();
    attributeScratch.clear();
    try {
      UpdateWriter.writeAttributes(attributeScratch, attributes, context, classic);
    } catch (BufferOverflowException e) {
      throw new IllegalArgumentException("attributes: longer than " + maxLength + " octets", e);
    }
    byte[] octets = Arrays.copyOf(attributeScratch.array(), attributeScratch.position());
    int room =
        maxLength
            - UpdateWriter.MIN_UPDATE_LENGTH
            - octets.length
            - (classic ? 0 : UpdateWriter.mpReachOverhead(attributes));
    int longest = (context.addPathSend(afiSafi) ? 5 : 1) + family.bytes();
    checkArgument(
        room >= longest,
        "attributes: %s octets (expected: room for at least one route in %s octets)",
        octets.length,
        maxLength);
    return new Group(afiSafi, attributes, classic, octets, room);
  }

  /** Whether routes remain to be written. */
  public boolean hasPending() {
    // Every group after the one being written has at least one route not yet written.
    return messageReady
        || ipv4Withdrawals.hasPending()
        || ipv6Withdrawals.hasPending()
        || (nextGroup < groups.size()
            && (groups.get(nextGroup).routes.hasPending() || nextGroup + 1 < groups.size()));
  }

  /**
   * Writes whole UPDATEs at the position of {@code out} while the next one fits; returns how many.
   * Given room for {@link CodecContext#maxMessageLength()} octets it always writes at least one
   * while routes are pending.
   */
  public int writeTo(ByteBuffer out) {
    int written = 0;
    while (messageReady || buildNext()) {
      messageReady = true;
      if (message.remaining() > out.remaining()) {
        break;
      }
      out.put(message);
      messageReady = false;
      written++;
    }
    return written;
  }

  /** Builds the next UPDATE into {@link #message}; false when nothing is pending. */
  private boolean buildNext() {
    message.clear();
    if (ipv4Withdrawals.hasPending()) {
      buildIpv4Withdrawal();
    } else if (ipv6Withdrawals.hasPending()) {
      buildIpv6Withdrawal();
    } else {
      while (nextGroup < groups.size() && !groups.get(nextGroup).routes.hasPending()) {
        Group done = groups.get(nextGroup++);
        openGroups.get(done.afiSafi.equals(AfiSafi.IPV4_UNICAST) ? 0 : 1).remove(done.attributes);
      }
      if (nextGroup == groups.size()) {
        reset();
        return false;
      }
      buildAnnouncement(groups.get(nextGroup));
    }
    message.flip();
    return true;
  }

  private void reset() {
    ipv4Withdrawals.clear();
    ipv6Withdrawals.clear();
    groups.clear();
    openGroups.forEach(Map::clear);
    nextGroup = 0;
  }

  private void buildIpv4Withdrawal() {
    int start = UpdateWriter.beginMessage(message, MessageType.UPDATE);
    int lengthAt = message.position();
    message.putShort((short) 0);
    ipv4Withdrawals.write(
        message,
        maxLength - UpdateWriter.MIN_UPDATE_LENGTH,
        context.addPathSend(AfiSafi.IPV4_UNICAST));
    message.putShort(lengthAt, (short) (message.position() - lengthAt - 2));
    message.putShort((short) 0);
    UpdateWriter.endMessage(message, start, maxLength);
  }

  private void buildIpv6Withdrawal() {
    int start = UpdateWriter.beginMessage(message, MessageType.UPDATE);
    message.putShort((short) 0);
    int attributesAt = message.position();
    message.putShort((short) 0);
    int value = UpdateWriter.beginMpUnreach(message, AfiSafi.IPV6_UNICAST);
    ipv6Withdrawals.write(
        message,
        maxLength - UpdateWriter.MIN_UPDATE_LENGTH - UpdateWriter.MP_UNREACH_OVERHEAD,
        context.addPathSend(AfiSafi.IPV6_UNICAST));
    AttributeWriter.endExtended(message, value);
    message.putShort(attributesAt, (short) (message.position() - attributesAt - 2));
    UpdateWriter.endMessage(message, start, maxLength);
  }

  private void buildAnnouncement(Group group) {
    int start = UpdateWriter.beginMessage(message, MessageType.UPDATE);
    message.putShort((short) 0);
    int attributesAt = message.position();
    message.putShort((short) 0);
    boolean addPath = context.addPathSend(group.afiSafi);
    if (group.classic) {
      message.put(group.attributeOctets);
      message.putShort(attributesAt, (short) group.attributeOctets.length);
      group.routes.write(message, group.room, addPath);
    } else {
      int value = UpdateWriter.beginMpReach(message, group.afiSafi, group.attributes, context);
      group.routes.write(message, group.room, addPath);
      AttributeWriter.endExtended(message, value);
      message.put(group.attributeOctets);
      message.putShort(attributesAt, (short) (message.position() - attributesAt - 2));
    }
    UpdateWriter.endMessage(message, start, maxLength);
  }

  /** One attribute set of one family, encoded once, and the routes that share it. */
  private static final class Group {
    final AfiSafi afiSafi;
    final PathAttributes attributes;
    final boolean classic;
    final byte[] attributeOctets;
    final int room;
    final Routes routes = new Routes();

    Group(AfiSafi afiSafi, PathAttributes attributes, boolean classic, byte[] octets, int room) {
      this.afiSafi = afiSafi;
      this.attributes = attributes;
      this.classic = classic;
      this.attributeOctets = octets;
      this.room = room;
    }
  }

  /** A growable list of (prefix, path identifier) and how far it has been written. */
  private static final class Routes {
    private Prefix[] prefixes = new Prefix[16];
    private int[] pathIds = new int[16];
    private int size;
    private int written;

    void add(Prefix prefix, int pathId) {
      if (size == prefixes.length) {
        prefixes = Arrays.copyOf(prefixes, size * 2);
        pathIds = Arrays.copyOf(pathIds, size * 2);
      }
      prefixes[size] = prefix;
      pathIds[size++] = pathId;
    }

    boolean hasPending() {
      return written < size;
    }

    /** Writes the next entries that fit in {@code room} octets. */
    void write(ByteBuffer out, int room, boolean addPath) {
      int used = 0;
      while (written < size) {
        int length = UpdateWriter.nlriLength(prefixes[written], addPath);
        if (used + length > room) {
          return;
        }
        NlriReader.write(out, prefixes[written], pathIds[written], addPath);
        used += length;
        written++;
      }
    }

    void clear() {
      Arrays.fill(prefixes, 0, size, null);
      size = 0;
      written = 0;
    }
  }
}
