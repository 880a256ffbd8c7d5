package io.github.routeserver.bgp.codec;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableSet;
import io.github.routeserver.bgp.wire.AddPathCapability;
import io.github.routeserver.bgp.wire.Afi;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.ExtendedMessageCapability;
import io.github.routeserver.bgp.wire.ExtendedNextHopCapability;
import io.github.routeserver.bgp.wire.FourOctetAsCapability;
import io.github.routeserver.bgp.wire.Open;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a session negotiated that changes the bytes of its messages, passed to every decode and
 * encode. Immutable; a session starts with {@link #BASE} for the OPEN exchange and switches to
 * {@link #negotiated} once both OPENs are known.
 *
 * <ul>
 *   <li>4-octet AS numbers (RFC 6793): AS_PATH and AGGREGATOR carry 4-octet AS numbers; without
 *       them, 2-octet ones with AS4_PATH and AS4_AGGREGATOR alongside.
 *   <li>ADD-PATH (RFC 7911) per family and direction: whether NLRI received, and NLRI sent, carry a
 *       path identifier.
 *   <li>Extended messages (RFC 8654) per direction: UPDATE, NOTIFICATION and ROUTE-REFRESH may be
 *       up to 65,535 octets instead of 4,096 when received if we advertised the capability, and
 *       when sent if the peer did (section 4).
 *   <li>Extended next hop (RFC 8950) per family: IPv4 unicast NLRI may have an IPv6 next hop.
 *   <li>Whether the peer is external (eBGP): RFC 7606 section 7.5 discards LOCAL_PREF from an
 *       external peer, and RFC 5065 section 5.3 rejects confederation segments from one.
 * </ul>
 */
public final class CodecContext {
  /** The largest message without extended messages, and the largest OPEN and KEEPALIVE ever. */
  public static final int MAX_MESSAGE_LENGTH = 4096;

  /** The largest message in a direction where extended messages apply (RFC 8654). */
  public static final int MAX_EXTENDED_MESSAGE_LENGTH = 65535;

  /**
   * Plain RFC 4271: 2-octet AS numbers, no ADD-PATH, 4,096-octet messages, no extended next hop,
   * internal peer. What applies before the OPENs are exchanged.
   */
  public static final CodecContext BASE = builder().build();

  private final boolean fourOctetAs;
  private final ImmutableSet<AfiSafi> addPathReceive;
  private final ImmutableSet<AfiSafi> addPathSend;
  private final boolean extendedMessagesReceive;
  private final boolean extendedMessagesSend;
  private final ImmutableSet<AfiSafi> extendedNextHop;
  private final boolean externalPeer;

  private CodecContext(Builder builder) {
    this.fourOctetAs = builder.fourOctetAs;
    this.addPathReceive = ImmutableSet.copyOf(builder.addPathReceive);
    this.addPathSend = ImmutableSet.copyOf(builder.addPathSend);
    this.extendedMessagesReceive = builder.extendedMessagesReceive;
    this.extendedMessagesSend = builder.extendedMessagesSend;
    this.extendedNextHop = ImmutableSet.copyOf(builder.extendedNextHop);
    this.externalPeer = builder.externalPeer;
  }

  /** A builder that starts from {@link #BASE}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The context of a session on which we sent {@code local} and received {@code remote}: each
   * option applies when both sides advertised it (for ADD-PATH, when one side can send and the
   * other receive the family; for extended next hop, when both listed the same IPv6 next hop
   * tuple), except extended messages, which apply to what we receive as soon as {@code local}
   * advertised them (RFC 8654 section 4: who advertises them "MUST be capable of receiving" them).
   * We send them only when both did: RFC 8654 would let us when {@code remote} alone did, but a
   * session configured without them should not send them either.
   */
  public static CodecContext negotiated(Open local, Open remote, boolean externalPeer) {
    Builder builder = builder().externalPeer(externalPeer);
    builder.fourOctetAs(
        has(local, FourOctetAsCapability.class) && has(remote, FourOctetAsCapability.class));
    boolean advertised = has(local, ExtendedMessageCapability.class);
    builder.extendedMessages(
        advertised, advertised && has(remote, ExtendedMessageCapability.class));
    for (AddPathCapability.Family ours : addPathFamilies(local)) {
      for (AddPathCapability.Family theirs : addPathFamilies(remote)) {
        if (ours.afiSafi().equals(theirs.afiSafi())) {
          builder.addPath(
              ours.afiSafi(),
              ours.mode().canReceive() && theirs.mode().canSend(),
              ours.mode().canSend() && theirs.mode().canReceive());
        }
      }
    }
    Set<ExtendedNextHopCapability.Entry> theirs = new HashSet<>();
    remote.capabilities(ExtendedNextHopCapability.class).forEach(c -> theirs.addAll(c.entries()));
    for (ExtendedNextHopCapability capability :
        local.capabilities(ExtendedNextHopCapability.class)) {
      for (ExtendedNextHopCapability.Entry entry : capability.entries()) {
        if (theirs.contains(entry)
            && entry.nlri().equals(AfiSafi.IPV4_UNICAST)
            && entry.nextHopAfi().equals(Afi.IPV6)) {
          builder.extendedNextHop(entry.nlri());
        }
      }
    }
    return builder.build();
  }

  private static boolean has(Open open, Class<? extends Capability> type) {
    return !open.capabilities(type).isEmpty();
  }

  private static Iterable<AddPathCapability.Family> addPathFamilies(Open open) {
    return open.capabilities(AddPathCapability.class).stream()
        .flatMap(c -> c.families().stream())
        .toList();
  }

  /** A builder that starts from this context. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Whether AS numbers are 4 octets on the wire (RFC 6793). */
  public boolean fourOctetAs() {
    return fourOctetAs;
  }

  /** Whether NLRI of {@code afiSafi} received carry path identifiers (RFC 7911). */
  public boolean addPathReceive(AfiSafi afiSafi) {
    // Asked per route: the common case (nothing negotiated) must not hash a record.
    return !addPathReceive.isEmpty() && addPathReceive.contains(afiSafi);
  }

  /** Whether NLRI of {@code afiSafi} sent carry path identifiers (RFC 7911). */
  public boolean addPathSend(AfiSafi afiSafi) {
    return !addPathSend.isEmpty() && addPathSend.contains(afiSafi);
  }

  /** Whether messages received may be extended: we advertised extended messages (RFC 8654). */
  public boolean extendedMessagesReceive() {
    return extendedMessagesReceive;
  }

  /** Whether messages sent may be extended: both sides advertised extended messages (RFC 8654). */
  public boolean extendedMessagesSend() {
    return extendedMessagesSend;
  }

  /**
   * The largest UPDATE, NOTIFICATION or ROUTE-REFRESH this session accepts: 65,535 octets when we
   * advertised extended messages, else 4,096 (RFC 8654 section 4). OPEN and KEEPALIVE stay within
   * 4,096 whatever this says.
   */
  public int maxReceiveLength() {
    return extendedMessagesReceive ? MAX_EXTENDED_MESSAGE_LENGTH : MAX_MESSAGE_LENGTH;
  }

  /**
   * The largest UPDATE, NOTIFICATION or ROUTE-REFRESH this session sends: 65,535 octets when both
   * sides advertised extended messages, else 4,096 (RFC 8654 section 4).
   */
  public int maxSendLength() {
    return extendedMessagesSend ? MAX_EXTENDED_MESSAGE_LENGTH : MAX_MESSAGE_LENGTH;
  }

  /** Whether NLRI of {@code afiSafi} may have an IPv6 next hop (RFC 8950). */
  public boolean extendedNextHop(AfiSafi afiSafi) {
    return !extendedNextHop.isEmpty() && extendedNextHop.contains(afiSafi);
  }

  /** Whether the peer is in another AS (eBGP). */
  public boolean externalPeer() {
    return externalPeer;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof CodecContext c
        && c.fourOctetAs == fourOctetAs
        && c.addPathReceive.equals(addPathReceive)
        && c.addPathSend.equals(addPathSend)
        && c.extendedMessagesReceive == extendedMessagesReceive
        && c.extendedMessagesSend == extendedMessagesSend
        && c.extendedNextHop.equals(extendedNextHop)
        && c.externalPeer == externalPeer;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        fourOctetAs,
        addPathReceive,
        addPathSend,
        extendedMessagesReceive,
        extendedMessagesSend,
        extendedNextHop,
        externalPeer);
  }

  @Override
  public String toString() {
    return MoreObjects.toStringHelper("CodecContext")
        .add("fourOctetAs", fourOctetAs)
        .add("addPathReceive", addPathReceive)
        .add("addPathSend", addPathSend)
        .add("extendedMessagesReceive", extendedMessagesReceive)
        .add("extendedMessagesSend", extendedMessagesSend)
        .add("extendedNextHop", extendedNextHop)
        .add("externalPeer", externalPeer)
        .toString();
  }

  /** Builds contexts. Not thread-safe. */
  public static final class Builder {
    private boolean fourOctetAs;
    private final Set<AfiSafi> addPathReceive = new HashSet<>();
    private final Set<AfiSafi> addPathSend = new HashSet<>();
    private boolean extendedMessagesReceive;
    private boolean extendedMessagesSend;
    private final Set<AfiSafi> extendedNextHop = new HashSet<>();
    private boolean externalPeer;

    private Builder() {}

    private Builder(CodecContext context) {
      fourOctetAs = context.fourOctetAs;
      addPathReceive.addAll(context.addPathReceive);
      addPathSend.addAll(context.addPathSend);
      extendedMessagesReceive = context.extendedMessagesReceive;
      extendedMessagesSend = context.extendedMessagesSend;
      extendedNextHop.addAll(context.extendedNextHop);
      externalPeer = context.externalPeer;
    }

    /** Sets whether AS numbers are 4 octets on the wire. */
    public Builder fourOctetAs(boolean fourOctetAs) {
      this.fourOctetAs = fourOctetAs;
      return this;
    }

    /** Sets whether NLRI of {@code afiSafi} carry path identifiers when received and when sent. */
    public Builder addPath(AfiSafi afiSafi, boolean receive, boolean send) {
      if (receive) {
        addPathReceive.add(afiSafi);
      } else {
        addPathReceive.remove(afiSafi);
      }
      if (send) {
        addPathSend.add(afiSafi);
      } else {
        addPathSend.remove(afiSafi);
      }
      return this;
    }

    /**
     * Sets whether messages received may be extended (we advertised the capability) and whether
     * messages sent may be (the peer advertised it).
     */
    public Builder extendedMessages(boolean receive, boolean send) {
      this.extendedMessagesReceive = receive;
      this.extendedMessagesSend = send;
      return this;
    }

    /** Lets NLRI of {@code afiSafi} (IPv4 unicast) have an IPv6 next hop. */
    public Builder extendedNextHop(AfiSafi afiSafi) {
      checkArgument(
          afiSafi.equals(AfiSafi.IPV4_UNICAST),
          "afiSafi: %s (expected: IPv4 unicast, the only family this codec decodes with an"
              + " extended next hop)",
          afiSafi);
      extendedNextHop.add(afiSafi);
      return this;
    }

    /** Sets whether the peer is external (eBGP). */
    public Builder externalPeer(boolean externalPeer) {
      this.externalPeer = externalPeer;
      return this;
    }

    /** The context. */
    public CodecContext build() {
      return new CodecContext(this);
    }
  }
}
