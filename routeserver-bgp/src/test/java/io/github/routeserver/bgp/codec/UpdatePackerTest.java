package io.github.routeserver.bgp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.MpReach;
import io.github.routeserver.bgp.wire.MpUnreach;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.PathAttributes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class UpdatePackerTest {
  private static final CodecContext CONTEXT = CodecContext.builder().fourOctetAs(true).build();
  private static final PathAttributes ATTRIBUTES =
      PathAttributes.builder()
          .asPath(AsPath.of(65000))
          .nextHop(IpAddress.parse("192.0.2.1"))
          .build();

  /** One route as the packer got it and as the decoder gives it back. */
  record Route(boolean announced, Prefix prefix, int pathId, PathAttributes attributes) {}

  @Test
  void packsRoutesSharingAttributesIntoTheFewestUpdates() {
    UpdatePacker packer = new UpdatePacker(CONTEXT);
    for (int i = 0; i < 2000; i++) {
      packer.announce(Prefix.ofIpv4(10 << 24 | i << 8, 24), 0, ATTRIBUTES);
    }

    List<Update> updates = drain(packer, CONTEXT, 1 << 20);

    // 23 octets of header and lengths, 20 of attributes, then 4 octets per /24: 1013 per UPDATE.
    assertEquals(2, updates.size());
    assertEquals(1013, updates.get(0).nlri().size());
    assertEquals(987, updates.get(1).nlri().size());
  }

  @Test
  void fillsExtendedMessagesUpTo65535Octets() {
    CodecContext extended = CONTEXT.toBuilder().extendedMessages(true, true).build();
    UpdatePacker packer = new UpdatePacker(extended);
    for (int i = 0; i < 20000; i++) {
      packer.announce(Prefix.ofIpv4(10 << 24 | i << 8, 24), 0, ATTRIBUTES);
    }

    List<Update> updates = drain(packer, extended, 1 << 20);

    assertEquals(2, updates.size());
    assertEquals((65535 - 43) / 4, updates.get(0).nlri().size());
  }

  @Test
  void writesWithdrawalsBeforeAnnouncements() {
    UpdatePacker packer = new UpdatePacker(CONTEXT);
    packer.announce(Prefix.parse("10.0.0.0/8"), 0, ATTRIBUTES);
    packer.withdraw(Prefix.parse("2001:db8::/32"), 0);
    packer.withdraw(Prefix.parse("192.0.2.0/24"), 0);

    List<Update> updates = drain(packer, CONTEXT, 1 << 16);

    assertEquals(3, updates.size());
    assertEquals(NlriList.of(Prefix.parse("192.0.2.0/24")), updates.get(0).withdrawnRoutes());
    assertEquals(
        new MpUnreach(AfiSafi.IPV6_UNICAST, NlriList.of(Prefix.parse("2001:db8::/32"))),
        updates.get(1).mpUnreach().orElseThrow());
    assertEquals(NlriList.of(Prefix.parse("10.0.0.0/8")), updates.get(2).nlri());
  }

  @Test
  void writesOnlyWholeMessagesThatFitAndResumes() {
    UpdatePacker packer = new UpdatePacker(CONTEXT);
    for (int i = 0; i < 2000; i++) {
      packer.announce(Prefix.ofIpv4(10 << 24 | i << 8, 24), 0, ATTRIBUTES);
    }
    ByteBuffer small = ByteBuffer.allocate(4000); // the first UPDATE takes 4095 octets

    assertEquals(0, packer.writeTo(small));
    assertEquals(0, small.position());
    assertTrue(packer.hasPending());
    assertEquals(2, drain(packer, CONTEXT, 1 << 16).size());
    assertFalse(packer.hasPending());
  }

  @Test
  void refusesAnIpv6NextHopForIpv4WithoutExtendedNextHop() {
    UpdatePacker packer = new UpdatePacker(CONTEXT);
    PathAttributes ipv6NextHop =
        ATTRIBUTES.toBuilder().nextHop(IpAddress.parse("2001:db8::1")).build();

    assertThrows(
        IllegalArgumentException.class,
        () -> packer.announce(Prefix.parse("10.0.0.0/8"), 0, ipv6NextHop));
  }

  @Test
  void refusesAPathIdentifierWithoutAddPath() {
    UpdatePacker packer = new UpdatePacker(CONTEXT);

    assertThrows(
        IllegalArgumentException.class,
        () -> packer.announce(Prefix.parse("10.0.0.0/8"), 7, ATTRIBUTES));
  }

  @Test
  void refusesAttributesThatLeaveNoRoomForARoute() {
    UpdatePacker packer = new UpdatePacker(CONTEXT);
    PathAttributes huge = ATTRIBUTES.toBuilder().communityValues(new int[1020]).build();

    assertThrows(
        IllegalArgumentException.class, () -> packer.announce(Prefix.parse("10.0.0.0/8"), 0, huge));
  }

  @Provide
  net.jqwik.api.Arbitrary<CodecContext> contexts() {
    return Arbitrary.contexts();
  }

  /** Whatever is packed comes back, in whole messages no longer than the session allows. */
  @Property(tries = 30)
  void decodesToWhatWasPacked(@ForAll("contexts") CodecContext context, @ForAll long seed) {
    Random random = new Random(seed);
    List<PathAttributes> sets = new ArrayList<>();
    for (int i = 0; i < 1 + random.nextInt(20); i++) {
      sets.add(Arbitrary.attributes(random, context));
    }
    List<IpAddress> nextHops = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nextHops.add(Arbitrary.hostIpv4(random));
      nextHops.add(Arbitrary.hostIpv6(random));
    }
    List<Route> routes = new ArrayList<>();
    UpdatePacker packer = new UpdatePacker(context);
    for (int i = random.nextInt(3000); i > 0; i--) {
      AddressFamily family = random.nextBoolean() ? AddressFamily.IPV4 : AddressFamily.IPV6;
      Prefix prefix =
          Prefix.of(
              family, random.nextLong(), random.nextLong(), random.nextInt(family.bits() + 1));
      int pathId = context.addPathSend(AfiSafi.unicast(family)) ? random.nextInt() : 0;
      if (random.nextInt(4) == 0) {
        packer.withdraw(prefix, pathId);
        routes.add(new Route(false, prefix, pathId, ATTRIBUTES));
      } else {
        PathAttributes common = sets.get(random.nextInt(sets.size()));
        IpAddress nextHop =
            family == AddressFamily.IPV6
                    || (context.extendedNextHop(AfiSafi.IPV4_UNICAST) && random.nextBoolean())
                ? nextHops.get(2 * random.nextInt(3) + 1)
                : nextHops.get(2 * random.nextInt(3));
        PathAttributes attributes = common.toBuilder().nextHop(nextHop).build();
        packer.announce(prefix, pathId, attributes);
        routes.add(new Route(true, prefix, pathId, attributes));
      }
    }

    List<Route> decoded = new ArrayList<>();
    for (Update update : drain(packer, context, 3 * context.maxSendLength())) {
      collect(update, decoded);
    }

    assertEquals(sorted(routes), sorted(decoded));
  }

  private static List<Route> sorted(List<Route> routes) {
    List<Route> copy = new ArrayList<>(routes);
    copy.sort(
        (a, b) -> {
          int c = Boolean.compare(a.announced(), b.announced());
          c = c != 0 ? c : a.prefix().compareTo(b.prefix());
          c = c != 0 ? c : Integer.compare(a.pathId(), b.pathId());
          return c != 0 ? c : Integer.compare(a.attributes().hashCode(), b.attributes().hashCode());
        });
    return copy;
  }

  private static void collect(Update update, List<Route> routes) {
    add(routes, false, update.withdrawnRoutes(), ATTRIBUTES);
    update.mpUnreach().ifPresent(u -> add(routes, false, u.withdrawn(), ATTRIBUTES));
    update.attributes().ifPresent(a -> add(routes, true, update.nlri(), a));
    update.mpReach().ifPresent(r -> add(routes, true, r.nlri(), r.attributes()));
  }

  private static void add(
      List<Route> routes, boolean announced, NlriList nlri, PathAttributes attributes) {
    for (int i = 0; i < nlri.size(); i++) {
      routes.add(new Route(announced, nlri.prefix(i), nlri.pathId(i), attributes));
    }
  }

  /**
   * Writes everything pending through buffers of {@code chunk} octets and decodes it, checking each
   * message's length against the session's limit.
   */
  static List<Update> drain(UpdatePacker packer, CodecContext context, int chunk) {
    List<Update> updates = new ArrayList<>();
    MessageDecoder decoder = new MessageDecoder();
    while (packer.hasPending()) {
      ByteBuffer out = ByteBuffer.allocate(chunk);
      assertTrue(packer.writeTo(out) > 0 || !packer.hasPending());
      out.flip();
      while (out.hasRemaining()) {
        int length = MessageDecoder.frameLength(out, context);
        assertTrue(length <= context.maxSendLength(), "message of " + length + " octets");
        DecodeResult result = decoder.decode(out, context);
        assertEquals(List.of(), result.errors());
        updates.add((Update) result.message().orElseThrow());
      }
    }
    return updates;
  }

  @Test
  void packsIpv6RoutesIntoMpReachNlri() {
    PathAttributes ipv6 =
        ATTRIBUTES.toBuilder()
            .nextHop(IpAddress.parse("2001:db8::1"))
            .linkLocalNextHop(IpAddress.parse("fe80::1"))
            .build();
    UpdatePacker packer = new UpdatePacker(CONTEXT);
    packer.announce(Prefix.parse("2001:db8:1::/48"), 0, ipv6);

    List<Update> updates = drain(packer, CONTEXT, 1 << 16);

    MpReach reach = updates.get(0).mpReach().orElseThrow();
    assertEquals(ipv6, reach.attributes());
    assertEquals(NlriList.of(Prefix.parse("2001:db8:1::/48")), reach.nlri());
  }
}
