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
import java.util.Arrays;

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
 * batch is not kept. A packer is meant to live as long as its session: it keeps its arrays from
 * batch to batch, so that packing allocates nothing once they are large enough.
 */
public final class UpdatePacker {
  private static final int NONE = -1;

  private final CodecContext context;
  private final int maxLength;
  private final ByteBuffer message;
  private final ByteBuffer attributeScratch;
  private boolean messageReady;

  private final RouteList ipv4Withdrawals = new RouteList();
  private final RouteList ipv6Withdrawals = new RouteList();

  // Announced routes, chained per attribute set through next.
  private Prefix[] prefixes = new Prefix[64];
  private int[] pathIds = new int[64];
  private int[] next = new int[64];
  private int routes;

  // Attribute sets of one family each ("groups"), in the order they first appeared.
  private PathAttributes[] groupAttributes = new PathAttributes[16];
  private boolean[] groupIpv6 = new boolean[16];
  private int[] head = new int[16];
  private int[] tail = new int[16];
  private int[] octetsStart = new int[16];
  private int[] octetsLength = new int[16];
  private int groups;
  private int nextGroup; // groups before this one are written
  private int lastGroup = NONE; // routes that share attributes often come one after another

  private byte[] octets = new byte[1024]; // the encoded attributes of every group
  private int octetsSize;

  // Open addressing from (attributes, family) to the latest group of that pair: slot s holds the
  // group at 2s (NONE when empty) and the pair's hash at 2s + 1, so that a probe reads one cache
  // line and looks at a group's attributes only when the hashes match.
  private int[] slots = emptySlots(64);

  /** A packer for a session with {@code context}. */
  public UpdatePacker(CodecContext context) {
    this.context = context;
    this.maxLength = context.maxSendLength();
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
    boolean ipv6 = !prefix.isIpv4();
    int group = lastGroup;
    if (group < nextGroup || groupAttributes[group] != attributes || groupIpv6[group] != ipv6) {
      group = findOrAddGroup(attributes, ipv6);
      lastGroup = group;
    }
    if (routes == prefixes.length) {
      prefixes = Arrays.copyOf(prefixes, routes * 2);
      pathIds = Arrays.copyOf(pathIds, routes * 2);
      next = Arrays.copyOf(next, routes * 2);
    }
    prefixes[routes] = prefix;
    pathIds[routes] = pathId;
    next[routes] = NONE;
    if (head[group] == NONE) {
      head[group] = routes;
    } else {
      next[tail[group]] = routes;
    }
    tail[group] = routes++;
  }

  private void checkPathId(Prefix prefix, int pathId) {
    if (pathId != 0 && !context.addPathSend(AfiSafi.unicast(prefix.family()))) {
      throw new IllegalArgumentException(
          "pathId: "
              + Integer.toUnsignedString(pathId)
              + " for "
              + prefix
              + " (expected: 0, ADD-PATH is not sent for this family)");
    }
  }

  /** The unwritten group of {@code attributes} and family, made when there is none. */
  private int findOrAddGroup(PathAttributes attributes, boolean ipv6) {
    int hash = hash(attributes, ipv6);
    int mask = slots.length / 2 - 1;
    int slot = hash & mask;
    while (slots[2 * slot] != NONE) {
      int group = slots[2 * slot];
      if (slots[2 * slot + 1] == hash
          && groupAttributes[group] == attributes
          && groupIpv6[group] == ipv6) {
        if (group >= nextGroup) {
          return group;
        }
        break; // written already: later routes start a new group in this slot
      }
      slot = (slot + 1) & mask;
    }
    int group = addGroup(attributes, ipv6);
    slots[2 * slot] = group;
    slots[2 * slot + 1] = hash;
    if (4 * groups > slots.length) {
      rehash();
    }
    return group;
  }

  private static int hash(PathAttributes attributes, boolean ipv6) {
    return (attributes.hashCode() * 0x9E3779B9 + (ipv6 ? 1 : 0)) >>> 7;
  }

  private int addGroup(PathAttributes attributes, boolean ipv6) {
    AddressFamily family = ipv6 ? AddressFamily.IPV6 : AddressFamily.IPV4;
    IpAddress nextHop =
        attributes
            .nextHop()
            .orElseThrow(
                () -> new IllegalArgumentException("attributes: " + attributes + " (no next hop)"));
    checkArgument(
        !ipv6 || nextHop.isIpv6(), "next hop: %s (expected: IPv6 for IPv6 routes)", nextHop);
    checkArgument(
        nextHop.isIpv4() || ipv6 || context.extendedNextHop(AfiSafi.IPV4_UNICAST),
        "next hop: %s (expected: IPv4 for IPv4 routes without extended next hop)",
        nextHop);
    boolean classic = !ipv6 && nextHop.isIpv4();
    attributeScratch.clear();
    try {
      UpdateWriter.writeAttributes(attributeScratch, attributes, context, classic);
    } catch (BufferOverflowException e) {
      throw new IllegalArgumentException("attributes: longer than " + maxLength + " octets", e);
    }
    int length = attributeScratch.position();
    int longest = (context.addPathSend(AfiSafi.unicast(family)) ? 5 : 1) + family.bytes();
    checkArgument(
        room(attributes, classic, length) >= longest,
        "attributes: %s octets (expected: room for at least one route in %s octets)",
        length,
        maxLength);
    if (groups == groupAttributes.length) {
      int size = groups * 2;
      groupAttributes = Arrays.copyOf(groupAttributes, size);
      groupIpv6 = Arrays.copyOf(groupIpv6, size);
      head = Arrays.copyOf(head, size);
      tail = Arrays.copyOf(tail, size);
      octetsStart = Arrays.copyOf(octetsStart, size);
      octetsLength = Arrays.copyOf(octetsLength, size);
    }
    if (octetsSize + length > octets.length) {
      octets = Arrays.copyOf(octets, Math.max(octets.length * 2, octetsSize + length));
    }
    System.arraycopy(attributeScratch.array(), 0, octets, octetsSize, length);
    groupAttributes[groups] = attributes;
    groupIpv6[groups] = ipv6;
    head[groups] = NONE;
    octetsStart[groups] = octetsSize;
    octetsLength[groups] = length;
    octetsSize += length;
    return groups++;
  }

