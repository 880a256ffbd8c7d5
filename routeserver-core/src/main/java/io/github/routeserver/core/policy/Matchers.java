package io.github.routeserver.core.policy;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.PeerId;
import io.github.routeserver.core.route.Route;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The built-in {@link RouteMatcher}s. Each is an immutable value with {@code equals} and a {@code
 * toString} that reads like configuration; none allocates when it matches, except AS-path patterns
 * that need a regular expression (see {@link AsPathPattern}).
 *
 * <p>Matchers on the peer a route goes to ({@code to...}) are false on import, where there is no
 * such peer.
 */
public final class Matchers {
  private Matchers() {}

  /** Which peer of the context a peer matcher looks at. */
  enum Side {
    FROM,
    TO;

    @Nullable PeerInfo peer(PolicyContext context) {
      return this == FROM ? context.from() : context.toOrNull();
    }

    @Override
    public String toString() {
      return this == FROM ? "from" : "to";
    }
  }

  // ---- constants and combinators ----

  /** Matches every route. */
  public static RouteMatcher always() {
    return Constant.ALWAYS;
  }

  /** Matches no route. */
  public static RouteMatcher never() {
    return Constant.NEVER;
  }

  /** Matches when every one of {@code matchers} does (and), tested in order; always when none. */
  public static RouteMatcher all(RouteMatcher... matchers) {
    return matchers.length == 1 ? matchers[0] : new All(ImmutableList.copyOf(matchers));
  }

  /** Matches when every one of {@code matchers} does. */
  public static RouteMatcher all(List<? extends RouteMatcher> matchers) {
    return all(matchers.toArray(new RouteMatcher[0]));
  }

  /** Matches when any of {@code matchers} does (or), tested in order; never when none. */
  public static RouteMatcher any(RouteMatcher... matchers) {
    return matchers.length == 1 ? matchers[0] : new Any(ImmutableList.copyOf(matchers));
  }

  /** Matches when any of {@code matchers} does. */
  public static RouteMatcher any(List<? extends RouteMatcher> matchers) {
    return any(matchers.toArray(new RouteMatcher[0]));
  }

  /** Matches when {@code matcher} does not; {@code not(not(m))} is {@code m} itself. */
  public static RouteMatcher not(RouteMatcher matcher) {
    return matcher instanceof Not n ? n.matcher() : new Not(matcher);
  }

  // ---- prefix, AS path, communities, next hop ----

  /** Matches routes whose prefix is in {@code set} (ge/le ranges, both families). */
  public static RouteMatcher prefixIn(PrefixSet set) {
    return new PrefixIn(set);
  }

  /**
   * Matches routes whose AS_PATH matches any of {@code patterns} in the router dialect of {@link
   * AsPathPattern}, for example {@code asPath("_65001_")} or {@code asPath("^65001$", "^65002_")}.
   */
  public static RouteMatcher asPath(String... patterns) {
    checkArgument(patterns.length > 0, "patterns: none (expected: at least one)");
    return new AsPathMatches(
        Arrays.stream(patterns)
            .map(AsPathPattern::compile)
            .collect(ImmutableList.toImmutableList()));
  }

  /** Matches routes whose AS_PATH holds {@code asn} in any segment. */
  public static RouteMatcher asPathContains(long asn) {
    return asPath("_" + asn + "_");
  }

  /**
   * Matches routes whose origin AS (the last AS of a path ending in a sequence) is in {@code asns}.
   */
  public static RouteMatcher originAs(AsnSet asns) {
    return new OriginAs(asns);
  }

  /**
   * Matches routes whose neighbour AS (the first AS of a path starting with a sequence, RFC 4271
   * 9.1.2.2 c) is in {@code asns}.
   */
  public static RouteMatcher neighborAs(AsnSet asns) {
    return new NeighborAs(asns);
  }

  /**
   * Matches routes whose AS_PATH length, counted as RFC 4271 9.1.2.2 a counts it (a set counts one,
   * confederation segments zero), is from {@code min} to {@code max}.
   */
  public static RouteMatcher asPathLength(int min, int max) {
    checkArgument(
        0 <= min && min <= max, "asPathLength: %s..%s (expected: 0 <= min <= max)", min, max);
    return new AsPathLength(min, max);
  }

  /** Matches routes that carry any community matching any member of {@code set}. */
  public static RouteMatcher communityAny(CommunitySet set) {
    return new CommunityMatch(set, false);
  }

  /** Matches routes that carry, for every member of {@code set}, a community matching it. */
  public static RouteMatcher communityAll(CommunitySet set) {
    return new CommunityMatch(set, true);
  }

