package io.github.routeserver.bgp.codec;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.wire.AddPathCapability;
import io.github.routeserver.bgp.wire.Afi;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.BgpRole;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.CapabilityCode;
import io.github.routeserver.bgp.wire.EnhancedRouteRefreshCapability;
import io.github.routeserver.bgp.wire.ExtendedMessageCapability;
import io.github.routeserver.bgp.wire.ExtendedNextHopCapability;
import io.github.routeserver.bgp.wire.FourOctetAsCapability;
import io.github.routeserver.bgp.wire.GracefulRestartCapability;
import io.github.routeserver.bgp.wire.HostnameCapability;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.LongLivedGracefulRestartCapability;
import io.github.routeserver.bgp.wire.MpReach;
import io.github.routeserver.bgp.wire.MpUnreach;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.RoleCapability;
import io.github.routeserver.bgp.wire.RouteRefresh;
import io.github.routeserver.bgp.wire.RouteRefreshCapability;
import io.github.routeserver.bgp.wire.RouteRefreshSubtype;
import io.github.routeserver.bgp.wire.UnknownCapability;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.Aggregator;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.AsPathSegment;
import io.github.routeserver.core.route.OpaqueAttribute;
import io.github.routeserver.core.route.Origin;
import io.github.routeserver.core.route.PathAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of contexts and of the messages that are valid in a context, so that
 * decode(encode(message)) must give the message back. Values are built from one random seed per
 * try, which keeps the constraints between fields (next hops, path identifiers, eBGP) in one place.
 */
final class Arbitrary {
  /** Attribute type codes the codec does not interpret. */
  private static final int[] OPAQUE_TYPES = {22, 26, 40, 99, 128, 200, 255};

  /** Capability codes without a record of their own. */
  private static final int[] UNKNOWN_CAPABILITIES = {3, 4, 7, 8, 67, 68, 72, 74, 75, 128, 200};

  private Arbitrary() {}

  static net.jqwik.api.Arbitrary<CodecContext> contexts() {
    return Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(
            (fourOctet, addPath4, addPath6, extended, extendedNextHop, external) -> {
              CodecContext.Builder builder =
                  CodecContext.builder()
                      .fourOctetAs(fourOctet)
                      .addPath(AfiSafi.IPV4_UNICAST, addPath4, addPath4)
                      .addPath(AfiSafi.IPV6_UNICAST, addPath6, addPath6)
                      .extendedMessages(extended, extended)
                      .externalPeer(external);
              if (extendedNextHop) {
                builder.extendedNextHop(AfiSafi.IPV4_UNICAST);
              }
              return builder.build();
            });
  }

  /** A context and a message valid in it. */
  record Case(CodecContext context, BgpMessage message) {}

  static net.jqwik.api.Arbitrary<Case> messages() {
    return Combinators.combine(
            contexts(), Arbitraries.longs(), Arbitraries.integers().between(0, 9))
        .as(
            (context, seed, kind) -> {
              Random random = new Random(seed);
              BgpMessage message =
                  switch (kind) {
                    case 0 -> open(random);
                    case 1 -> notification(random);
                    case 2 -> routeRefresh(random);
                    case 3 -> Keepalive.INSTANCE;
                    default -> update(random, context);
                  };
              return new Case(context, message);
            });
  }

  static Open open(Random random) {
    List<Capability> capabilities = new ArrayList<>();
    int count = random.nextInt(9);
    for (int i = 0; i < count; i++) {
      capabilities.add(capability(random));
    }
    int holdTime = random.nextBoolean() ? 0 : 3 + random.nextInt(65533);
    return new Open(
        4,
        random.nextInt(0x10000),
        holdTime,
        IpAddress.ofIpv4(1 + random.nextInt(Integer.MAX_VALUE)),
        ImmutableList.copyOf(capabilities));
  }

