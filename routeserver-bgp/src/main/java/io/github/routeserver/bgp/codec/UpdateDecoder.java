package io.github.routeserver.bgp.codec;

import static io.github.routeserver.bgp.codec.AttributeWriter.EXTENDED_LENGTH;
import static io.github.routeserver.bgp.codec.AttributeWriter.OPTIONAL;
import static io.github.routeserver.bgp.codec.AttributeWriter.PARTIAL;
import static io.github.routeserver.bgp.codec.AttributeWriter.TRANSITIVE;

import com.google.common.collect.ImmutableList;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.AttributeType;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.MpReach;
import io.github.routeserver.bgp.wire.MpUnreach;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Octets;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.AddressFamily;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.Aggregator;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.OpaqueAttribute;
import io.github.routeserver.core.route.Origin;
import io.github.routeserver.core.route.PathAttributes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the body of one UPDATE (RFC 4271 section 4.3 and 6.3, RFC 4760, RFC 7606) in full,
 * collecting every error with its RFC 7606 action, then applies the strongest. The attribute values
 * are read by the rows of the {@link AttributeTable}, which report back through the package-private
 * methods here. Remembers the attribute octets of the last clean UPDATE with the attribute set they
 * gave, so that a run of UPDATEs sharing attributes parses them once. Not thread-safe; one per
 * session.
 */
final class UpdateDecoder {

  private final NlriReader nlriReader = new NlriReader();
  private final AsPathCodec asPaths = new AsPathCodec();
  private final long[] seen = new long[4];
  private final List<DecodeError> errors = new ArrayList<>();
  private final Set<ErrorAction> actions = EnumSet.noneOf(ErrorAction.class);
  private final Set<AfiSafi> disabled = new HashSet<>();
  private final List<OpaqueAttribute> otherFamilies = new ArrayList<>(2);

  private static final ByteBuffer NO_BUFFER = ByteBuffer.allocate(0);

  private CodecContext context = CodecContext.BASE;
  private ByteBuffer buffer = NO_BUFFER;
  private PathAttributes.Builder builder = PathAttributes.builder();

  // The attribute being read.
  private int attributeStart;
  private int attributeEnd;
  private int attributeType;
  private ErrorAction attributeAction = ErrorAction.TREAT_AS_WITHDRAW;

  // Whether the NLRI field is empty (RFC 4760 section 3: then NEXT_HOP is ignored).
  private boolean nlriFieldEmpty;

  // What the attributes said.
  private boolean hasAttributes;
  private @Nullable IpAddress nextHop;
  private @Nullable AsPath asPath;
  private @Nullable AsPath as4Path;
  private @Nullable Aggregator aggregator;
  private @Nullable Aggregator as4Aggregator;
  private @Nullable AfiSafi reachFamily;
  private @Nullable IpAddress reachNextHop;
  private @Nullable IpAddress reachLinkLocal;
  private NlriList reachNlri = NlriList.EMPTY;
  private @Nullable AfiSafi unreachFamily;
  private NlriList unreachNlri = NlriList.EMPTY;

  // The attribute octets of the last clean UPDATE with only IPv4 NLRI, and what they gave.
  private byte[] cachedOctets = new byte[256];
  private int cachedLength = -1;
  private @Nullable CodecContext cachedContext;
  private @Nullable PathAttributes cachedAttributes;

  // The last next hop decoded, kept across UPDATEs (see shared).
  private @Nullable IpAddress previousNextHop;

  /** Decodes the UPDATE body at absolute indexes {@code start} to {@code end} of {@code buffer}. */
  DecodeResult decode(ByteBuffer buffer, int start, int end, CodecContext context) {
    reset(buffer, context);
    try {
      return decodeBody(start, end);
    } catch (DecodeFailure failure) {
      errors.add(failure.error());
      return new DecodeResult(Optional.empty(), ImmutableList.copyOf(errors));
    } finally {
      this.buffer = NO_BUFFER; // do not keep the caller's buffer alive
      this.builder = PathAttributes.builder();
    }
  }

