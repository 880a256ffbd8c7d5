package io.github.routeserver.core.route;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.MoreObjects;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import io.github.routeserver.core.net.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The path attributes of a route (RFC 4271 section 5 and the RFCs of each attribute), immutable and
 * interned: every {@link Builder#build()} of an equal set returns the same object, so the thousands
 * of routes that share a set share one object, and {@code ==} is equality. Interning is weak: a set
 * that no route holds any more is garbage-collected.
 *
 * <p>What is held: ORIGIN, AS_PATH (already merged with AS4_PATH by the codec), NEXT_HOP (an IPv4
 * or IPv6 global address, plus an IPv6 link-local one), MULTI_EXIT_DISC, LOCAL_PREF,
 * ATOMIC_AGGREGATE, AGGREGATOR, ORIGINATOR_ID, CLUSTER_LIST, COMMUNITIES, EXTENDED_COMMUNITIES,
 * LARGE_COMMUNITY, ONLY_TO_CUSTOMER (RFC 9234), and any other attribute kept opaque. Communities of
 * each kind keep the order they arrived in; equality is order-sensitive.
 *
 * <p>Collections are stored as primitive arrays; the accessors that return lists build them on
 * demand, and the {@code has...} methods test membership without allocating.
 */
public final class PathAttributes {
  private static final Interner<PathAttributes> INTERNER = Interners.newWeakInterner();
  private static final int[] NO_INTS = new int[0];
  private static final long[] NO_LONGS = new long[0];
  private static final OpaqueAttribute[] NO_OPAQUE = new OpaqueAttribute[0];

  private static final int HAS_MED = 1;
  private static final int HAS_LOCAL_PREF = 2;
  private static final int ATOMIC_AGGREGATE = 4;
  private static final int HAS_ORIGINATOR_ID = 8;
  private static final int HAS_OTC = 16;

  private final byte origin;
  private final byte flags;
  private final int med;
  private final int localPref;
  private final int hash;
  private final AsPath asPath;
  private final @Nullable IpAddress nextHop;
  private final int[] communities;
  // Whether a COMMUNITIES value is in the well-known range (RFC 1997: 0xFFFF0000 to 0xFFFFFFFF).
  // Derived from communities, so not part of equality. Every export asks for NO_ADVERTISE and
  // NO_EXPORT, also of the route a withdrawal replaces; most sets answer from this field without
  // reading the array, which a withdrawal never needs otherwise.
  private final boolean wellKnownCommunities;
  // Attributes most routes lack, kept out of line so that a typical set stays at 48 bytes.
  private final @Nullable Rare rare;

  private PathAttributes(Builder b) {
    this.origin = (byte) b.origin.code();
    this.flags = (byte) b.flags;
    this.med = b.med;
    this.localPref = b.localPref;
    this.asPath = b.asPath;
    this.nextHop = b.nextHop;
    this.communities = b.communities;
    this.wellKnownCommunities = anyWellKnown(communities);
    this.rare = b.hasRare() ? b.rare() : null;
    int h = ((origin * 31 + flags) * 31 + med) * 31 + localPref;
    h = (h * 31 + asPath.hashCode()) * 31 + Objects.hashCode(nextHop);
    h = h * 31 + Objects.hashCode(this.rare);
    this.hash = 31 * h + Arrays.hashCode(communities);
  }

  private static boolean anyWellKnown(int[] communities) {
    for (int c : communities) {
      if (isWellKnown(c)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a COMMUNITIES value is in RFC 1997's well-known range. */
  private static boolean isWellKnown(int community) {
    return community >>> 16 == 0xFFFF;
  }

  private Rare rare() {
    return rare == null ? Rare.NONE : rare;
  }

  /** A new builder: ORIGIN IGP, empty AS_PATH, nothing else set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this set. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** ORIGIN. */
  public Origin origin() {
    return Origin.ofCode(origin);
  }

  /** AS_PATH (empty when the route was originated by an iBGP peer or by us). */
  public AsPath asPath() {
    return asPath;
  }

  /**
   * NEXT_HOP, or the global next hop of MP_REACH_NLRI; empty only on attribute sets under
   * construction by policies.
   */
  public Optional<IpAddress> nextHop() {
    return Optional.ofNullable(nextHop);
  }

  /** The IPv6 link-local next hop of MP_REACH_NLRI (RFC 2545), if one was sent. */
  public Optional<IpAddress> linkLocalNextHop() {
    return Optional.ofNullable(rare().linkLocalNextHop);
  }

  /** MULTI_EXIT_DISC (unsigned 32-bit), if present. */
  public OptionalLong med() {
    return (flags & HAS_MED) != 0
        ? OptionalLong.of(Integer.toUnsignedLong(med))
        : OptionalLong.empty();
  }

  /** LOCAL_PREF (unsigned 32-bit), if present. */
  public OptionalLong localPref() {
    return (flags & HAS_LOCAL_PREF) != 0
        ? OptionalLong.of(Integer.toUnsignedLong(localPref))
        : OptionalLong.empty();
  }

  /** Whether ATOMIC_AGGREGATE is present. */
  public boolean atomicAggregate() {
    return (flags & ATOMIC_AGGREGATE) != 0;
  }

  /** AGGREGATOR, if present. */
  public Optional<Aggregator> aggregator() {
    return Optional.ofNullable(rare().aggregator);
  }

  /** ORIGINATOR_ID (RFC 4456), if present. */
  public Optional<IpAddress> originatorId() {
    return (flags & HAS_ORIGINATOR_ID) != 0
        ? Optional.of(IpAddress.ofIpv4(rare().originatorId))
        : Optional.empty();
  }

  /** CLUSTER_LIST (RFC 4456), nearest reflector first. */
  public ImmutableList<IpAddress> clusterList() {
    int[] clusterList = rare().clusterList;
    ImmutableList.Builder<IpAddress> list =
        ImmutableList.builderWithExpectedSize(clusterList.length);
    for (int id : clusterList) {
      list.add(IpAddress.ofIpv4(id));
    }
    return list.build();
  }

  /** The number of entries in CLUSTER_LIST. */
  public int clusterListLength() {
    return rare().clusterList.length;
  }

  /** COMMUNITIES in the order received. */
  public ImmutableList<Community> communities() {
    ImmutableList.Builder<Community> list =
        ImmutableList.builderWithExpectedSize(communities.length);
    for (int c : communities) {
      list.add(new Community(c));
    }
    return list.build();
  }

  /** Whether COMMUNITIES holds {@code community}. */
  public boolean hasCommunity(Community community) {
    if (isWellKnown(community.value()) && !wellKnownCommunities) {
      return false;
    }
    for (int c : communities) {
      if (c == community.value()) {
        return true;
      }
    }
    return false;
  }

  /** The number of COMMUNITIES values. */
  public int communityCount() {
    return communities.length;
  }

  /**
   * The COMMUNITIES value at {@code index} in the order received; with {@link #communityCount()} it
   * walks the values without building a list.
   */
  public Community communityAt(int index) {
    return new Community(communities[index]);
  }

  /** EXTENDED_COMMUNITIES in the order received. */
  public ImmutableList<ExtendedCommunity> extendedCommunities() {
    long[] extendedCommunities = rare().extendedCommunities;
    ImmutableList.Builder<ExtendedCommunity> list =
        ImmutableList.builderWithExpectedSize(extendedCommunities.length);
    for (long c : extendedCommunities) {
      list.add(new ExtendedCommunity(c));
    }
    return list.build();
  }

  /** Whether EXTENDED_COMMUNITIES holds {@code community}. */
  public boolean hasExtendedCommunity(ExtendedCommunity community) {
    for (long c : rare().extendedCommunities) {
      if (c == community.value()) {
        return true;
      }
    }
    return false;
  }

  /** The number of EXTENDED_COMMUNITIES values. */
  public int extendedCommunityCount() {
    return rare().extendedCommunities.length;
  }

  /** The EXTENDED_COMMUNITIES value at {@code index} in the order received. */
  public ExtendedCommunity extendedCommunityAt(int index) {
    return new ExtendedCommunity(rare().extendedCommunities[index]);
  }

  /** LARGE_COMMUNITY values in the order received. */
  public ImmutableList<LargeCommunity> largeCommunities() {
    int[] largeCommunities = rare().largeCommunities;
    ImmutableList.Builder<LargeCommunity> list =
        ImmutableList.builderWithExpectedSize(largeCommunities.length / 3);
    for (int i = 0; i < largeCommunities.length; i += 3) {
      list.add(
          new LargeCommunity(
              largeCommunities[i], largeCommunities[i + 1], largeCommunities[i + 2]));
    }
    return list.build();
  }

  /** Whether LARGE_COMMUNITY holds {@code community}. */
  public boolean hasLargeCommunity(LargeCommunity community) {
    int[] largeCommunities = rare().largeCommunities;
    for (int i = 0; i < largeCommunities.length; i += 3) {
      if (largeCommunities[i] == community.global()
          && largeCommunities[i + 1] == community.local1()
          && largeCommunities[i + 2] == community.local2()) {
        return true;
      }
    }
    return false;
  }

  /** The number of LARGE_COMMUNITY values. */
  public int largeCommunityCount() {
    return rare().largeCommunities.length / 3;
  }

  /** The LARGE_COMMUNITY value at {@code index} in the order received. */
  public LargeCommunity largeCommunityAt(int index) {
    int[] largeCommunities = rare().largeCommunities;
    return new LargeCommunity(
        largeCommunities[3 * index],
        largeCommunities[3 * index + 1],
        largeCommunities[3 * index + 2]);
  }

  /** ONLY_TO_CUSTOMER (RFC 9234): the AS that marked the route, if present. */
  public OptionalLong onlyToCustomer() {
    return (flags & HAS_OTC) != 0
        ? OptionalLong.of(Integer.toUnsignedLong(rare().otc))
        : OptionalLong.empty();
  }

  /** Attributes kept opaque, ordered by type code. */
  public ImmutableList<OpaqueAttribute> opaqueAttributes() {
    return ImmutableList.copyOf(rare().opaque);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof PathAttributes a
        && a.hash == hash
        && a.origin == origin
        && a.flags == flags
        && a.med == med
        && a.localPref == localPref
        && a.asPath.equals(asPath)
        && Objects.equals(a.nextHop, nextHop)
        && Arrays.equals(a.communities, communities)
        && Objects.equals(a.rare, rare);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    MoreObjects.ToStringHelper s = MoreObjects.toStringHelper("PathAttributes").omitNullValues();
    s.add("origin", origin()).add("asPath", "[" + asPath + "]").add("nextHop", nextHop);
    s.add("linkLocalNextHop", rare().linkLocalNextHop);
    med().ifPresent(v -> s.add("med", v));
    localPref().ifPresent(v -> s.add("localPref", v));
    if (atomicAggregate()) {
      s.add("atomicAggregate", true);
    }
    s.add("aggregator", rare().aggregator);
    originatorId().ifPresent(v -> s.add("originatorId", v));
    if (clusterListLength() > 0) {
      s.add("clusterList", clusterList());
    }
    if (communities.length > 0) {
      s.add("communities", communities());
    }
    if (rare().extendedCommunities.length > 0) {
      s.add("extendedCommunities", extendedCommunities());
    }
    if (rare().largeCommunities.length > 0) {
      s.add("largeCommunities", largeCommunities());
    }
    onlyToCustomer().ifPresent(v -> s.add("onlyToCustomer", v));
    if (rare().opaque.length > 0) {
      s.add("opaque", Arrays.toString(rare().opaque));
    }
    return s.toString();
  }

  /**
   * Builds attribute sets; {@link #build()} returns the interned instance. Not thread-safe.
   * Defaults: ORIGIN IGP, empty AS_PATH, everything else absent.
   */
  public static final class Builder {
    private Origin origin = Origin.IGP;
    private int flags;
    private int med;
    private int localPref;
    private int originatorId;
    private int otc;
    private AsPath asPath = AsPath.EMPTY;
    private @Nullable IpAddress nextHop;
    private @Nullable IpAddress linkLocalNextHop;
    private @Nullable Aggregator aggregator;
    private int[] clusterList = NO_INTS;
    private int[] communities = NO_INTS;
    private long[] extendedCommunities = NO_LONGS;
    private int[] largeCommunities = NO_INTS;

    /** Opaque attributes by type code; null while there are none, as in most sets decoded. */
    private @Nullable TreeMap<Integer, OpaqueAttribute> opaque;

    private Builder() {}

    private Builder(PathAttributes a) {
      origin = a.origin();
      flags = a.flags;
      med = a.med;
      localPref = a.localPref;
      asPath = a.asPath;
      nextHop = a.nextHop;
      communities = a.communities;
      Rare rare = a.rare();
      originatorId = rare.originatorId;
      otc = rare.otc;
      linkLocalNextHop = rare.linkLocalNextHop;
      aggregator = rare.aggregator;
      clusterList = rare.clusterList;
      extendedCommunities = rare.extendedCommunities;
      largeCommunities = rare.largeCommunities;
      for (OpaqueAttribute attribute : rare.opaque) {
        opaque(attribute);
      }
    }

    /** Sets ORIGIN. */
    public Builder origin(Origin origin) {
      this.origin = origin;
      return this;
    }

    /** Sets AS_PATH. */
    public Builder asPath(AsPath asPath) {
      this.asPath = asPath;
      return this;
    }

    /** Sets the next hop (null removes it). */
    public Builder nextHop(@Nullable IpAddress nextHop) {
      this.nextHop = nextHop;
      return this;
    }

    /** Sets the IPv6 link-local next hop (null removes it). */
    public Builder linkLocalNextHop(@Nullable IpAddress linkLocalNextHop) {
      checkArgument(
          linkLocalNextHop == null || linkLocalNextHop.isIpv6(),
          "linkLocalNextHop: %s (expected: an IPv6 address)",
          linkLocalNextHop);
      this.linkLocalNextHop = linkLocalNextHop;
      return this;
    }

    /** Sets MULTI_EXIT_DISC, 0 to 4294967295. */
    public Builder med(long med) {
      this.med = unsigned32(med, "med");
      flags |= HAS_MED;
      return this;
    }

    /** Removes MULTI_EXIT_DISC. */
    public Builder clearMed() {
      med = 0;
      flags &= ~HAS_MED;
      return this;
    }

    /** Sets LOCAL_PREF, 0 to 4294967295. */
    public Builder localPref(long localPref) {
      this.localPref = unsigned32(localPref, "localPref");
      flags |= HAS_LOCAL_PREF;
      return this;
    }

    /** Removes LOCAL_PREF. */
    public Builder clearLocalPref() {
      localPref = 0;
      flags &= ~HAS_LOCAL_PREF;
      return this;
    }

    /** Sets or removes ATOMIC_AGGREGATE. */
    public Builder atomicAggregate(boolean atomicAggregate) {
      flags = atomicAggregate ? flags | ATOMIC_AGGREGATE : flags & ~ATOMIC_AGGREGATE;
      return this;
    }

    /** Sets AGGREGATOR (null removes it). */
    public Builder aggregator(@Nullable Aggregator aggregator) {
      this.aggregator = aggregator;
      return this;
    }

    /** Sets ORIGINATOR_ID, an IPv4 address (null removes it). */
    public Builder originatorId(@Nullable IpAddress originatorId) {
      if (originatorId == null) {
        this.originatorId = 0;
        flags &= ~HAS_ORIGINATOR_ID;
      } else {
        this.originatorId = originatorId.toIpv4Bits();
        flags |= HAS_ORIGINATOR_ID;
      }
      return this;
    }

    /** Sets CLUSTER_LIST, nearest reflector first. */
    public Builder clusterList(Iterable<IpAddress> clusterIds) {
      List<IpAddress> ids = new ArrayList<>();
      clusterIds.forEach(ids::add);
      int[] values = new int[ids.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = ids.get(i).toIpv4Bits();
      }
      this.clusterList = values.length == 0 ? NO_INTS : values;
      return this;
    }

    /** Sets COMMUNITIES, in order. */
    public Builder communities(Iterable<Community> communities) {
      List<Community> list = new ArrayList<>();
      communities.forEach(list::add);
      int[] values = new int[list.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = list.get(i).value();
      }
      return communityValues(values);
    }

    /** Sets COMMUNITIES from their 32-bit values, in order (the array is copied). */
    public Builder communityValues(int[] values) {
      this.communities = values.length == 0 ? NO_INTS : values.clone();
      return this;
    }

    /** Adds {@code community} to COMMUNITIES unless it is there already. */
    public Builder addCommunity(Community community) {
      for (int c : communities) {
        if (c == community.value()) {
          return this;
        }
      }
      int[] values = Arrays.copyOf(communities, communities.length + 1);
      values[communities.length] = community.value();
      communities = values;
      return this;
    }

    /** Removes every occurrence of {@code community} from COMMUNITIES. */
    public Builder removeCommunity(Community community) {
      int[] values = Arrays.stream(communities).filter(c -> c != community.value()).toArray();
      communities = values.length == 0 ? NO_INTS : values;
      return this;
    }

    /** Sets EXTENDED_COMMUNITIES, in order. */
    public Builder extendedCommunities(Iterable<ExtendedCommunity> communities) {
      List<ExtendedCommunity> list = new ArrayList<>();
      communities.forEach(list::add);
      return extendedCommunityValues(list.stream().mapToLong(ExtendedCommunity::value).toArray());
    }

    /** Sets EXTENDED_COMMUNITIES from their 64-bit values, in order (the array is copied). */
    public Builder extendedCommunityValues(long[] values) {
      this.extendedCommunities = values.length == 0 ? NO_LONGS : values.clone();
      return this;
    }

    /** Sets LARGE_COMMUNITY, in order. */
    public Builder largeCommunities(Iterable<LargeCommunity> communities) {
      List<LargeCommunity> list = new ArrayList<>();
      communities.forEach(list::add);
      int[] values = new int[list.size() * 3];
      for (int i = 0; i < list.size(); i++) {
        values[3 * i] = list.get(i).global();
        values[3 * i + 1] = list.get(i).local1();
        values[3 * i + 2] = list.get(i).local2();
      }
      return largeCommunityValues(values);
    }

    /**
     * Sets LARGE_COMMUNITY from the flat array {@code global, local1, local2, global, ...} (the
     * array is copied).
     */
    public Builder largeCommunityValues(int[] values) {
      checkArgument(
          values.length % 3 == 0, "values: %s ints (expected: a multiple of 3)", values.length);
      this.largeCommunities = values.length == 0 ? NO_INTS : values.clone();
      return this;
    }

    /** Sets ONLY_TO_CUSTOMER to {@code asn} (RFC 9234). */
    public Builder onlyToCustomer(long asn) {
      this.otc = unsigned32(asn, "onlyToCustomer");
      flags |= HAS_OTC;
      return this;
    }

    /** Removes ONLY_TO_CUSTOMER. */
    public Builder clearOnlyToCustomer() {
      otc = 0;
      flags &= ~HAS_OTC;
      return this;
    }

    /** Adds an opaque attribute, replacing any other opaque attribute of its type code. */
    public Builder opaque(OpaqueAttribute attribute) {
      if (opaque == null) {
        opaque = new TreeMap<>();
      }
      opaque.put(attribute.typeCode(), attribute);
      return this;
    }

    /** Removes every opaque attribute. */
    public Builder clearOpaque() {
      opaque = null;
      return this;
    }

    /** Whether any attribute kept in {@link Rare} is set. */
    private boolean hasRare() {
      return linkLocalNextHop != null
          || aggregator != null
          || originatorId != 0
          || otc != 0
          || clusterList.length > 0
          || extendedCommunities.length > 0
          || largeCommunities.length > 0
          || opaque != null;
    }

    private Rare rare() {
      return new Rare(
          linkLocalNextHop,
          aggregator,
          originatorId,
          otc,
          clusterList,
          extendedCommunities,
          largeCommunities,
          opaque == null ? NO_OPAQUE : opaque.values().toArray(NO_OPAQUE));
    }

    /** The interned attribute set. */
    public PathAttributes build() {
      return INTERNER.intern(new PathAttributes(this));
    }

    private static int unsigned32(long value, String name) {
      checkArgument(
          value >= 0 && value <= 0xFFFF_FFFFL, "%s: %s (expected: 0 to 4294967295)", name, value);
      return (int) value;
    }
  }

  /** The attributes few routes carry; {@link #NONE} when a set has none of them. */
  private record Rare(
      @Nullable IpAddress linkLocalNextHop,
      @Nullable Aggregator aggregator,
      int originatorId,
      int otc,
      int[] clusterList,
      long[] extendedCommunities,
      int[] largeCommunities,
      OpaqueAttribute[] opaque) {
    static final Rare NONE = new Rare(null, null, 0, 0, NO_INTS, NO_LONGS, NO_INTS, NO_OPAQUE);

    @Override
    public boolean equals(Object o) {
      return o instanceof Rare r
          && r.originatorId == originatorId
          && r.otc == otc
          && Objects.equals(r.linkLocalNextHop, linkLocalNextHop)
          && Objects.equals(r.aggregator, aggregator)
          && Arrays.equals(r.clusterList, clusterList)
          && Arrays.equals(r.extendedCommunities, extendedCommunities)
          && Arrays.equals(r.largeCommunities, largeCommunities)
          && Arrays.equals(r.opaque, opaque);
    }

    @Override
    public int hashCode() {
      int h = Objects.hash(linkLocalNextHop, aggregator, originatorId, otc);
      h = 31 * h + Arrays.hashCode(clusterList);
      h = 31 * h + Arrays.hashCode(extendedCommunities);
      h = 31 * h + Arrays.hashCode(largeCommunities);
      return 31 * h + Arrays.hashCode(opaque);
    }
  }
}