  private static Capability capability(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> new MultiprotocolCapability(afiSafi(random));
      case 1 -> new RouteRefreshCapability();
      case 2 ->
          new ExtendedNextHopCapability(
              list(random, 5, r -> new ExtendedNextHopCapability.Entry(afiSafi(r), afi(r))));
      case 3 -> new ExtendedMessageCapability();
      case 4 -> new RoleCapability(BgpRole.valueOf(random.nextInt(256)));
      case 5 ->
          new GracefulRestartCapability(
              random.nextBoolean(),
              random.nextBoolean(),
              random.nextInt(4096),
              list(
                  random,
                  5,
                  r -> new GracefulRestartCapability.Family(afiSafi(r), r.nextBoolean())));
      case 6 -> new FourOctetAsCapability(random.nextLong(0x1_0000_0000L));
      case 7 ->
          new AddPathCapability(
              list(
                  random,
                  5,
                  r ->
                      new AddPathCapability.Family(
                          afiSafi(r),
                          AddPathCapability.Mode.values()[
                              r.nextInt(AddPathCapability.Mode.values().length)])));
      case 8 -> new EnhancedRouteRefreshCapability();
      case 9 ->
          new LongLivedGracefulRestartCapability(
              list(
                  random,
                  5,
                  r ->
                      new LongLivedGracefulRestartCapability.Family(
                          afiSafi(r), r.nextBoolean(), r.nextInt(1 << 24))));
      case 10 -> new HostnameCapability(name(random), name(random));
      default ->
          new UnknownCapability(
              CapabilityCode.valueOf(
                  UNKNOWN_CAPABILITIES[random.nextInt(UNKNOWN_CAPABILITIES.length)]),
              octets(random, 10));
    };
  }

  static Notification notification(Random random) {
    return new Notification(
        BgpError.valueOf(random.nextInt(256), random.nextInt(256)), octets(random, 40));
  }

  static RouteRefresh routeRefresh(Random random) {
    return new RouteRefresh(afiSafi(random), RouteRefreshSubtype.valueOf(random.nextInt(256)));
  }

  static Update update(Random random, CodecContext context) {
    boolean addPath4 = context.addPathSend(AfiSafi.IPV4_UNICAST);
    boolean addPath6 = context.addPathSend(AfiSafi.IPV6_UNICAST);
    NlriList withdrawn = nlri(random, AddressFamily.IPV4, addPath4, 20);
    NlriList nlri =
        random.nextBoolean() ? nlri(random, AddressFamily.IPV4, addPath4, 20) : NlriList.EMPTY;
    Optional<MpUnreach> mpUnreach = Optional.empty();
    if (random.nextInt(3) == 0) {
      AddressFamily family = random.nextBoolean() ? AddressFamily.IPV4 : AddressFamily.IPV6;
      boolean addPath = family == AddressFamily.IPV4 ? addPath4 : addPath6;
      mpUnreach =
          Optional.of(new MpUnreach(AfiSafi.unicast(family), nlri(random, family, addPath, 15)));
    }
    int reachKind = random.nextInt(4); // none, IPv6, IPv4 in MP_REACH_NLRI, another family
    boolean attributesPresent = !nlri.isEmpty() || reachKind > 0 || random.nextBoolean();
    Optional<PathAttributes> attributes = Optional.empty();
    PathAttributes common = null;
    if (attributesPresent) {
      common = attributes(random, context);
      attributes =
          Optional.of(
              nlri.isEmpty() ? common : common.toBuilder().nextHop(hostIpv4(random)).build());
    }
    Optional<MpReach> mpReach = Optional.empty();
    List<OpaqueAttribute> otherFamilies = new ArrayList<>();
    if (reachKind == 1 || reachKind == 2) {
      AddressFamily family = reachKind == 1 ? AddressFamily.IPV6 : AddressFamily.IPV4;
      PathAttributes.Builder reach = attributes.get().toBuilder();
      if (family == AddressFamily.IPV4 && !context.extendedNextHop(AfiSafi.IPV4_UNICAST)) {
        reach.nextHop(hostIpv4(random)).linkLocalNextHop(null);
      } else {
        reach.nextHop(hostIpv6(random));
        reach.linkLocalNextHop(
            random.nextBoolean() ? IpAddress.ofIpv6(0xfe80L << 48, random.nextLong()) : null);
      }
      boolean addPath = family == AddressFamily.IPV4 ? addPath4 : addPath6;
      mpReach =
          Optional.of(
              new MpReach(
                  AfiSafi.unicast(family), reach.build(), nlri(random, family, addPath, 15)));
    } else if (reachKind == 3) {
      otherFamilies.add(otherFamily(random, 14));
    }
    if (mpUnreach.isEmpty() && random.nextInt(4) == 0) {
      otherFamilies.add(otherFamily(random, 15));
    }
    return new Update(
        withdrawn, attributes, nlri, mpReach, mpUnreach, ImmutableList.copyOf(otherFamilies));
  }

  /** Attributes valid from a peer of {@code context}, without a next hop. */
  static PathAttributes attributes(Random random, CodecContext context) {
    PathAttributes.Builder builder =
        PathAttributes.builder()
            .origin(Origin.values()[random.nextInt(3)])
            .asPath(asPath(random, context));
    if (random.nextBoolean()) {
      builder.med(random.nextLong(0x1_0000_0000L));
    }
    if (random.nextBoolean() && !context.externalPeer()) {
      builder.localPref(random.nextLong(0x1_0000_0000L));
    }
    builder.atomicAggregate(random.nextBoolean());
    if (random.nextBoolean()) {
      long asn = asn(random);
      boolean fourOctetPath =
          Arrays.stream(builder.build().asPath().asns()).anyMatch(a -> a > 0xFFFF);
      if (!context.fourOctetAs() && fourOctetPath && asn <= 0xFFFF) {
        // RFC 6793 4.2.3: a 2-octet AGGREGATOR other than AS_TRANS makes AS4_PATH ignored.
        asn += 0x10000;
      }
      builder.aggregator(new Aggregator(asn, hostIpv4(random)));
    }
    if (random.nextBoolean()) {
      builder.communityValues(random.ints(1 + random.nextInt(6)).toArray());
    }
    if (random.nextBoolean()) {
      builder.extendedCommunityValues(random.longs(1 + random.nextInt(4)).toArray());
    }
    if (random.nextBoolean()) {
      LinkedHashSet<List<Integer>> unique = new LinkedHashSet<>();
      int count = 1 + random.nextInt(4);
      while (unique.size() < count) {
        unique.add(List.of(random.nextInt(), random.nextInt(), random.nextInt()));
      }
      builder.largeCommunityValues(
          unique.stream().flatMap(List::stream).mapToInt(Integer::intValue).toArray());
    }
    if (random.nextBoolean() && !context.externalPeer()) {
      builder.originatorId(IpAddress.ofIpv4(random.nextInt()));
    }
    if (random.nextBoolean() && !context.externalPeer()) {
      builder.clusterList(list(random, 4, r -> IpAddress.ofIpv4(r.nextInt())));
    }
    if (random.nextBoolean()) {
      builder.onlyToCustomer(random.nextLong(0x1_0000_0000L));
    }
    int opaque = random.nextInt(3);
    for (int i = 0; i < opaque; i++) {
      builder.opaque(
          OpaqueAttribute.of(
              0xE0,
              OPAQUE_TYPES[random.nextInt(OPAQUE_TYPES.length)],
              octets(random, 300).toByteArray()));
    }
    return builder.build();
  }

  /**
   * A path with a leading confederation segment only from internal peers; its members are 2-octet
   * on 2-octet sessions, since AS4_PATH never carries confederation segments (RFC 6793 section 3).
   */
  private static AsPath asPath(Random random, CodecContext context) {
    AsPath.Builder path = AsPath.builder();
    if (!context.externalPeer() && random.nextInt(4) == 0) {
      long[] members = asns(random);
      for (int i = 0; i < members.length && !context.fourOctetAs(); i++) {
        members[i] = 1 + members[i] % 0xFFFF;
      }
      path.segment(AsPathSegment.Type.AS_CONFED_SEQUENCE, members);
    }
    int segments = random.nextInt(4);
    for (int i = 0; i < segments; i++) {
      AsPathSegment.Type type =
          random.nextInt(4) == 0 ? AsPathSegment.Type.AS_SET : AsPathSegment.Type.AS_SEQUENCE;
      path.segment(type, asns(random));
    }
    return path.build();
  }

  private static long[] asns(Random random) {
    long[] asns = new long[1 + random.nextInt(6)];
    for (int i = 0; i < asns.length; i++) {
      asns[i] = asn(random);
    }
    return asns;
  }

  /** An AS number other than 0, 2-octet half of the time. */
  private static long asn(Random random) {
    return random.nextBoolean() ? 1 + random.nextInt(0xFFFF) : 1 + random.nextLong(0xFFFF_FFFFL);
  }

  private static NlriList nlri(Random random, AddressFamily family, boolean addPath, int max) {
    int count = random.nextInt(max + 1);
    Prefix[] prefixes = new Prefix[count];
    int[] pathIds = new int[count];
    for (int i = 0; i < count; i++) {
      int length = random.nextInt(family.bits() + 1);
      prefixes[i] = Prefix.of(family, random.nextLong(), random.nextLong(), length);
      pathIds[i] = addPath ? random.nextInt() : 0;
    }
    return NlriList.of(prefixes, pathIds);
  }

  private static OpaqueAttribute otherFamily(Random random, int type) {
    byte[] value = octets(random, 30).toByteArray();
    byte[] withFamily = new byte[3 + value.length];
    withFamily[1] = 25; // AFI L2VPN
    withFamily[2] = 70; // SAFI EVPN
    System.arraycopy(value, 0, withFamily, 3, value.length);
    return OpaqueAttribute.of(0x80, type, withFamily);
  }

  static IpAddress hostIpv4(Random random) {
    return IpAddress.ofIpv4((1 + random.nextInt(223)) << 24 | random.nextInt(1 << 24));
  }

  static IpAddress hostIpv6(Random random) {
    return IpAddress.ofIpv6(
        0x2001_0db8L << 32 | random.nextInt() & 0xFFFF_FFFFL, random.nextLong());
  }

  private static AfiSafi afiSafi(Random random) {
    return random.nextBoolean()
        ? (random.nextBoolean() ? AfiSafi.IPV4_UNICAST : AfiSafi.IPV6_UNICAST)
        : AfiSafi.of(random.nextInt(0x10000), random.nextInt(256));
  }

  private static Afi afi(Random random) {
    return Afi.valueOf(random.nextInt(0x10000));
  }

  private static String name(Random random) {
    StringBuilder name = new StringBuilder();
    int length = random.nextInt(20);
    for (int i = 0; i < length; i++) {
      name.append((char) ('a' + random.nextInt(26)));
    }
    return name.toString();
  }

  private static Octets octets(Random random, int max) {
    byte[] octets = new byte[random.nextInt(max + 1)];
    random.nextBytes(octets);
    return Octets.copyOf(octets);
  }

  private static <T> ImmutableList<T> list(Random random, int max, Function<Random, T> element) {
    ImmutableList.Builder<T> list = ImmutableList.builder();
    int count = random.nextInt(max + 1);
    for (int i = 0; i < count; i++) {
      list.add(element.apply(random));
    }
    return list.build();
  }
}
