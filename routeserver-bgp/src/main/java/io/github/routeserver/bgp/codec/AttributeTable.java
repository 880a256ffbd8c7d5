package io.github.routeserver.bgp.codec;

import static io.github.routeserver.bgp.codec.AttributeWriter.OPTIONAL;
import static io.github.routeserver.bgp.codec.AttributeWriter.TRANSITIVE;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.AttributeType;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.Aggregator;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.ExtendedCommunity;
import io.github.routeserver.core.route.LargeCommunity;
import io.github.routeserver.core.route.OpaqueAttribute;
import io.github.routeserver.core.route.Origin;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The path attributes this codec interprets, one {@link AttributeCodec} per type code (STYLE rule
 * 3): flags, decode, encode and the RFC 7606 action for a malformed instance. Any other type code
 * is kept opaque (optional transitive, with the Partial bit set), dropped (optional non-transitive)
 * or resets the session (well-known: Unrecognized Well-known Attribute, 3/2).
 */
final class AttributeTable {
  private static final int WELL_KNOWN = TRANSITIVE;
  private static final int OPTIONAL_TRANSITIVE = OPTIONAL | TRANSITIVE;

  /** RFC 4271 5.1.1, RFC 7606 7.1. */
  static final AttributeCodec ORIGIN =
      new AttributeCodec(
          AttributeType.ORIGIN,
          WELL_KNOWN,
          ErrorAction.TREAT_AS_WITHDRAW,
          AttributeTable::decodeOrigin,
          (attributes, context, out) -> {
            int start = AttributeWriter.begin(out, WELL_KNOWN, AttributeType.ORIGIN.code());
            out.put((byte) attributes.origin().code());
            AttributeWriter.end(out, start);
          });

  /** RFC 4271 5.1.2, RFC 6793 4, RFC 7606 7.2, RFC 7607. */
  static final AttributeCodec AS_PATH =
      new AttributeCodec(
          AttributeType.AS_PATH,
          WELL_KNOWN,
          ErrorAction.TREAT_AS_WITHDRAW,
          AttributeTable::decodeAsPath,
          (attributes, context, out) -> {
            int start = AttributeWriter.begin(out, WELL_KNOWN, AttributeType.AS_PATH.code());
            AsPathCodec.write(out, attributes.asPath(), context.fourOctetAs(), true);
            AttributeWriter.end(out, start);
          });

  /** RFC 4271 5.1.3, RFC 7606 7.3. Written only with the NLRI field, by the UPDATE writer. */
  static final AttributeCodec NEXT_HOP =
      new AttributeCodec(
          AttributeType.NEXT_HOP,
          WELL_KNOWN,
          ErrorAction.TREAT_AS_WITHDRAW,
          AttributeTable::decodeNextHop,
          (attributes, context, out) -> {
            Optional<IpAddress> nextHop = attributes.nextHop();
            if (nextHop.isPresent() && nextHop.get().isIpv4()) {
              int start = AttributeWriter.begin(out, WELL_KNOWN, AttributeType.NEXT_HOP.code());
              out.putInt(nextHop.get().toIpv4Bits());
              AttributeWriter.end(out, start);
            }
          });

  /** RFC 4271 5.1.4, RFC 7606 7.4. */
  static final AttributeCodec MULTI_EXIT_DISC =
      new AttributeCodec(
          AttributeType.MULTI_EXIT_DISC,
          OPTIONAL,
          ErrorAction.TREAT_AS_WITHDRAW,
          (update, buffer, start, length) -> {
            if (update.checkLength(length, 4)) {
              update.builder().med(Integer.toUnsignedLong(buffer.getInt(start)));
            }
          },
          (attributes, context, out) ->
              writeUnsigned32(out, OPTIONAL, AttributeType.MULTI_EXIT_DISC, attributes.med()));

  /** RFC 4271 5.1.5, RFC 7606 7.5: discarded from an external peer, never sent to one. */
  static final AttributeCodec LOCAL_PREF =
      new AttributeCodec(
          AttributeType.LOCAL_PREF,
          WELL_KNOWN,
          ErrorAction.TREAT_AS_WITHDRAW,
          true,
          (update, buffer, start, length) -> {
            if (update.checkLength(length, 4)) {
              update.builder().localPref(Integer.toUnsignedLong(buffer.getInt(start)));
            }
          },
          (attributes, context, out) -> {
            if (!context.externalPeer()) {
              writeUnsigned32(out, WELL_KNOWN, AttributeType.LOCAL_PREF, attributes.localPref());
            }
          });