  private void reset(ByteBuffer buffer, CodecContext context) {
    this.buffer = buffer;
    this.context = context;
    Arrays.fill(seen, 0);
    errors.clear();
    actions.clear();
    disabled.clear();
    otherFamilies.clear();
    nlriFieldEmpty = false;
    hasAttributes = false;
    nextHop = null;
    asPath = null;
    as4Path = null;
    aggregator = null;
    as4Aggregator = null;
    reachFamily = null;
    reachNextHop = null;
    reachLinkLocal = null;
    reachNlri = NlriList.EMPTY;
    unreachFamily = null;
    unreachNlri = NlriList.EMPTY;
  }

  private DecodeResult decodeBody(int start, int end) {
    int withdrawnLength = buffer.getShort(start) & 0xFFFF;
    int lengthAt = start + 2 + withdrawnLength;
    if (lengthAt + 2 > end) {
      attributeStart = attributeEnd = start;
      throw resetSession(
          BgpError.MALFORMED_ATTRIBUTE_LIST,
          "withdrawn routes length " + withdrawnLength + " overruns the message");
    }
    int attributesStart = lengthAt + 2;
    int attributesLength = buffer.getShort(lengthAt) & 0xFFFF;
    int attributesEnd = attributesStart + attributesLength;
    if (attributesEnd > end) {
      attributeStart = attributeEnd = lengthAt;
      throw resetSession(
          BgpError.MALFORMED_ATTRIBUTE_LIST,
          "total path attribute length " + attributesLength + " overruns the message");
    }
    NlriList withdrawn = readNlriField(start + 2, lengthAt, "withdrawn routes");
    NlriList nlri = readNlriField(attributesEnd, end, "NLRI");
    if (!nlri.isEmpty() && isCached(attributesStart, attributesLength)) {
      return DecodeResult.of(
          new Update(
              withdrawn,
              Optional.of(cachedAttributes),
              nlri,
              Optional.empty(),
              Optional.empty(),
              ImmutableList.of()));
    }
    nlriFieldEmpty = nlri.isEmpty();
    readAttributes(attributesStart, attributesEnd);
    DecodeResult result = assemble(withdrawn, nlri);
    remember(result, attributesStart, attributesLength);
    return result;
  }

  private NlriList readNlriField(int start, int end, String field) {
    NlriList nlri =
        nlriReader.read(
            buffer, start, end, AddressFamily.IPV4, context.addPathReceive(AfiSafi.IPV4_UNICAST));
    if (nlri == null) {
      attributeStart = attributeEnd = start;
      throw resetSession(BgpError.INVALID_NETWORK_FIELD, field + ": " + nlriReader.problem());
    }
    return nlri;
  }

  private void readAttributes(int start, int end) {
    int position = start;
    while (position < end) {
      int flags = buffer.get(position) & 0xFF;
      boolean extended = (flags & EXTENDED_LENGTH) != 0;
      attributeStart = position;
      attributeEnd = end;
      if (end - position < (extended ? 4 : 3)) {
        report(
            BgpError.MALFORMED_ATTRIBUTE_LIST,
            ErrorAction.TREAT_AS_WITHDRAW,
            (end - position) + " octets left, too few for an attribute header");
        return;
      }
      int type = buffer.get(position + 1) & 0xFF;
      int length =
          extended ? buffer.getShort(position + 2) & 0xFFFF : buffer.get(position + 2) & 0xFF;
      int valueStart = position + (extended ? 4 : 3);
      attributeType = type;
      if (length > end - valueStart) {
        if (isMultiprotocol(type)) {
          throw resetSession(
              BgpError.OPTIONAL_ATTRIBUTE_ERROR,
              AttributeType.valueOf(type) + " of length " + length + " overruns the attributes");
        }
        report(
            BgpError.ATTRIBUTE_LENGTH_ERROR,
            ErrorAction.TREAT_AS_WITHDRAW,
            AttributeType.valueOf(type) + " of length " + length + " overruns the attributes");
        return;
      }
      attributeEnd = valueStart + length;
      position = attributeEnd;
      readAttribute(flags, type, valueStart, length);
    }
  }