  /** Matches routes whose NEXT_HOP lies inside any of {@code prefixes}. */
  public static RouteMatcher nextHopIn(Prefix... prefixes) {
    return new NextHopIn(ImmutableList.copyOf(prefixes));
  }

  /** Matches routes whose NEXT_HOP is {@code address}. */
  public static RouteMatcher nextHop(IpAddress address) {
    return nextHopIn(Prefix.of(address, address.family().bits()));
  }

  /**
   * Matches routes whose origin validation state against {@code table} is one of {@code states}.
   */
  public static RouteMatcher originValidation(
      RoaTable table, RoaTable.ValidationState first, RoaTable.ValidationState... rest) {
    return new OriginValidation(table, Sets.immutableEnumSet(first, rest));
  }

  /** Matches routes that carry ONLY_TO_CUSTOMER (RFC 9234 section 5). */
  public static RouteMatcher hasOnlyToCustomer() {
    return OnlyToCustomer.PRESENT;
  }

  /** Matches routes whose ONLY_TO_CUSTOMER equals the AS of the peer they came from. */
  public static RouteMatcher onlyToCustomerIsFromAs() {
    return OnlyToCustomer.EQUALS_FROM_AS;
  }

  // ---- context: peers, direction, session ----

  /** Matches routes learned from any of {@code peers}. */
  public static RouteMatcher fromPeer(PeerId... peers) {
    return new PeerIdIn(Side.FROM, ImmutableSet.copyOf(peers));
  }

  /** Matches routes exported to any of {@code peers}; never on import. */
  public static RouteMatcher toPeer(PeerId... peers) {
    return new PeerIdIn(Side.TO, ImmutableSet.copyOf(peers));
  }

  /** Matches routes learned from a peer in {@code group}. */
  public static RouteMatcher fromGroup(String group) {
    return new PeerInGroup(Side.FROM, group);
  }

  /** Matches routes exported to a peer in {@code group}; never on import. */
  public static RouteMatcher toGroup(String group) {
    return new PeerInGroup(Side.TO, group);
  }

  /** Matches routes learned from a peer whose AS is in {@code asns}. */
  public static RouteMatcher fromAs(AsnSet asns) {
    return new PeerAsIn(Side.FROM, asns);
  }

  /** Matches routes exported to a peer whose AS is in {@code asns}; never on import. */
  public static RouteMatcher toAs(AsnSet asns) {
    return new PeerAsIn(Side.TO, asns);
  }

  /** Matches routes learned from a peer with one of the RFC 9234 roles given. */
  public static RouteMatcher fromRole(Role first, Role... rest) {
    return new PeerRoleIn(Side.FROM, Sets.immutableEnumSet(first, rest));
  }

  /** Matches routes exported to a peer with one of the RFC 9234 roles given; never on import. */
  public static RouteMatcher toRole(Role first, Role... rest) {
    return new PeerRoleIn(Side.TO, Sets.immutableEnumSet(first, rest));
  }

  /** Matches in one direction only. */
  public static RouteMatcher direction(Direction direction) {
    return direction == Direction.IMPORT ? Constant.IMPORT : Constant.EXPORT;
  }

  /** Matches when the session is external (eBGP): the session peer's AS is not ours. */
  public static RouteMatcher externalSession() {
    return Constant.EXTERNAL;
  }

  // ---- implementations ----

  /** Matchers that depend on nothing but the context's shape, or on nothing at all. */
  enum Constant implements RouteMatcher {
    ALWAYS("always"),
    NEVER("never"),
    IMPORT("direction import"),
    EXPORT("direction export"),
    EXTERNAL("external session");

    private final String text;

    Constant(String text) {
      this.text = text;
    }