  /** RFC 4271 5.1.6, RFC 7606 7.6. */
  static final AttributeCodec ATOMIC_AGGREGATE =
      new AttributeCodec(
          AttributeType.ATOMIC_AGGREGATE,
          WELL_KNOWN,
          ErrorAction.ATTRIBUTE_DISCARD,
          (update, buffer, start, length) -> {
            if (update.checkLength(length, 0)) {
              update.builder().atomicAggregate(true);
            }
          },
          (attributes, context, out) -> {
            if (attributes.atomicAggregate()) {
              AttributeWriter.end(
                  out,
                  AttributeWriter.begin(out, WELL_KNOWN, AttributeType.ATOMIC_AGGREGATE.code()));
            }
          });

  /** RFC 4271 5.1.7, RFC 6793 4, RFC 7606 7.7, RFC 7607. */
  static final AttributeCodec AGGREGATOR =
      new AttributeCodec(
          AttributeType.AGGREGATOR,
          OPTIONAL_TRANSITIVE,
          ErrorAction.ATTRIBUTE_DISCARD,
          (update, buffer, start, length) -> {
            boolean fourOctet = update.context().fourOctetAs();
            if (update.checkLength(length, fourOctet ? 8 : 6)) {
              long asn =
                  fourOctet
                      ? Integer.toUnsignedLong(buffer.getInt(start))
                      : buffer.getShort(start) & 0xFFFF;
              Aggregator aggregator = readAggregator(update, buffer, start + length - 4, asn);
              if (aggregator != null) {
                update.aggregator(aggregator);
              }
            }
          },
          (attributes, context, out) -> {
            Optional<Aggregator> aggregator = attributes.aggregator();
            if (aggregator.isPresent()) {
              int start =
                  AttributeWriter.begin(out, OPTIONAL_TRANSITIVE, AttributeType.AGGREGATOR.code());
              long asn = aggregator.get().asn();
              if (context.fourOctetAs()) {
                out.putInt((int) asn);
              } else {
                out.putShort((short) (asn > 0xFFFF ? AsPathCodec.AS_TRANS : asn));
              }
              out.putInt(aggregator.get().address().toIpv4Bits());
              AttributeWriter.end(out, start);
            }
          });

  /** RFC 1997, RFC 7606 7.8. */
  static final AttributeCodec COMMUNITIES =
      new AttributeCodec(
          AttributeType.COMMUNITIES,
          OPTIONAL_TRANSITIVE,
          ErrorAction.TREAT_AS_WITHDRAW,
          (update, buffer, start, length) -> {
            if (update.checkMultiple(length, 4)) {
              int[] values = new int[length / 4];
              for (int i = 0; i < values.length; i++) {
                values[i] = buffer.getInt(start + 4 * i);
              }
              update.builder().communityValues(values);
            }
          },
          (attributes, context, out) -> {
            int count = attributes.communityCount();
            if (count > 0) {
              int start =
                  AttributeWriter.begin(out, OPTIONAL_TRANSITIVE, AttributeType.COMMUNITIES.code());
              for (int i = 0; i < count; i++) {
                out.putInt(attributes.communityAt(i).value());
              }
              AttributeWriter.end(out, start);
            }
          });

  /** RFC 4456 8, RFC 7606 7.9: discarded from an external peer. */
  static final AttributeCodec ORIGINATOR_ID =
      new AttributeCodec(
          AttributeType.ORIGINATOR_ID,
          OPTIONAL,
          ErrorAction.TREAT_AS_WITHDRAW,
          true,
          (update, buffer, start, length) -> {
            if (update.checkLength(length, 4)) {
              update.builder().originatorId(IpAddress.ofIpv4(buffer.getInt(start)));
            }
          },
          (attributes, context, out) -> {
            Optional<IpAddress> id = attributes.originatorId();
            if (id.isPresent()) {
              int start = AttributeWriter.begin(out, OPTIONAL, AttributeType.ORIGINATOR_ID.code());
              out.putInt(id.get().toIpv4Bits());
              AttributeWriter.end(out, start);
            }
          });

