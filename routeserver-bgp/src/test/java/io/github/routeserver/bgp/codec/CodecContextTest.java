package io.github.routeserver.bgp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.testing.EqualsTester;
import io.github.routeserver.bgp.wire.AddPathCapability;
import io.github.routeserver.bgp.wire.AddPathCapability.Mode;
import io.github.routeserver.bgp.wire.Afi;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.ExtendedMessageCapability;
import io.github.routeserver.bgp.wire.ExtendedNextHopCapability;
import io.github.routeserver.bgp.wire.FourOctetAsCapability;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.core.net.IpAddress;
import org.junit.jupiter.api.Test;

class CodecContextTest {
  private static Open open(Capability... capabilities) {
    return new Open(4, 65000, 90, IpAddress.parse("192.0.2.1"), ImmutableList.copyOf(capabilities));
  }

  private static AddPathCapability addPath(AfiSafi afiSafi, Mode mode) {
    return AddPathCapability.of(new AddPathCapability.Family(afiSafi, mode));
  }

  @Test
  void negotiatesWhatBothSidesAdvertised() {
    ExtendedNextHopCapability enh =
        ExtendedNextHopCapability.of(
            new ExtendedNextHopCapability.Entry(AfiSafi.IPV4_UNICAST, Afi.IPV6));
    Open local = open(new FourOctetAsCapability(65000), enh);
    Open remote = open(new FourOctetAsCapability(65001), enh);

    CodecContext context = CodecContext.negotiated(local, remote, true);

    assertTrue(context.fourOctetAs());
    assertTrue(context.extendedNextHop(AfiSafi.IPV4_UNICAST));
    assertTrue(context.externalPeer());
  }

  @Test
  void receivesExtendedMessagesWhenWeAdvertisedThemAndSendsThemWhenBothDid() {
    // RFC 8654 section 4: who advertises them must receive them; we send them only when both did.
    Open advertising = open(new ExtendedMessageCapability());
    Open silent = open();

    CodecContext ours = CodecContext.negotiated(advertising, silent, false);
    CodecContext theirs = CodecContext.negotiated(silent, advertising, false);
    CodecContext both = CodecContext.negotiated(advertising, advertising, false);

    assertEquals(65535, ours.maxReceiveLength());
    assertEquals(4096, ours.maxSendLength());
    assertEquals(4096, theirs.maxReceiveLength());
    assertEquals(4096, theirs.maxSendLength(), "not configured here, so not sent either");
    assertEquals(65535, both.maxReceiveLength());
    assertEquals(65535, both.maxSendLength());
    assertEquals(4096, CodecContext.BASE.maxReceiveLength());
    assertEquals(4096, CodecContext.BASE.maxSendLength());
  }

  @Test
  void negotiatesAddPathPerDirection() {
    Open local =
        open(
            AddPathCapability.of(
                new AddPathCapability.Family(AfiSafi.IPV4_UNICAST, Mode.RECEIVE),
                new AddPathCapability.Family(AfiSafi.IPV6_UNICAST, Mode.BOTH)));
    Open remote =
        open(
            AddPathCapability.of(
                new AddPathCapability.Family(AfiSafi.IPV4_UNICAST, Mode.BOTH),
                new AddPathCapability.Family(AfiSafi.IPV6_UNICAST, Mode.RECEIVE)));

    CodecContext context = CodecContext.negotiated(local, remote, false);

    assertTrue(context.addPathReceive(AfiSafi.IPV4_UNICAST));
    assertFalse(context.addPathSend(AfiSafi.IPV4_UNICAST));
    assertFalse(context.addPathReceive(AfiSafi.IPV6_UNICAST));
    assertTrue(context.addPathSend(AfiSafi.IPV6_UNICAST));
  }

  @Test
  void negotiatesNothingWhenOneSideIsSilent() {
    Open local =
        open(
            new FourOctetAsCapability(65000),
            new ExtendedMessageCapability(),
            addPath(AfiSafi.IPV4_UNICAST, Mode.BOTH));

    CodecContext context = CodecContext.negotiated(local, open(), false);

    // Save extended messages received, which need our advertisement alone (RFC 8654 section 4).
    assertEquals(CodecContext.BASE.toBuilder().extendedMessages(true, false).build(), context);
  }

  @Test
  void comparesByValue() {
    new EqualsTester()
        .addEqualityGroup(CodecContext.BASE, CodecContext.builder().build())
        .addEqualityGroup(
            CodecContext.builder().addPath(AfiSafi.IPV4_UNICAST, true, false).build(),
            CodecContext.BASE.toBuilder().addPath(AfiSafi.IPV4_UNICAST, true, false).build())
        .addEqualityGroup(CodecContext.builder().fourOctetAs(true).build())
        .addEqualityGroup(CodecContext.builder().extendedMessages(true, false).build())
        .addEqualityGroup(CodecContext.builder().extendedMessages(false, true).build())
        .testEquals();
  }
}
