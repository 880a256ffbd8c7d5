package io.github.routeserver.bgp.codec;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.wire.AddPathCapability;
import io.github.routeserver.bgp.wire.Afi;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpRole;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.CapabilityCode;
import io.github.routeserver.bgp.wire.EnhancedRouteRefreshCapability;
import io.github.routeserver.bgp.wire.ExtendedMessageCapability;
import io.github.routeserver.bgp.wire.ExtendedNextHopCapability;
import io.github.routeserver.bgp.wire.FourOctetAsCapability;
import io.github.routeserver.bgp.wire.GracefulRestartCapability;
import io.github.routeserver.bgp.wire.HostnameCapability;
import io.github.routeserver.bgp.wire.LongLivedGracefulRestartCapability;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.RoleCapability;
import io.github.routeserver.bgp.wire.RouteRefreshCapability;
import io.github.routeserver.bgp.wire.UnknownCapability;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Capabilities on the wire (RFC 5492 section 4 and the RFC of each capability). A capability this
 * library interprets whose value does not have the length or content its RFC defines is an OPEN
 * Message Error without subcode (2/0), with the capability as data; any other code is kept as an
 * {@link UnknownCapability}, and so is a capability whose value is one this library does not
 * understand (an ADD-PATH Send/Receive value other than 1 to 3, an FQDN whose names are not UTF-8),
 * which RFC 5492 has the receiver ignore.
 *
 * <p>No record refuses what this class reads into it: a value of at most 255 octets holds no more
 * entries than the records accept, and UTF-8 names re-encode to the octets they came from.
 */
final class CapabilityCodec {
  private static final int GR_RESTARTING = 0x8;
  private static final int GR_NOTIFICATION = 0x4;
  private static final int FORWARDING_PRESERVED = 0x80;

  private CapabilityCodec() {}

  /** Reads the value of {@code length} octets at absolute index {@code start}. */
  static Capability decode(int code, ByteBuffer buffer, int start, int length) {
    CapabilityCode type = CapabilityCode.valueOf(code);
    Capability capability = type.isKnown() ? decodeKnown(type, buffer, start, length) : null;
    if (capability != null) {
      return capability;
    }
    byte[] value = new byte[length];
    buffer.get(start, value);
    return new UnknownCapability(type, Octets.copyOf(value));
  }

  /**
   * Decodes the value of a capability this library interprets: its record, or null when the value
   * is well formed but not understood.
   *
   * @throws DecodeFailure OPEN Message Error 2/0 when the value is malformed
   */
  private static @Nullable Capability decodeKnown(
      CapabilityCode type, ByteBuffer buffer, int start, int length) {
    ByteBuffer value = buffer.duplicate().limit(start + length).position(start);
    String problem;
    try {
      Capability capability = readValue(type, value);
      if (!value.hasRemaining()) {
        return capability;
      }
      problem = value.remaining() + " octets left over";
    } catch (BufferUnderflowException e) {
      problem = "value of " + length + " octets too short";
    } catch (DecodeFailure e) {
      problem = e.getMessage();
    }
    byte[] capability = new byte[2 + length];
    buffer.get(start - 2, capability);
    throw new DecodeFailure(
        new DecodeError(
            BgpError.OPEN_MESSAGE_ERROR,
            Octets.copyOf(capability),
            ErrorAction.SESSION_RESET,
            Optional.empty(),
            "malformed " + type + " capability: " + problem));
  }

  /**
   * Reads a value, throwing {@link BufferUnderflowException} when it is too short and a {@link
   * DecodeFailure} (whose message {@link #decodeKnown} keeps) when a field is out of range; null
   * when the value is not understood.
   */
  private static @Nullable Capability readValue(CapabilityCode code, ByteBuffer value) {
    return switch (code.code()) {
      case 1 -> {
        int afi = value.getShort() & 0xFFFF;
        value.get(); // reserved
        yield new MultiprotocolCapability(AfiSafi.of(afi, value.get() & 0xFF));
      }
      case 2 -> new RouteRefreshCapability();
      case 5 -> {
        ImmutableList.Builder<ExtendedNextHopCapability.Entry> entries = ImmutableList.builder();
        while (value.hasRemaining()) {
          int afi = value.getShort() & 0xFFFF;
          int safi = value.getShort() & 0xFFFF;
          if (safi > 0xFF) {
            throw outOfRange("NLRI SAFI " + safi + " (expected: 0 to 255)");
          }
          entries.add(
              new ExtendedNextHopCapability.Entry(
                  AfiSafi.of(afi, safi), Afi.valueOf(value.getShort() & 0xFFFF)));
        }
        yield new ExtendedNextHopCapability(entries.build());
      }
      case 6 -> new ExtendedMessageCapability();
      case 9 -> new RoleCapability(BgpRole.valueOf(value.get() & 0xFF));
      case 64 -> {
        int header = value.getShort() & 0xFFFF;
        ImmutableList.Builder<GracefulRestartCapability.Family> families = ImmutableList.builder();
        while (value.hasRemaining()) {
          AfiSafi afiSafi = readAfiSafi(value);
          boolean preserved = (value.get() & FORWARDING_PRESERVED) != 0;
          families.add(new GracefulRestartCapability.Family(afiSafi, preserved));
        }
        yield new GracefulRestartCapability(
            (header >>> 12 & GR_RESTARTING) != 0,
            (header >>> 12 & GR_NOTIFICATION) != 0,
            header & GracefulRestartCapability.MAX_RESTART_TIME,
            families.build());
      }
      case 65 -> new FourOctetAsCapability(Integer.toUnsignedLong(value.getInt()));
      case 69 -> {
        ImmutableList.Builder<AddPathCapability.Family> families = ImmutableList.builder();
        boolean understood = true;
        while (value.hasRemaining()) {
          AfiSafi afiSafi = readAfiSafi(value);
          int mode = value.get() & 0xFF;
          // RFC 7911 section 4: any other value makes the whole capability not understood.
          understood &= mode >= 1 && mode <= 3;
          if (understood) {
            families.add(
                new AddPathCapability.Family(afiSafi, AddPathCapability.Mode.values()[mode - 1]));
          }
        }
        yield understood ? new AddPathCapability(families.build()) : null;
      }
      case 70 -> new EnhancedRouteRefreshCapability();
      case 71 -> {
        ImmutableList.Builder<LongLivedGracefulRestartCapability.Family> families =
            ImmutableList.builder();
        while (value.hasRemaining()) {
          AfiSafi afiSafi = readAfiSafi(value);
          boolean preserved = (value.get() & FORWARDING_PRESERVED) != 0;
          int staleTime = (value.getShort() & 0xFFFF) << 8 | value.get() & 0xFF;
          families.add(
              new LongLivedGracefulRestartCapability.Family(afiSafi, preserved, staleTime));
        }
        yield new LongLivedGracefulRestartCapability(families.build());
      }
      case 73 -> {
        String hostname = readUtf8(value);
        String domainName = readUtf8(value);
        yield hostname == null || domainName == null
            ? null
            : new HostnameCapability(hostname, domainName);
      }
      default -> throw new AssertionError("known capability code without a decoder: " + code);
    };
  }