  /** RFC 4456 8, RFC 7606 7.10: discarded from an external peer. */
  static final AttributeCodec CLUSTER_LIST =
      new AttributeCodec(
          AttributeType.CLUSTER_LIST,
          OPTIONAL,
          ErrorAction.TREAT_AS_WITHDRAW,
          true,
          (update, buffer, start, length) -> {
            if (update.checkMultiple(length, 4)) {
              List<IpAddress> ids = new ArrayList<>(length / 4);
              for (int i = 0; i < length; i += 4) {
                ids.add(IpAddress.ofIpv4(buffer.getInt(start + i)));
              }
              update.builder().clusterList(ids);
            }
          },
          (attributes, context, out) -> {
            if (attributes.clusterListLength() > 0) {
              int start = AttributeWriter.begin(out, OPTIONAL, AttributeType.CLUSTER_LIST.code());
              attributes.clusterList().forEach(id -> out.putInt(id.toIpv4Bits()));
              AttributeWriter.end(out, start);
            }
          });

  /** RFC 4760 3, RFC 7606 7.11; written by the UPDATE writer. */
  static final AttributeCodec MP_REACH_NLRI =
      new AttributeCodec(
          AttributeType.MP_REACH_NLRI,
          OPTIONAL,
          ErrorAction.AFI_SAFI_DISABLE,
          AttributeTable::decodeMpReach,
          null);

  /** RFC 4760 4, RFC 7606 5.3; written by the UPDATE writer. */
  static final AttributeCodec MP_UNREACH_NLRI =
      new AttributeCodec(
          AttributeType.MP_UNREACH_NLRI,
          OPTIONAL,
          ErrorAction.AFI_SAFI_DISABLE,
          AttributeTable::decodeMpUnreach,
          null);

  /** RFC 4360, RFC 7606 7.14. */
  static final AttributeCodec EXTENDED_COMMUNITIES =
      new AttributeCodec(
          AttributeType.EXTENDED_COMMUNITIES,
          OPTIONAL_TRANSITIVE,
          ErrorAction.TREAT_AS_WITHDRAW,
          (update, buffer, start, length) -> {
            if (update.checkMultiple(length, 8)) {
              long[] values = new long[length / 8];
              for (int i = 0; i < values.length; i++) {
                values[i] = buffer.getLong(start + 8 * i);
              }
              update.builder().extendedCommunityValues(values);
            }
          },
          (attributes, context, out) -> {
            List<ExtendedCommunity> communities = attributes.extendedCommunities();
            if (!communities.isEmpty()) {
              int start =
                  AttributeWriter.begin(
                      out, OPTIONAL_TRANSITIVE, AttributeType.EXTENDED_COMMUNITIES.code());
              communities.forEach(c -> out.putLong(c.value()));
              AttributeWriter.end(out, start);
            }
          });

  /** RFC 6793 3 and 6: ignored between 4-octet speakers, discarded when malformed. */
  static final AttributeCodec AS4_PATH =
      new AttributeCodec(
          AttributeType.AS4_PATH,
          OPTIONAL_TRANSITIVE,
          ErrorAction.ATTRIBUTE_DISCARD,
          (update, buffer, start, length) -> {
            if (update.context().fourOctetAs()) {
              update.discard("AS4_PATH between 4-octet AS speakers (RFC 6793 section 4.1)");
              return;
            }
            AsPath path = update.asPaths().read(buffer, start, start + length, true, false);
            if (path == null) {
              update.malformed(BgpError.MALFORMED_AS_PATH, update.asPaths().problem());
            } else {
              update.as4Path(path);
            }
          },
          (attributes, context, out) -> {
            AsPath path = attributes.asPath();
            if (!context.fourOctetAs() && AsPathCodec.needsFourOctets(path)) {
              int start =
                  AttributeWriter.begin(out, OPTIONAL_TRANSITIVE, AttributeType.AS4_PATH.code());
              AsPathCodec.write(out, path, true, false);
              AttributeWriter.end(out, start);
            }
          });