  private void readAttribute(int flags, int type, int valueStart, int length) {
    hasAttributes |= type != AttributeType.MP_UNREACH_NLRI.code();
    if (isSeen(type)) {
      if (isMultiprotocol(type)) {
        throw resetSession(
            BgpError.MALFORMED_ATTRIBUTE_LIST, AttributeType.valueOf(type) + " appears twice");
      }
      report(
          BgpError.MALFORMED_ATTRIBUTE_LIST,
          ErrorAction.ATTRIBUTE_DISCARD,
          "repeated " + AttributeType.valueOf(type) + " discarded");
      return;
    }
    seen[type >>> 6] |= 1L << type;
    if (type == AttributeType.NEXT_HOP.code() && nlriFieldEmpty) {
      return; // RFC 4760 section 3: without NLRI of its own, NEXT_HOP "SHOULD" be ignored
    }
    AttributeCodec codec = AttributeTable.get(type);
    if (codec == null) {
      readUnknown(flags, type, valueStart, length);
      return;
    }
    if (codec.internalOnly() && context.externalPeer()) {
      // RFC 7606 7.5, 7.9, 7.10: "attribute discard", whatever the flags and the value.
      discard(codec.type() + " from an external peer");
      return;
    }
    attributeAction = codec.action();
    if ((flags & (OPTIONAL | TRANSITIVE)) != codec.flags()) {
      flagsError(codec, flags, valueStart, length);
      return;
    }
    codec.decoder().decode(this, buffer, valueStart, length);
  }

  /**
   * RFC 7606 section 3 c: an Attribute Flags Error calls for treat-as-withdraw unless the
   * attribute's own rules say otherwise, so it takes the action of the attribute's row: attribute
   * discard for ATOMIC_AGGREGATE and AGGREGATOR (section 3 f) and AS4_PATH and AS4_AGGREGATOR (RFC
   * 6793 section 6). MP_REACH_NLRI and MP_UNREACH_NLRI with the wrong flags are incorrect (section
   * 5.3): their family is disabled (RFC 4760 section 7), or the session reset when the attribute is
   * too short to name one.
   */
  private void flagsError(AttributeCodec codec, int flags, int valueStart, int length) {
    String detail = codec.type() + " with flags 0x" + Integer.toHexString(flags);
    if (isMultiprotocol(codec.type().code())) {
      disable(AttributeTable.mpFamily(this, buffer, valueStart, length), detail);
    } else {
      malformed(BgpError.ATTRIBUTE_FLAGS_ERROR, detail); // with the row's action
    }
  }

  private void readUnknown(int flags, int type, int valueStart, int length) {
    if ((flags & OPTIONAL) == 0) {
      throw resetSession(
          BgpError.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE,
          "well-known attribute type " + type + " is not recognised");
    }
    if ((flags & TRANSITIVE) != 0) {
      byte[] value = new byte[length];
      buffer.get(valueStart, value);
      builder.opaque(OpaqueAttribute.of(flags | PARTIAL, type, value));
    }
  }

  private boolean isSeen(AttributeType type) {
    return isSeen(type.code());
  }

  private boolean isSeen(int code) {
    return (seen[code >>> 6] & 1L << code) != 0;
  }

  /**
   * RFC 7606 section 5.2: in an UPDATE with attributes (other than MP_UNREACH_NLRI) but no
   * reachable NLRI, an error may have hidden NLRI that were not parsed as they should have been, so
   * any error that asks for more than "attribute discard" resets the session instead.
   */
  private void resetOnAnyErrorButDiscard() {
    for (DecodeError error : errors) {
      if (error.action() != ErrorAction.ATTRIBUTE_DISCARD) {
        throw new DecodeFailure(
            new DecodeError(
                error.error(),
                error.data(),
                ErrorAction.SESSION_RESET,
                Optional.empty(),
                error.detail() + ", in an UPDATE without reachable NLRI (RFC 7606 section 5.2)"));
      }
    }
  }