  private static AfiSafi readAfiSafi(ByteBuffer value) {
    int afi = value.getShort() & 0xFFFF;
    return AfiSafi.of(afi, value.get() & 0xFF);
  }

  /** Reads a length octet and that many octets: their text, or null when they are not UTF-8. */
  private static @Nullable String readUtf8(ByteBuffer value) {
    byte[] octets = new byte[value.get() & 0xFF];
    value.get(octets);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(octets)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static DecodeFailure outOfRange(String problem) {
    return new DecodeFailure(
        new DecodeError(
            BgpError.OPEN_MESSAGE_ERROR,
            Octets.EMPTY,
            ErrorAction.SESSION_RESET,
            Optional.empty(),
            problem));
  }

  /** Writes {@code capability}, code and length included, at the position of {@code out}. */
  static void encode(Capability capability, ByteBuffer out) {
    out.put((byte) capability.code().code());
    int lengthAt = out.position();
    out.put((byte) 0);
    if (capability instanceof MultiprotocolCapability mp) {
      writeAfiSafi(out, mp.afiSafi().afi().code(), 0);
      out.put((byte) mp.afiSafi().safi().code());
    } else if (capability instanceof ExtendedNextHopCapability enh) {
      for (ExtendedNextHopCapability.Entry entry : enh.entries()) {
        out.putShort((short) entry.nlri().afi().code());
        out.putShort((short) entry.nlri().safi().code());
        out.putShort((short) entry.nextHopAfi().code());
      }
    } else if (capability instanceof RoleCapability role) {
      out.put((byte) role.role().code());
    } else if (capability instanceof GracefulRestartCapability gr) {
      int flags =
          (gr.restarting() ? GR_RESTARTING : 0)
              | (gr.notificationSupported() ? GR_NOTIFICATION : 0);
      out.putShort((short) (flags << 12 | gr.restartTime()));
      for (GracefulRestartCapability.Family family : gr.families()) {
        writeAfiSafi(out, family.afiSafi().afi().code(), family.afiSafi().safi().code());
        out.put((byte) (family.forwardingPreserved() ? FORWARDING_PRESERVED : 0));
      }
    } else if (capability instanceof FourOctetAsCapability as4) {
      out.putInt((int) as4.asn());
    } else if (capability instanceof AddPathCapability addPath) {
      for (AddPathCapability.Family family : addPath.families()) {
        writeAfiSafi(out, family.afiSafi().afi().code(), family.afiSafi().safi().code());
        out.put((byte) family.mode().code());
      }
    } else if (capability instanceof LongLivedGracefulRestartCapability llgr) {
      for (LongLivedGracefulRestartCapability.Family family : llgr.families()) {
        writeAfiSafi(out, family.afiSafi().afi().code(), family.afiSafi().safi().code());
        out.put((byte) (family.forwardingPreserved() ? FORWARDING_PRESERVED : 0));
        out.putShort((short) (family.staleTime() >>> 8)).put((byte) family.staleTime());
      }
    } else if (capability instanceof HostnameCapability hostname) {
      writeString(out, hostname.hostname());
      writeString(out, hostname.domainName());
    } else if (capability instanceof UnknownCapability unknown) {
      unknown.value().writeTo(out);
    }
    // Route refresh, enhanced route refresh and extended message have an empty value.
    out.put(lengthAt, (byte) (out.position() - lengthAt - 1));
  }

  /** AFI (2 octets) and one more octet: the SAFI, or the reserved octet of RFC 4760 section 8. */
  private static void writeAfiSafi(ByteBuffer out, int afi, int third) {
    out.putShort((short) afi).put((byte) third);
  }

  private static void writeString(ByteBuffer out, String text) {
    byte[] octets = text.getBytes(StandardCharsets.UTF_8);
    out.put((byte) octets.length).put(octets);
  }
}