  /** RFC 6793 3 and 6. */
  static final AttributeCodec AS4_AGGREGATOR =
      new AttributeCodec(
          AttributeType.AS4_AGGREGATOR,
          OPTIONAL_TRANSITIVE,
          ErrorAction.ATTRIBUTE_DISCARD,
          (update, buffer, start, length) -> {
            if (update.context().fourOctetAs()) {
              update.discard("AS4_AGGREGATOR between 4-octet AS speakers (RFC 6793 section 4.1)");
            } else if (update.checkLength(length, 8)) {
              long asn = Integer.toUnsignedLong(buffer.getInt(start));
              Aggregator aggregator = readAggregator(update, buffer, start + 4, asn);
              if (aggregator != null) {
                update.as4Aggregator(aggregator);
              }
            }
          },
          (attributes, context, out) -> {
            Optional<Aggregator> aggregator = attributes.aggregator();
            if (!context.fourOctetAs()
                && aggregator.isPresent()
                && aggregator.get().asn() > 0xFFFF) {
              int start =
                  AttributeWriter.begin(
                      out, OPTIONAL_TRANSITIVE, AttributeType.AS4_AGGREGATOR.code());
              out.putInt((int) aggregator.get().asn());
              out.putInt(aggregator.get().address().toIpv4Bits());
              AttributeWriter.end(out, start);
            }
          });

  /** RFC 8092: duplicates are removed on receipt (section 5), RFC 8092 section 6 for errors. */
  static final AttributeCodec LARGE_COMMUNITY =
      new AttributeCodec(
          AttributeType.LARGE_COMMUNITY,
          OPTIONAL_TRANSITIVE,
          ErrorAction.TREAT_AS_WITHDRAW,
          AttributeTable::decodeLargeCommunities,
          (attributes, context, out) -> {
            List<LargeCommunity> communities = attributes.largeCommunities();
            if (!communities.isEmpty()) {
              int start =
                  AttributeWriter.begin(
                      out, OPTIONAL_TRANSITIVE, AttributeType.LARGE_COMMUNITY.code());
              for (LargeCommunity c : communities) {
                out.putInt(c.global()).putInt(c.local1()).putInt(c.local2());
              }
              AttributeWriter.end(out, start);
            }
          });

  /** ONLY_TO_CUSTOMER, RFC 9234 section 5 (malformed: treat-as-withdraw). */
  static final AttributeCodec OTC =
      new AttributeCodec(
          AttributeType.OTC,
          OPTIONAL_TRANSITIVE,
          ErrorAction.TREAT_AS_WITHDRAW,
          (update, buffer, start, length) -> {
            if (update.checkLength(length, 4)) {
              update.builder().onlyToCustomer(Integer.toUnsignedLong(buffer.getInt(start)));
            }
          },
          (attributes, context, out) ->
              writeUnsigned32(
                  out, OPTIONAL_TRANSITIVE, AttributeType.OTC, attributes.onlyToCustomer()));

  /** Every row, in type code order (the order the encoder writes attributes in). */
  static final ImmutableList<AttributeCodec> ALL =
      ImmutableList.of(
          ORIGIN,
          AS_PATH,
          NEXT_HOP,
          MULTI_EXIT_DISC,
          LOCAL_PREF,
          ATOMIC_AGGREGATE,
          AGGREGATOR,
          COMMUNITIES,
          ORIGINATOR_ID,
          CLUSTER_LIST,
          MP_REACH_NLRI,
          MP_UNREACH_NLRI,
          EXTENDED_COMMUNITIES,
          AS4_PATH,
          AS4_AGGREGATOR,
          LARGE_COMMUNITY,
          OTC);

  private static final @Nullable AttributeCodec[] BY_TYPE = new AttributeCodec[256];

  static {
    for (AttributeCodec codec : ALL) {
      BY_TYPE[codec.type().code()] = codec;
    }
  }

  private AttributeTable() {}

  /** The row of {@code typeCode} (0 to 255), or null when the codec does not interpret it. */
  static @Nullable AttributeCodec get(int typeCode) {
    return BY_TYPE[typeCode];
  }