  private static boolean isMultiprotocol(int type) {
    return type == AttributeType.MP_REACH_NLRI.code()
        || type == AttributeType.MP_UNREACH_NLRI.code();
  }

  private DecodeResult assemble(NlriList withdrawn, NlriList nlri) {
    mergeAs4();
    boolean announces = !nlri.isEmpty() || !reachNlri.isEmpty();
    // A malformed MP_REACH_NLRI is left to AFI/SAFI disable (RFC 7606 section 5.3).
    boolean mpReachUnparsed = isSeen(AttributeType.MP_REACH_NLRI) && reachFamily == null;
    if (hasAttributes && !announces && !mpReachUnparsed) {
      resetOnAnyErrorButDiscard();
    }
    if (announces) {
      requirePresent(AttributeType.ORIGIN);
      requirePresent(AttributeType.AS_PATH);
      if (!nlri.isEmpty()) {
        requirePresent(AttributeType.NEXT_HOP);
      }
    }
    boolean ipv4Disabled = disabled.contains(AfiSafi.IPV4_UNICAST);
    if (ipv4Disabled) {
      withdrawn = NlriList.EMPTY;
      nlri = NlriList.EMPTY;
    }
    boolean reach = reachFamily != null && !disabled.contains(reachFamily);
    boolean unreach = unreachFamily != null && !disabled.contains(unreachFamily);
    Update update;
    if (actions.contains(ErrorAction.TREAT_AS_WITHDRAW)) {
      update = withdrawAll(withdrawn, nlri, reach, unreach);
    } else {
      Optional<PathAttributes> attributes = Optional.empty();
      if (hasAttributes) {
        attributes = Optional.of(builder.nextHop(nlri.isEmpty() ? null : nextHop).build());
      }
      Optional<MpReach> mpReach = Optional.empty();
      if (reach) {
        PathAttributes reachAttributes =
            builder.nextHop(reachNextHop).linkLocalNextHop(reachLinkLocal).build();
        mpReach = Optional.of(new MpReach(reachFamily, reachAttributes, reachNlri));
      }
      Optional<MpUnreach> mpUnreach =
          unreach ? Optional.of(new MpUnreach(unreachFamily, unreachNlri)) : Optional.empty();
      update =
          new Update(
              withdrawn, attributes, nlri, mpReach, mpUnreach, ImmutableList.copyOf(otherFamilies));
    }
    return new DecodeResult(Optional.of(update), ImmutableList.copyOf(errors));
  }

  /** RFC 6793 section 4.2.3: AS4_PATH and AS4_AGGREGATOR from a 2-octet session. */
  private void mergeAs4() {
    boolean useAs4 =
        !context.fourOctetAs() && (aggregator == null || aggregator.asn() == AsPathCodec.AS_TRANS);
    if (useAs4 && aggregator != null && as4Aggregator != null) {
      builder.aggregator(as4Aggregator);
    }
    if (asPath != null) {
      builder.asPath(useAs4 && as4Path != null ? AsPathCodec.merge(asPath, as4Path) : asPath);
    }
  }

  private void requirePresent(AttributeType type) {
    int code = type.code();
    if (!isSeen(code)) {
      errors.add(
          new DecodeError(
              BgpError.MISSING_WELL_KNOWN_ATTRIBUTE,
              Octets.copyOf(new byte[] {(byte) code}),
              ErrorAction.TREAT_AS_WITHDRAW,
              Optional.empty(),
              type + " missing from an UPDATE with NLRI"));
      actions.add(ErrorAction.TREAT_AS_WITHDRAW);
    }
  }