  /** The octets left for NLRI in an UPDATE of a group. */
  private int room(PathAttributes attributes, boolean classic, int attributesLength) {
    return maxLength
        - UpdateWriter.MIN_UPDATE_LENGTH
        - attributesLength
        - (classic ? 0 : UpdateWriter.mpReachOverhead(attributes));
  }

  private void rehash() {
    slots = emptySlots(slots.length * 2);
    int mask = slots.length / 2 - 1;
    for (int group = nextGroup; group < groups; group++) {
      int hash = hash(groupAttributes[group], groupIpv6[group]);
      int slot = hash & mask;
      while (slots[2 * slot] != NONE) {
        slot = (slot + 1) & mask;
      }
      slots[2 * slot] = group; // unwritten groups hold distinct pairs
      slots[2 * slot + 1] = hash;
    }
  }

  /** A table of {@code size / 2} empty slots. */
  private static int[] emptySlots(int size) {
    int[] slots = new int[size];
    Arrays.fill(slots, NONE);
    return slots;
  }

  /** Whether routes remain to be written. */
  public boolean hasPending() {
    return messageReady
        || ipv4Withdrawals.hasPending()
        || ipv6Withdrawals.hasPending()
        || firstPendingGroup() < groups;
  }

  private int firstPendingGroup() {
    while (nextGroup < groups && head[nextGroup] == NONE) {
      nextGroup++;
    }
    return nextGroup;
  }

  /**
   * Writes whole UPDATEs at the position of {@code out} while the next one fits; returns how many.
   * Given room for {@link CodecContext#maxSendLength()} octets it always writes at least one while
   * routes are pending.
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
    } else if (firstPendingGroup() < groups) {
      buildAnnouncement(nextGroup);
    } else {
      reset();
      return false;
    }
    message.flip();
    return true;
  }

  /** Forgets the written batch, keeping the arrays for the next one. */
  private void reset() {
    ipv4Withdrawals.clear();
    ipv6Withdrawals.clear();
    Arrays.fill(prefixes, 0, routes, null);
    Arrays.fill(groupAttributes, 0, groups, null);
    Arrays.fill(slots, NONE);
    routes = 0;
    groups = 0;
    nextGroup = 0;
    lastGroup = NONE;
    octetsSize = 0;
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

  private void buildAnnouncement(int group) {
    PathAttributes attributes = groupAttributes[group];
    AfiSafi afiSafi = groupIpv6[group] ? AfiSafi.IPV6_UNICAST : AfiSafi.IPV4_UNICAST;
    boolean classic = !groupIpv6[group] && attributes.nextHop().orElseThrow().isIpv4();
    boolean addPath = context.addPathSend(afiSafi);
    int room = room(attributes, classic, octetsLength[group]);
    int start = UpdateWriter.beginMessage(message, MessageType.UPDATE);
    message.putShort((short) 0);
    int attributesAt = message.position();
    message.putShort((short) 0);
    if (classic) {
      message.put(octets, octetsStart[group], octetsLength[group]);
      message.putShort(attributesAt, (short) octetsLength[group]);
      writeRoutes(group, room, addPath);
    } else {
      int value = UpdateWriter.beginMpReach(message, afiSafi, attributes, context);
      writeRoutes(group, room, addPath);
      AttributeWriter.endExtended(message, value);
      message.put(octets, octetsStart[group], octetsLength[group]);
      message.putShort(attributesAt, (short) (message.position() - attributesAt - 2));
    }
    UpdateWriter.endMessage(message, start, maxLength);
  }

  /** Writes the next routes of {@code group} that fit in {@code room} octets. */
  private void writeRoutes(int group, int room, boolean addPath) {
    int used = 0;
    int route = head[group];
    while (route != NONE) {
      int length = UpdateWriter.nlriLength(prefixes[route], addPath);
      if (used + length > room) {
        break;
      }
      NlriReader.write(message, prefixes[route], pathIds[route], addPath);
      used += length;
      route = next[route];
    }
    head[group] = route;
  }

  /** A growable list of (prefix, path identifier) and how far it has been written. */
  private static final class RouteList {
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