  private static void decodeOrigin(UpdateDecoder update, ByteBuffer buffer, int start, int length) {
    if (!update.checkLength(length, 1)) {
      return;
    }
    int code = buffer.get(start) & 0xFF;
    if (code > Origin.INCOMPLETE.code()) {
      update.malformed(BgpError.INVALID_ORIGIN_ATTRIBUTE, "undefined ORIGIN " + code);
    } else {
      update.origin(Origin.ofCode(code));
    }
  }

  private static void decodeAsPath(UpdateDecoder update, ByteBuffer buffer, int start, int length) {
    CodecContext context = update.context();
    AsPath path =
        update
            .asPaths()
            .read(buffer, start, start + length, context.fourOctetAs(), !context.externalPeer());
    if (path == null) {
      update.malformed(BgpError.MALFORMED_AS_PATH, update.asPaths().problem());
    } else {
      update.asPath(path);
    }
  }

  private static void decodeNextHop(
      UpdateDecoder update, ByteBuffer buffer, int start, int length) {
    if (!update.checkLength(length, 4)) {
      return;
    }
    IpAddress nextHop = IpAddress.ofIpv4(buffer.getInt(start));
    if (isHostAddress(nextHop)) {
      update.nextHop(nextHop);
    } else {
      update.malformed(BgpError.INVALID_NEXT_HOP_ATTRIBUTE, "NEXT_HOP " + nextHop + " is no host");
    }
  }

  /**
   * Whether {@code address} can be a next hop (RFC 4271 section 6.3: "a valid IP host address"):
   * not unspecified, not multicast, and for IPv4 not in 240.0.0.0/4 (reserved and broadcast).
   */
  static boolean isHostAddress(IpAddress address) {
    if (address.isIpv4()) {
      int bits = address.toIpv4Bits();
      return bits != 0 && (bits >>> 28) != 0xE && (bits >>> 28) != 0xF;
    }
    return (address.hi() != 0 || address.lo() != 0) && (address.hi() >>> 56) != 0xFF;
  }

  private static @Nullable Aggregator readAggregator(
      UpdateDecoder update, ByteBuffer buffer, int addressAt, long asn) {
    if (asn == 0) {
      update.malformed(BgpError.OPTIONAL_ATTRIBUTE_ERROR, "AS number 0 (RFC 7607)");
      return null;
    }
    return new Aggregator(asn, IpAddress.ofIpv4(buffer.getInt(addressAt)));
  }

  private static void decodeLargeCommunities(
      UpdateDecoder update, ByteBuffer buffer, int start, int length) {
    if (!update.checkMultiple(length, 12)) {
      return;
    }
    int[] values = new int[length / 4];
    int size = 0;
    for (int i = 0; i < length; i += 12) {
      int global = buffer.getInt(start + i);
      int local1 = buffer.getInt(start + i + 4);
      int local2 = buffer.getInt(start + i + 8);
      boolean duplicate = false;
      for (int j = 0; j < size && !duplicate; j += 3) {
        duplicate = values[j] == global && values[j + 1] == local1 && values[j + 2] == local2;
      }
      if (!duplicate) {
        values[size++] = global;
        values[size++] = local1;
        values[size++] = local2;
      }
    }
    update
        .builder()
        .largeCommunityValues(size == values.length ? values : Arrays.copyOf(values, size));
  }

