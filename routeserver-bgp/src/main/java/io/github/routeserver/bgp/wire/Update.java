package io.github.routeserver.bgp.wire;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.OpaqueAttribute;
import io.github.routeserver.core.route.PathAttributes;
import java.util.Optional;

/**
 * UPDATE, message type 2 (RFC 4271 section 4.3, RFC 4760): withdrawn routes, one set of path
 * attributes, and the routes that share it.
 *
 * <pre>
 * +-----------------------------------------------------+
 * |   Withdrawn Routes Length (2 octets)                |
 * +-----------------------------------------------------+
 * |   Withdrawn Routes (variable): IPv4 NLRI            |
 * +-----------------------------------------------------+
 * |   Total Path Attribute Length (2 octets)            |
 * +-----------------------------------------------------+
 * |   Path Attributes (variable), each:                 |
 * |   Flags (1) Type (1) Length (1, or 2 when the       |
 * |   Extended Length flag is set) Value (variable)     |
 * +-----------------------------------------------------+
 * |   Network Layer Reachability Information (variable) |
 * +-----------------------------------------------------+
 *
 * NLRI (IPv4 and IPv6), RFC 4271 section 4.3 and RFC 7911 section 3:
 * +--------------------------------+
 * | Path Identifier (4 octets)     |  only when ADD-PATH is in use
 * +--------------------------------+
 * | Length in bits (1 octet)       |
 * +--------------------------------+
 * | Prefix (ceil(length/8) octets) |
 * +--------------------------------+
 * </pre>
 *
 * <p>The record follows the wire: the Withdrawn Routes and NLRI fields (IPv4 only), the attributes
 * common to every route, and the IPv4/IPv6 unicast MP_REACH_NLRI and MP_UNREACH_NLRI attributes.
 * Because an IPv4 route of the NLRI field uses NEXT_HOP while a route of MP_REACH_NLRI uses the MP
 * next hop, each carries its own interned {@link PathAttributes}: {@link #attributes()} holds
 * NEXT_HOP as next hop (none when the NLRI field is empty, as RFC 4760 section 3 says NEXT_HOP is
 * then ignored), and {@link MpReach#attributes()} is the same set with the MP next hop.
 * MP_REACH_NLRI and MP_UNREACH_NLRI of any other family are kept byte for byte in {@link
 * #otherFamilies()}.
 *
 * <p>End-of-RIB (RFC 4724 section 2) is an UPDATE with nothing in it for IPv4 unicast, and an
 * UPDATE with only an empty MP_UNREACH_NLRI for other families; see {@link #endOfRib(AfiSafi)} and
 * {@link #endOfRibFamily()}.
 *
 * @param withdrawnRoutes the Withdrawn Routes field (IPv4)
 * @param attributes the path attributes; empty when the UPDATE carries none other than
 *     MP_UNREACH_NLRI
 * @param nlri the NLRI field (IPv4); when not empty, {@code attributes} has an IPv4 next hop
 * @param mpReach MP_REACH_NLRI of IPv4 or IPv6 unicast
 * @param mpUnreach MP_UNREACH_NLRI of IPv4 or IPv6 unicast
 * @param otherFamilies MP_REACH_NLRI and MP_UNREACH_NLRI of other families, kept opaque (at most
 *     one of each type code, and none of a type code that {@code mpReach} or {@code mpUnreach}
 *     fills)
 */