  /** The UPDATE as RFC 7606 treat-as-withdraw sees it: every announced route withdrawn. */
  private Update withdrawAll(NlriList withdrawn, NlriList nlri, boolean reach, boolean unreach) {
    List<NlriList> ipv4 = new ArrayList<>(List.of(withdrawn, nlri));
    List<NlriList> ipv6 = new ArrayList<>();
    if (reach) {
      (reachFamily.equals(AfiSafi.IPV4_UNICAST) ? ipv4 : ipv6).add(reachNlri);
    }
    if (unreach) {
      (unreachFamily.equals(AfiSafi.IPV4_UNICAST) ? ipv4 : ipv6).add(unreachNlri);
    }
    Optional<MpUnreach> mpUnreach =
        ipv6.isEmpty()
            ? Optional.empty()
            : Optional.of(new MpUnreach(AfiSafi.IPV6_UNICAST, concat(ipv6)));
    // An UPDATE holds one MP_UNREACH_NLRI: when IPv6 routes are withdrawn in one, the opaque
    // withdrawals of a family this codec does not process (and no session uses) give way.
    ImmutableList<OpaqueAttribute> otherWithdrawals =
        otherFamilies.stream()
            .filter(a -> a.typeCode() == AttributeType.MP_UNREACH_NLRI.code())
            .filter(a -> mpUnreach.isEmpty())
            .collect(ImmutableList.toImmutableList());
    return new Update(
        concat(ipv4),
        Optional.empty(),
        NlriList.EMPTY,
        Optional.empty(),
        mpUnreach,
        otherWithdrawals);
  }

  private static NlriList concat(List<NlriList> lists) {
    int size = lists.stream().mapToInt(NlriList::size).sum();
    Prefix[] prefixes = new Prefix[size];
    int[] pathIds = new int[size];
    int n = 0;
    for (NlriList list : lists) {
      for (int i = 0; i < list.size(); i++, n++) {
        prefixes[n] = list.prefix(i);
        pathIds[n] = list.pathId(i);
      }
    }
    return NlriList.of(prefixes, pathIds);
  }

  private boolean isCached(int start, int length) {
    if (length != cachedLength || !context.equals(cachedContext)) {
      return false;
    }
    if (buffer.hasArray()) {
      int offset = buffer.arrayOffset() + start;
      return Arrays.equals(buffer.array(), offset, offset + length, cachedOctets, 0, length);
    }
    for (int i = 0; i < length; i++) {
      if (buffer.get(start + i) != cachedOctets[i]) {
        return false;
      }
    }
    return true;
  }

  private void remember(DecodeResult result, int start, int length) {
    cachedLength = -1;
    Update update = (Update) result.message().orElseThrow();
    if (!result.isClean()
        || update.nlri().isEmpty()
        || update.mpReach().isPresent()
        || update.mpUnreach().isPresent()
        || !update.otherFamilies().isEmpty()) {
      return;
    }
    if (cachedOctets.length < length) {
      cachedOctets = new byte[Math.max(length, cachedOctets.length * 2)];
    }
    buffer.get(start, cachedOctets, 0, length);
    cachedLength = length;
    cachedContext = context;
    cachedAttributes = update.attributes().orElseThrow();
  }

  // What the rows of the attribute table call.

  CodecContext context() {
    return context;
  }

  PathAttributes.Builder builder() {
    return builder;
  }

  AsPathCodec asPaths() {
    return asPaths;
  }

  NlriReader nlriReader() {
    return nlriReader;
  }

  /** The type code of the attribute being read. */
  int attributeType() {
    return attributeType;
  }

  void origin(Origin origin) {
    builder.origin(origin);
  }

  void asPath(AsPath path) {
    asPath = path;
  }

  void nextHop(IpAddress address) {
    nextHop = shared(address);
  }

  /**
   * {@code address}, or the equal next hop of an earlier UPDATE: a peer's UPDATEs mostly repeat one
   * next hop, and its attribute sets then share one object instead of holding one each.
   */
  private IpAddress shared(IpAddress address) {
    IpAddress previous = previousNextHop;
    if (address.equals(previous)) {
      return previous;
    }
    previousNextHop = address;
    return address;
  }