  private static void decodeMpReach(
      UpdateDecoder update, ByteBuffer buffer, int start, int length) {
    AfiSafi afiSafi = mpFamily(update, buffer, start, length);
    Optional<AddressFamily> family = afiSafi.unicastFamily();
    if (family.isEmpty()) {
      update.otherFamily(opaque(update, buffer, start, length));
      return;
    }
    if (length < 5) {
      update.disable(afiSafi, "MP_REACH_NLRI of " + length + " octets has no next hop");
      return;
    }
    int nextHopLength = buffer.get(start + 3) & 0xFF;
    if (5 + nextHopLength > length) {
      update.disable(afiSafi, "next hop of " + nextHopLength + " octets overruns MP_REACH_NLRI");
      return;
    }
    boolean ipv6NextHop = nextHopLength == 16 || nextHopLength == 32;
    boolean expected =
        family.get() == AddressFamily.IPV6
            ? ipv6NextHop
            : nextHopLength == 4 || (ipv6NextHop && update.context().extendedNextHop(afiSafi));
    if (!expected) {
      update.disable(
          afiSafi, "next hop length " + nextHopLength + " is not one " + afiSafi + " allows");
      return;
    }
    int at = start + 4;
    IpAddress nextHop = readAddress(buffer, at, nextHopLength == 4 ? 4 : 16);
    IpAddress linkLocal = nextHopLength == 32 ? readAddress(buffer, at + 16, 16) : null;
    if (linkLocal != null && linkLocal.hi() == 0 && linkLocal.lo() == 0) {
      linkLocal = null; // some speakers pad with :: when they have no link-local address
    }
    int nlriStart = at + nextHopLength + 1; // the reserved octet follows the next hop
    NlriList nlri =
        update
            .nlriReader()
            .read(
                buffer,
                nlriStart,
                start + length,
                family.get(),
                update.context().addPathReceive(afiSafi));
    if (nlri == null) {
      update.disable(afiSafi, "NLRI: " + update.nlriReader().problem());
      return;
    }
    // BIRD on a session between link-local addresses sends "::" as the global address (RFC 2545
    // section 3 asks for a global one); like FRR and GoBGP, take the link-local one as the next
    // hop.
    boolean linkLocalOnly =
        nextHop.hi() == 0 && nextHop.lo() == 0 && linkLocal != null && linkLocal.isLinkLocal();
    if (!isHostAddress(nextHop) && !linkLocalOnly) {
      update.malformed(
          BgpError.INVALID_NEXT_HOP_ATTRIBUTE,
          ErrorAction.TREAT_AS_WITHDRAW,
          "MP next hop " + nextHop + " is no host");
    }
    update.mpReach(afiSafi, nextHop, linkLocal, nlri);
  }

  private static void decodeMpUnreach(
      UpdateDecoder update, ByteBuffer buffer, int start, int length) {
    AfiSafi afiSafi = mpFamily(update, buffer, start, length);
    Optional<AddressFamily> family = afiSafi.unicastFamily();
    if (family.isEmpty()) {
      update.otherFamily(opaque(update, buffer, start, length));
      return;
    }
    NlriList withdrawn =
        update
            .nlriReader()
            .read(
                buffer,
                start + 3,
                start + length,
                family.get(),
                update.context().addPathReceive(afiSafi));
    if (withdrawn == null) {
      update.disable(afiSafi, "withdrawn routes: " + update.nlriReader().problem());
    } else {
      update.mpUnreach(afiSafi, withdrawn);
    }
  }

  /** The AFI/SAFI an MP attribute starts with; one too short to hold them resets the session. */
  static AfiSafi mpFamily(UpdateDecoder update, ByteBuffer buffer, int start, int length) {
    if (length < 3) {
      throw update.resetSession(
          BgpError.OPTIONAL_ATTRIBUTE_ERROR,
          "multiprotocol attribute of " + length + " octets has no AFI/SAFI");
    }
    return AfiSafi.of(buffer.getShort(start) & 0xFFFF, buffer.get(start + 2) & 0xFF);
  }

  /** A multiprotocol attribute of a family this codec does not process, with its proper flags. */
  private static OpaqueAttribute opaque(
      UpdateDecoder update, ByteBuffer buffer, int start, int length) {
    byte[] value = new byte[length];
    buffer.get(start, value);
    return OpaqueAttribute.of(OPTIONAL, update.attributeType(), value);
  }

  private static IpAddress readAddress(ByteBuffer buffer, int at, int octets) {
    if (octets == 4) {
      return IpAddress.ofIpv4(buffer.getInt(at));
    }
    return IpAddress.ofIpv6(buffer.getLong(at), buffer.getLong(at + 8));
  }

  private static void writeUnsigned32(
      ByteBuffer out, int flags, AttributeType type, OptionalLong value) {
    if (value.isPresent()) {
      int start = AttributeWriter.begin(out, flags, type.code());
      out.putInt((int) value.getAsLong());
      AttributeWriter.end(out, start);
    }
  }
}