    @Override
    public boolean matches(Route route, PolicyContext context) {
      return switch (this) {
        case ALWAYS -> true;
        case NEVER -> false;
        case IMPORT -> context.direction() == Direction.IMPORT;
        case EXPORT -> context.direction() == Direction.EXPORT;
        case EXTERNAL -> context.isExternalSession();
      };
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** A matcher built of other matchers, whose parts a trace can show one by one. */
  interface Composite extends RouteMatcher {
    ImmutableList<RouteMatcher> parts();
  }

  record All(ImmutableList<RouteMatcher> parts) implements Composite {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      for (int i = 0; i < parts.size(); i++) {
        if (!parts.get(i).matches(route, context)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return parts.isEmpty() ? "always" : join(parts, " and ");
    }
  }

  record Any(ImmutableList<RouteMatcher> parts) implements Composite {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      for (int i = 0; i < parts.size(); i++) {
        if (parts.get(i).matches(route, context)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return parts.isEmpty() ? "never" : join(parts, " or ");
    }
  }

  private static String join(List<RouteMatcher> parts, String operator) {
    return parts.stream().map(Object::toString).collect(Collectors.joining(operator, "(", ")"));
  }

  record Not(RouteMatcher matcher) implements Composite {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      return !matcher.matches(route, context);
    }

    @Override
    public ImmutableList<RouteMatcher> parts() {
      return ImmutableList.of(matcher);
    }

    @Override
    public String toString() {
      return "not " + matcher;
    }
  }

  record PrefixIn(PrefixSet set) implements RouteMatcher {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      return set.contains(route.prefix());
    }

    @Override
    public String toString() {
      return "prefix in " + set.name();
    }
  }

  record AsPathMatches(ImmutableList<AsPathPattern> patterns) implements RouteMatcher {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      for (int i = 0; i < patterns.size(); i++) {
        if (patterns.get(i).matches(route.attributes().asPath())) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return "as-path ~ "
          + (patterns.size() == 1 ? patterns.get(0).toString() : "any of " + patterns);
    }
  }

  record OriginAs(AsnSet asns) implements RouteMatcher {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      return in(route.attributes().asPath().originAs(), asns);
    }

    @Override
    public String toString() {
      return "origin-as in " + asns;
    }
  }

  record NeighborAs(AsnSet asns) implements RouteMatcher {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      return in(route.attributes().asPath().neighborAs(), asns);
    }

    @Override
    public String toString() {
      return "neighbor-as in " + asns;
    }
  }

  private static boolean in(OptionalLong asn, AsnSet asns) {
    return asn.isPresent() && asns.contains(asn.getAsLong());
  }

  record AsPathLength(int min, int max) implements RouteMatcher {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      int length = route.attributes().asPath().length();
      return length >= min && length <= max;
    }

    @Override
    public String toString() {
      return "as-path length " + min + ".." + max;
    }
  }

  record CommunityMatch(CommunitySet set, boolean all) implements RouteMatcher {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      return all ? set.matchesAll(route.attributes()) : set.matchesAny(route.attributes());
    }

    @Override
    public String toString() {
      return "community " + (all ? "all" : "any") + " of " + set;
    }
  }

  record NextHopIn(ImmutableList<Prefix> prefixes) implements RouteMatcher {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      Optional<IpAddress> nextHop = route.attributes().nextHop();
      if (nextHop.isEmpty()) {
        return false;
      }
      for (int i = 0; i < prefixes.size(); i++) {
        if (prefixes.get(i).contains(nextHop.get())) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return "next-hop in " + prefixes;
    }
  }

  record OriginValidation(RoaTable table, ImmutableSet<RoaTable.ValidationState> states)
      implements RouteMatcher {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      return states.contains(table.validate(route.prefix(), route.attributes().asPath()));
    }

    @Override
    public String toString() {
      return "origin validation against " + table.name() + " in " + states;
    }
  }

  enum OnlyToCustomer implements RouteMatcher {
    PRESENT("has only-to-customer"),
    EQUALS_FROM_AS("only-to-customer = from AS");

    private final String text;

    OnlyToCustomer(String text) {
      this.text = text;
    }

    @Override
    public boolean matches(Route route, PolicyContext context) {
      OptionalLong otc = route.attributes().onlyToCustomer();
      return otc.isPresent() && (this == PRESENT || otc.getAsLong() == context.from().asn());
    }

    @Override
    public String toString() {
      return text;
    }
  }

  record PeerIdIn(Side side, ImmutableSet<PeerId> peers) implements RouteMatcher {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      PeerInfo peer = side.peer(context);
      return peer != null && peers.contains(peer.id());
    }

    @Override
    public String toString() {
      return side + " peer in " + peers;
    }
  }

  record PeerInGroup(Side side, String group) implements RouteMatcher {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      PeerInfo peer = side.peer(context);
      return peer != null && peer.inGroup(group);
    }

    @Override
    public String toString() {
      return side + " group " + group;
    }
  }

  record PeerAsIn(Side side, AsnSet asns) implements RouteMatcher {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      PeerInfo peer = side.peer(context);
      return peer != null && asns.contains(peer.asn());
    }

    @Override
    public String toString() {
      return side + " AS in " + asns;
    }
  }

  record PeerRoleIn(Side side, ImmutableSet<Role> roles) implements RouteMatcher {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      PeerInfo peer = side.peer(context);
      return peer != null && peer.role().isPresent() && roles.contains(peer.role().get());
    }

    @Override
    public String toString() {
      return side + " role in " + roles;
    }
  }

  record Predicate(String description, BiPredicate<Route, PolicyContext> predicate)
      implements RouteMatcher {
    @Override
    public boolean matches(Route route, PolicyContext context) {
      return predicate.test(route, context);
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
