package io.github.routeserver.core.policy;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.routeserver.core.net.IpAddress;
import io.github.routeserver.core.route.AsPath;
import io.github.routeserver.core.route.AsPathSegment;
import io.github.routeserver.core.route.PathAttributes;
import io.github.routeserver.core.route.Route;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.LongPredicate;

/**
 * The built-in {@link RouteAction}s. Each is an immutable value with {@code equals} and a readable
 * {@code toString}, and returns the attributes it was given (the same object) when it would change
 * nothing.
 */
public final class Actions {
  private Actions() {}

  /** Sets LOCAL_PREF (RFC 4271 section 5.1.5) to {@code value}, 0 to 4294967295. */
  public static RouteAction setLocalPref(long value) {
    checkUnsigned32(value, "localPref");
    return new SetLocalPref(value);
  }

  /** Sets MULTI_EXIT_DISC (RFC 4271 section 5.1.4) to {@code value}, 0 to 4294967295. */
  public static RouteAction setMed(long value) {
    checkUnsigned32(value, "med");
    return new SetMed(value);
  }

  /** Prepends our own AS ({@link PolicyContext#localAsn()}) {@code times} times to AS_PATH. */
  public static RouteAction prepend(int times) {
    checkTimes(times);
    return new Prepend(OptionalLong.empty(), times);
  }

  /** Prepends {@code asn} {@code times} times to AS_PATH. */
  public static RouteAction prepend(long asn, int times) {
    checkUnsigned32(asn, "asn");
    checkTimes(times);
    return new Prepend(OptionalLong.of(asn), times);
  }

  /** Makes the route's communities of all three kinds exactly the members of {@code set}. */
  public static RouteAction setCommunities(CommunitySet set) {
    checkArgument(set.isExact(), "set: %s (expected: no wildcards)", set);
    return new EditCommunities(CommunityEdit.SET, set);
  }

  /** Adds each member of {@code set} the route lacks, to the communities of its kind. */
  public static RouteAction addCommunities(CommunitySet set) {
    checkArgument(set.isExact(), "set: %s (expected: no wildcards)", set);
    return new EditCommunities(CommunityEdit.ADD, set);
  }

  /** Removes every community, of any kind, that matches a member (or pattern) of {@code set}. */
  public static RouteAction removeCommunities(CommunitySet set) {
    return new EditCommunities(CommunityEdit.REMOVE, set);
  }

  /** Sets NEXT_HOP to {@code address}. */
  public static RouteAction setNextHop(IpAddress address) {
    return new SetNextHop(NextHop.ADDRESS, Optional.of(address));
  }

  /** Sets NEXT_HOP to our address on the session ({@link PolicyContext#localAddress()}). */
  public static RouteAction nextHopSelf() {
    return new SetNextHop(NextHop.SELF, Optional.empty());
  }

  /**
   * Sets NEXT_HOP to the address of the peer the route was learned from ({@link
   * PolicyContext#from()}), in either direction: on import it undoes a third-party next hop; on
   * export it sends traffic to the peer that announced the route.
   */
  public static RouteAction nextHopPeer() {
    return new SetNextHop(NextHop.PEER, Optional.empty());
  }

  /**
   * Removes the private AS numbers of RFC 6996 (64512 to 65534 and 4200000000 to 4294967294) from
   * the AS_SEQUENCE and AS_SET segments of AS_PATH; segments left empty disappear. Confederation
   * segments are left alone: their members are private by design and leave the confederation anyway
   * (RFC 5065 section 5.3). AS 23456 (AS_TRANS) and the other reserved numbers are kept: see {@link
   * #removePrivateAndReservedAsns()}.
   */
  public static RouteAction removePrivateAsns() {
    return RemoveAsns.PRIVATE;
  }

  /**
   * Like {@link #removePrivateAsns()}, and also removes the numbers no route should carry: 0 (RFC
   * 7607), 23456 (AS_TRANS, RFC 6793: it appears only when a 2-octet speaker could not carry a
   * 4-octet AS, and stands for no AS in particular), 64496 to 64511 and 65536 to 65551
   * (documentation, RFC 5398), 65535 and 4294967295 (RFC 7300) and 65552 to 131071 (IANA reserved).
   */
  public static RouteAction removePrivateAndReservedAsns() {
    return RemoveAsns.PRIVATE_AND_RESERVED;
  }

  /**
   * Adds ONLY_TO_CUSTOMER with our own AS unless the route carries it (RFC 9234 section 5, egress
   * rule 1).
   */
  public static RouteAction addOnlyToCustomerLocalAs() {
    return AddOnlyToCustomer.LOCAL_AS;
  }

  /**
   * Adds ONLY_TO_CUSTOMER with the AS of the peer the route came from unless the route carries it
   * (RFC 9234 section 5, ingress rule 3).
   */
  public static RouteAction addOnlyToCustomerFromAs() {
    return AddOnlyToCustomer.FROM_AS;
  }

  private static void checkUnsigned32(long value, String name) {
    checkArgument(
        value >= 0 && value <= 0xFFFF_FFFFL, "%s: %s (expected: 0 to 4294967295)", name, value);
  }

  private static void checkTimes(int times) {
    checkArgument(times >= 1 && times <= 32, "times: %s (expected: 1 to 32)", times);
  }

  // ---- implementations ----