  void aggregator(Aggregator value) {
    aggregator = value;
    builder.aggregator(value);
  }

  void as4Path(AsPath path) {
    as4Path = path;
  }

  void as4Aggregator(Aggregator value) {
    as4Aggregator = value;
  }

  void mpReach(AfiSafi family, IpAddress nextHop, @Nullable IpAddress linkLocal, NlriList nlri) {
    reachFamily = family;
    reachNextHop = shared(nextHop);
    reachLinkLocal = linkLocal;
    reachNlri = nlri;
  }

  void mpUnreach(AfiSafi family, NlriList withdrawn) {
    unreachFamily = family;
    unreachNlri = withdrawn;
  }

  void otherFamily(OpaqueAttribute attribute) {
    otherFamilies.add(attribute);
  }

  /** Checks a fixed length, reporting an Attribute Length Error with the row's action. */
  boolean checkLength(int length, int expected) {
    if (length == expected) {
      return true;
    }
    malformed(
        BgpError.ATTRIBUTE_LENGTH_ERROR, "length " + length + " (expected: " + expected + ")");
    return false;
  }

  /** Checks a length that must be a non-zero multiple of {@code unit}. */
  boolean checkMultiple(int length, int unit) {
    if (length > 0 && length % unit == 0) {
      return true;
    }
    malformed(
        BgpError.ATTRIBUTE_LENGTH_ERROR,
        "length " + length + " (expected: a non-zero multiple of " + unit + ")");
    return false;
  }

  /** Reports the attribute being read as malformed, with the action of its row. */
  void malformed(BgpError error, String detail) {
    report(error, attributeAction, detail);
  }

  /** Reports the attribute being read as malformed, with {@code action}. */
  void malformed(BgpError error, ErrorAction action, String detail) {
    report(error, action, detail);
  }

  /**
   * Reports the attribute being read as discarded for a reason other than being malformed, as
   * UPDATE Message Error without a subcode (see {@link DecodeError#isMalformed}).
   */
  void discard(String detail) {
    report(BgpError.UPDATE_MESSAGE_ERROR, ErrorAction.ATTRIBUTE_DISCARD, detail);
  }

  /** Reports a multiprotocol attribute of {@code family} that cannot be parsed (RFC 4760 7). */
  void disable(AfiSafi family, String detail) {
    disabled.add(family);
    actions.add(ErrorAction.AFI_SAFI_DISABLE);
    errors.add(
        new DecodeError(
            BgpError.OPTIONAL_ATTRIBUTE_ERROR,
            attributeOctets(),
            ErrorAction.AFI_SAFI_DISABLE,
            Optional.of(family),
            detail));
  }

  /** The failure to throw for an error that resets the session. */
  DecodeFailure resetSession(BgpError error, String detail) {
    return new DecodeFailure(
        new DecodeError(
            error, dataFor(error), ErrorAction.SESSION_RESET, Optional.empty(), detail));
  }

  private void report(BgpError error, ErrorAction action, String detail) {
    actions.add(action);
    errors.add(new DecodeError(error, dataFor(error), action, Optional.empty(), detail));
  }

  /** The NOTIFICATION data of RFC 4271 section 6.3: the attribute, for the errors that take it. */
  private Octets dataFor(BgpError error) {
    if (error.equals(BgpError.MALFORMED_ATTRIBUTE_LIST)
        || error.equals(BgpError.INVALID_NETWORK_FIELD)
        || error.equals(BgpError.MALFORMED_AS_PATH)) {
      return Octets.EMPTY;
    }
    return attributeOctets();
  }

  private Octets attributeOctets() {
    byte[] octets = new byte[attributeEnd - attributeStart];
    buffer.get(attributeStart, octets);
    return Octets.copyOf(octets);
  }
}
