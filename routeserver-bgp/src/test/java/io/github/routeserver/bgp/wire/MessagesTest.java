package io.github.routeserver.bgp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import com.google.common.testing.EqualsTester;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.OpaqueAttribute;
import io.github.routeserver.core.route.PathAttributes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private static final PathAttributes ATTRIBUTES =
      PathAttributes.builder()
          .asPath(AsPath.of(65000))
          .nextHop(IpAddress.parse("192.0.2.1"))
          .build();
  private static final PathAttributes NO_NEXT_HOP = ATTRIBUTES.toBuilder().nextHop(null).build();

  @Test
  void writesShutdownCommunicationAsLengthAndUtf8() {
    Notification notification = Notification.administrativeShutdown("maintenance ✓");

    assertEquals(BgpError.ADMINISTRATIVE_SHUTDOWN, notification.error());
    assertEquals("0f6d61696e74656e616e636520e29c93", notification.data().toString());
    assertEquals(Optional.of("maintenance ✓"), notification.shutdownCommunication());
  }

  @Test
  void cutsShutdownCommunicationAtAWholeCharacterWithin255Octets() {
    Notification notification = Notification.administrativeReset("a" + "✓".repeat(100));

    // One octet, then 84 three-octet characters: 253 octets; an 85th would make 256.
    assertEquals(1 + 253, notification.data().length());
    assertEquals(Optional.of("a" + "✓".repeat(84)), notification.shutdownCommunication());
  }

  @Test
  void readsNoShutdownCommunicationFromInvalidData() {
    Octets beyondTheData = Octets.fromHex("05616263");
    Octets notUtf8 = Octets.fromHex("02c328");

    assertEquals(
        Optional.empty(),
        new Notification(BgpError.ADMINISTRATIVE_SHUTDOWN, beyondTheData).shutdownCommunication());
    assertEquals(
        Optional.empty(),
        new Notification(BgpError.ADMINISTRATIVE_SHUTDOWN, notUtf8).shutdownCommunication());
    assertEquals(
        Optional.empty(),
        new Notification(BgpError.PEER_DECONFIGURED, Octets.fromHex("0161"))
            .shutdownCommunication());
  }

  @Test
  void writesPrefixLimitOfRfc4486() {
    Notification notification = Notification.maximumPrefixesReached(AfiSafi.IPV6_UNICAST, 100_000);

    assertEquals("00020100 0186a0".replace(" ", ""), notification.data().toString());
  }

  @Test
  void takesTheAsOfTheFourOctetAsCapability() {
    Open open = Open.of(4_200_000_000L, 90, IpAddress.parse("192.0.2.1"), ImmutableList.of());

    assertEquals(Open.AS_TRANS, open.myAs());
    assertEquals(4_200_000_000L, open.asn());
    assertEquals(
        ImmutableList.of(new FourOctetAsCapability(4_200_000_000L)),
        open.capabilities(FourOctetAsCapability.class));
  }

  @Test
  void recognisesEndOfRibOfEachFamily() {
    assertEquals(Optional.of(AfiSafi.IPV4_UNICAST), Update.EMPTY.endOfRibFamily());
    assertEquals(
        Optional.of(AfiSafi.IPV6_UNICAST), Update.endOfRib(AfiSafi.IPV6_UNICAST).endOfRibFamily());
    assertEquals(
        Optional.of(AfiSafi.of(25, 70)), Update.endOfRib(AfiSafi.of(25, 70)).endOfRibFamily());
    assertEquals(
        Optional.empty(),
        Update.withdrawal(NlriList.of(Prefix.parse("10.0.0.0/8"))).endOfRibFamily());
  }

  @Test
  void refusesNlriWithoutAnIpv4NextHop() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Update(
                NlriList.EMPTY,
                Optional.of(NO_NEXT_HOP),
                NlriList.of(Prefix.parse("10.0.0.0/8")),
                Optional.empty(),
                Optional.empty(),
                ImmutableList.of()));
  }

  @Test
  void refusesMpReachWhoseAttributesDifferInMoreThanTheNextHop() {
    PathAttributes other =
        ATTRIBUTES.toBuilder().nextHop(IpAddress.parse("2001:db8::1")).med(5).build();

    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Update(
                NlriList.EMPTY,
                Optional.of(NO_NEXT_HOP),
                NlriList.EMPTY,
                Optional.of(
                    new MpReach(
                        AfiSafi.IPV6_UNICAST, other, NlriList.of(Prefix.parse("2001:db8::/32")))),
                Optional.empty(),
                ImmutableList.of()));
  }

  @Test
  void refusesIpv6PrefixesInTheIpv4Fields() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Update.withdrawal(NlriList.of(Prefix.parse("2001:db8::/32"))));
  }

  @Test
  void refusesAnUnknownCapabilityLongerThan255Octets() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new UnknownCapability(CapabilityCode.valueOf(200), Octets.copyOf(new byte[256])));
  }

  @Test
  void comparesMessagesByValue() {
    Prefix ten = Prefix.parse("10.0.0.0/8");
    new EqualsTester()
        .addEqualityGroup(Keepalive.INSTANCE, new Keepalive())
        .addEqualityGroup(
            Notification.of(BgpError.CEASE), new Notification(BgpError.CEASE, Octets.EMPTY))
        .addEqualityGroup(Notification.administrativeShutdown("bye"))
        .addEqualityGroup(
            RouteRefresh.request(AfiSafi.IPV4_UNICAST),
            new RouteRefresh(AfiSafi.of(1, 1), RouteRefreshSubtype.valueOf(0)))
        .addEqualityGroup(
            Update.withdrawal(NlriList.of(ten)),
            Update.withdrawal(NlriList.of(Prefix.parse("10.1.0.0/8"))))
        .addEqualityGroup(Update.withdrawal(NlriList.of(new Prefix[] {ten}, new int[] {1})))
        .addEqualityGroup(Update.EMPTY, Update.endOfRib(AfiSafi.IPV4_UNICAST))
        .addEqualityGroup(
            Open.of(65000, 90, IpAddress.parse("192.0.2.1"), ImmutableList.of()),
            new Open(
                4,
                65000,
                90,
                IpAddress.parse("192.0.2.1"),
                ImmutableList.of(new FourOctetAsCapability(65000))))
        .testEquals();
  }

  @Test
  void comparesValuesByContent() {
    new EqualsTester()
        .addEqualityGroup(
            Octets.fromHex("ABcd"), Octets.copyOf(new byte[] {(byte) 0xab, (byte) 0xcd}))
        .addEqualityGroup(Octets.EMPTY, Octets.copyOf(new byte[0]))
        .addEqualityGroup(
            NlriList.of(Prefix.parse("10.0.0.0/8")),
            NlriList.of(new Prefix[] {Prefix.parse("10.0.0.0/8")}, new int[] {0}))
        .addEqualityGroup(NlriList.EMPTY, NlriList.of())
        .addEqualityGroup(
            new MpUnreach(AfiSafi.IPV6_UNICAST, NlriList.EMPTY),
            Update.endOfRib(AfiSafi.IPV6_UNICAST).mpUnreach().orElseThrow())
        .addEqualityGroup(
            new GracefulRestartCapability(false, true, 120, ImmutableList.of()),
            new GracefulRestartCapability(false, true, 120, ImmutableList.of()))
        .addEqualityGroup(new HostnameCapability("a", ""))
        .addEqualityGroup(
            OpaqueAttribute.of(0xC0, 99, new byte[] {1}),
            OpaqueAttribute.of(0xD0, 99, new byte[] {1}))
        .testEquals();
  }
}