  record SetLocalPref(long value) implements RouteAction {
    @Override
    public PathAttributes apply(Route route, PolicyContext context) {
      PathAttributes a = route.attributes();
      OptionalLong current = a.localPref();
      return current.isPresent() && current.getAsLong() == value
          ? a
          : a.toBuilder().localPref(value).build();
    }

    @Override
    public String toString() {
      return "set local-pref " + value;
    }
  }

  record SetMed(long value) implements RouteAction {
    @Override
    public PathAttributes apply(Route route, PolicyContext context) {
      PathAttributes a = route.attributes();
      OptionalLong current = a.med();
      return current.isPresent() && current.getAsLong() == value
          ? a
          : a.toBuilder().med(value).build();
    }

    @Override
    public String toString() {
      return "set med " + value;
    }
  }

  record Prepend(OptionalLong asn, int times) implements RouteAction {
    @Override
    public PathAttributes apply(Route route, PolicyContext context) {
      PathAttributes a = route.attributes();
      long prepended = asn.isPresent() ? asn.getAsLong() : context.localAsn();
      return a.toBuilder().asPath(a.asPath().prepend(prepended, times)).build();
    }

    @Override
    public String toString() {
      return "prepend " + (asn.isPresent() ? asn.getAsLong() : "local-as") + " x" + times;
    }
  }

  enum CommunityEdit {
    SET,
    ADD,
    REMOVE
  }

  record EditCommunities(CommunityEdit edit, CommunitySet set) implements RouteAction {
    @Override
    public PathAttributes apply(Route route, PolicyContext context) {
      return switch (edit) {
        case SET -> set.replaceIn(route.attributes());
        case ADD -> set.addTo(route.attributes());
        case REMOVE -> set.removeFrom(route.attributes());
      };
    }

    @Override
    public String toString() {
      return switch (edit) {
        case SET -> "set communities " + set;
        case ADD -> "add communities " + set;
        case REMOVE -> "remove communities " + set;
      };
    }
  }

  enum NextHop {
    ADDRESS,
    SELF,
    PEER
  }

  record SetNextHop(NextHop kind, Optional<IpAddress> address) implements RouteAction {
    @Override
    public PathAttributes apply(Route route, PolicyContext context) {
      IpAddress target =
          switch (kind) {
            case ADDRESS -> address.orElseThrow();
            case SELF -> context.localAddress();
            case PEER -> context.from().id().address();
          };
      PathAttributes a = route.attributes();
      return a.nextHop().isPresent() && a.nextHop().get().equals(target)
          ? a
          : a.toBuilder().nextHop(target).build();
    }

    @Override
    public String toString() {
      return switch (kind) {
        case ADDRESS -> "set next-hop " + address.orElseThrow();
        case SELF -> "set next-hop self";
        case PEER -> "set next-hop peer";
      };
    }
  }

  enum RemoveAsns implements RouteAction {
    PRIVATE("remove private ASNs"),
    PRIVATE_AND_RESERVED("remove private and reserved ASNs");

    private final String text;
    private final LongPredicate removable = this::removes;

    RemoveAsns(String text) {
      this.text = text;
    }

    boolean removes(long asn) {
      boolean isPrivate =
          (asn >= 64_512 && asn <= 65_534) || (asn >= 4_200_000_000L && asn <= 4_294_967_294L);
      return isPrivate || (this == PRIVATE_AND_RESERVED && isReserved(asn));
    }

    private static boolean isReserved(long asn) {
      return asn == 0
          || asn == 23_456
          || (asn >= 64_496 && asn <= 64_511)
          || (asn >= 65_535 && asn <= 131_071)
          || asn == 4_294_967_295L;
    }

    @Override
    public PathAttributes apply(Route route, PolicyContext context) {
      PathAttributes a = route.attributes();
      AsPath path = a.asPath();
      if (!path.anyAsn(removable)) {
        return a;
      }
      AsPath.Builder stripped = AsPath.builder();
      for (AsPathSegment segment : path.segments()) {
        boolean confederation =
            segment.type() == AsPathSegment.Type.AS_CONFED_SEQUENCE
                || segment.type() == AsPathSegment.Type.AS_CONFED_SET;
        stripped.segment(
            segment.type(),
            segment.asns().stream()
                .mapToLong(Long::longValue)
                .filter(asn -> confederation || !removes(asn))
                .toArray());
      }
      AsPath result = stripped.build();
      return result.equals(path) ? a : a.toBuilder().asPath(result).build();
    }

    @Override
    public String toString() {
      return text;
    }
  }

  enum AddOnlyToCustomer implements RouteAction {
    LOCAL_AS("add only-to-customer local-as"),
    FROM_AS("add only-to-customer from-as");

    private final String text;

    AddOnlyToCustomer(String text) {
      this.text = text;
    }

    @Override
    public PathAttributes apply(Route route, PolicyContext context) {
      PathAttributes a = route.attributes();
      if (a.onlyToCustomer().isPresent()) {
        return a;
      }
      long asn = this == LOCAL_AS ? context.localAsn() : context.from().asn();
      return a.toBuilder().onlyToCustomer(asn).build();
    }

    @Override
    public String toString() {
      return text;
    }
  }

  record Function(String description, BiFunction<Route, PolicyContext, PathAttributes> function)
      implements RouteAction {
    @Override
    public PathAttributes apply(Route route, PolicyContext context) {
      return function.apply(route, context);
    }

    @Override
    public String toString() {
      return description;
    }
  }
}