public record Update(
    NlriList withdrawnRoutes,
    Optional<PathAttributes> attributes,
    NlriList nlri,
    Optional<MpReach> mpReach,
    Optional<MpUnreach> mpUnreach,
    ImmutableList<OpaqueAttribute> otherFamilies)
    implements BgpMessage {
  /** The End-of-RIB marker of IPv4 unicast: an UPDATE with nothing in it. */
  public static final Update EMPTY =
      new Update(
          NlriList.EMPTY,
          Optional.empty(),
          NlriList.EMPTY,
          Optional.empty(),
          Optional.empty(),
          ImmutableList.of());

  /** Validates that the parts form one UPDATE (see the parameters). */
  public Update {
    checkArgument(
        withdrawnRoutes.isAll(AddressFamily.IPV4),
        "withdrawnRoutes: %s (expected: IPv4 prefixes only)",
        withdrawnRoutes);
    checkArgument(nlri.isAll(AddressFamily.IPV4), "nlri: %s (expected: IPv4 prefixes only)", nlri);
    Optional<IpAddress> nextHop = attributes.flatMap(PathAttributes::nextHop);
    if (nlri.isEmpty()) {
      checkArgument(
          nextHop.isEmpty(),
          "attributes: next hop %s without NLRI (expected: NEXT_HOP only with the NLRI field)",
          nextHop);
    } else {
      checkArgument(
          nextHop.isPresent() && nextHop.get().isIpv4(),
          "attributes: next hop %s (expected: an IPv4 NEXT_HOP for the NLRI field)",
          nextHop);
      checkArgument(
          attributes.get().linkLocalNextHop().isEmpty(),
          "attributes: link-local next hop with the NLRI field (expected: none)");
    }
    if (mpReach.isPresent()) {
      checkArgument(attributes.isPresent(), "attributes: empty (expected: present with mpReach)");
      PathAttributes mp = mpReach.get().attributes();
      PathAttributes expected =
          attributes.get().toBuilder()
              .nextHop(mp.nextHop().orElseThrow())
              .linkLocalNextHop(mp.linkLocalNextHop().orElse(null))
              .build();
      checkArgument(
          expected == mp,
          "mpReach: attributes %s (expected: the UPDATE's attributes with another next hop)",
          mp);
    }
    checkOtherFamilies(otherFamilies, attributes, mpReach, mpUnreach);
  }

  private static void checkOtherFamilies(
      ImmutableList<OpaqueAttribute> otherFamilies,
      Optional<PathAttributes> attributes,
      Optional<MpReach> mpReach,
      Optional<MpUnreach> mpUnreach) {
    boolean reach = mpReach.isPresent();
    boolean unreach = mpUnreach.isPresent();
    for (OpaqueAttribute attribute : otherFamilies) {
      int type = attribute.typeCode();
      checkArgument(
          type == AttributeType.MP_REACH_NLRI.code()
              || type == AttributeType.MP_UNREACH_NLRI.code(),
          "otherFamilies: type code %s (expected: 14 or 15)",
          type);
      boolean isReach = type == AttributeType.MP_REACH_NLRI.code();
      checkArgument(
          !(isReach ? reach : unreach), "otherFamilies: a second attribute of type %s", type);
      checkArgument(
          !isReach || attributes.isPresent(),
          "attributes: empty (expected: present with MP_REACH_NLRI)");
      if (isReach) {
        reach = true;
      } else {
        unreach = true;
      }
    }
  }

  /**
   * An UPDATE that only withdraws {@code withdrawnRoutes} (IPv4, in the Withdrawn Routes field).
   */
  public static Update withdrawal(NlriList withdrawnRoutes) {
    return new Update(
        withdrawnRoutes,
        Optional.empty(),
        NlriList.EMPTY,
        Optional.empty(),
        Optional.empty(),
        ImmutableList.of());
  }

  /**
   * The End-of-RIB marker of {@code afiSafi} (RFC 4724 section 2): {@link #EMPTY} for IPv4 unicast,
   * an UPDATE with only an empty MP_UNREACH_NLRI for IPv6 unicast, and for any other family the
   * same MP_UNREACH_NLRI kept opaque.
   */
  public static Update endOfRib(AfiSafi afiSafi) {
    if (afiSafi.equals(AfiSafi.IPV4_UNICAST)) {
      return EMPTY;
    }
    Optional<MpUnreach> mpUnreach = Optional.empty();
    ImmutableList<OpaqueAttribute> other = ImmutableList.of();
    if (afiSafi.unicastFamily().isPresent()) {
      mpUnreach = Optional.of(new MpUnreach(afiSafi, NlriList.EMPTY));
    } else {
      byte[] value = {
        (byte) (afiSafi.afi().code() >>> 8),
        (byte) afiSafi.afi().code(),
        (byte) afiSafi.safi().code()
      };
      other =
          ImmutableList.of(
              OpaqueAttribute.of(
                  OpaqueAttribute.FLAG_OPTIONAL, AttributeType.MP_UNREACH_NLRI.code(), value));
    }
    return new Update(
        NlriList.EMPTY, Optional.empty(), NlriList.EMPTY, Optional.empty(), mpUnreach, other);
  }

  @Override
  public MessageType type() {
    return MessageType.UPDATE;
  }

  /**
   * The family whose End-of-RIB marker this UPDATE is (RFC 4724 section 2), or empty when it is not
   * one.
   */
  public Optional<AfiSafi> endOfRibFamily() {
    if (!withdrawnRoutes.isEmpty()
        || attributes.isPresent()
        || !nlri.isEmpty()
        || mpReach.isPresent()) {
      return Optional.empty();
    }
    if (mpUnreach.isPresent()) {
      return otherFamilies.isEmpty() && mpUnreach.get().withdrawn().isEmpty()
          ? Optional.of(mpUnreach.get().afiSafi())
          : Optional.empty();
    }
    if (otherFamilies.isEmpty()) {
      return Optional.of(AfiSafi.IPV4_UNICAST);
    }
    OpaqueAttribute only = otherFamilies.get(0);
    if (otherFamilies.size() == 1
        && only.typeCode() == AttributeType.MP_UNREACH_NLRI.code()
        && only.length() == 3) {
      int afi = (only.valueAt(0) & 0xFF) << 8 | (only.valueAt(1) & 0xFF);
      return Optional.of(AfiSafi.of(afi, only.valueAt(2) & 0xFF));
    }
    return Optional.empty();
  }

  /** Whether this UPDATE is an End-of-RIB marker of any family. */
  public boolean isEndOfRib() {
    return endOfRibFamily().isPresent();
  }
}
