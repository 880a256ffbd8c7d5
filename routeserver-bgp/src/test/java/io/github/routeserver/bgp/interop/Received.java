package io.github.routeserver.bgp.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.routeserver.bgp.codec.CodecContext;
import io.github.routeserver.bgp.codec.DecodeError;
import io.github.routeserver.bgp.codec.DecodeResult;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.FourOctetAsCapability;
import io.github.routeserver.bgp.wire.MultiprotocolCapability;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.net.Prefix;
import io.github.routeserver.core.route.Community;
import io.github.routeserver.core.route.ExtendedCommunity;
import io.github.routeserver.core.route.LargeCommunity;
import io.github.routeserver.core.route.PathAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** What a daemon sent: the decode results, and the routes and markers in them. */
final class Received {
  private final List<DecodeResult> results;
  private final CodecContext context;

  Received(List<DecodeResult> results, CodecContext context) {
    this.results = List.copyOf(results);
    this.context = context;
  }

  /** The context negotiated with the daemon. */
  CodecContext context() {
    return context;
  }

  List<DecodeError> errors() {
    List<DecodeError> errors = new ArrayList<>();
    results.forEach(r -> errors.addAll(r.errors()));
    return errors;
  }

  List<BgpMessage> messages() {
    return results.stream().flatMap(r -> r.message().stream()).toList();
  }

  Open open() {
    return (Open) messages().get(0);
  }

  /** Every announced prefix with the attribute set it was last announced with. */
  Map<Prefix, PathAttributes> routes() {
    Map<Prefix, PathAttributes> routes = new LinkedHashMap<>();
    for (BgpMessage message : messages()) {
      if (message instanceof Update update) {
        update.attributes().ifPresent(a -> put(routes, update.nlri(), a));
        update.mpReach().ifPresent(r -> put(routes, r.nlri(), r.attributes()));
      }
    }
    return routes;
  }

  private static void put(Map<Prefix, PathAttributes> routes, NlriList nlri, PathAttributes a) {
    nlri.prefixes().forEach(p -> routes.put(p, a));
  }

  Set<AfiSafi> endOfRib() {
    Set<AfiSafi> families = new LinkedHashSet<>();
    for (BgpMessage message : messages()) {
      if (message instanceof Update update) {
        update.endOfRibFamily().ifPresent(families::add);
      }
    }
    return families;
  }

  /**
   * Done when every one of {@code prefixes} arrived, and either both unicast End-of-RIB markers
   * arrived too or {@code grace} more reads passed without them.
   */
  static Predicate<List<DecodeResult>> routesAndEndOfRib(int grace, Prefix... prefixes) {
    int[] readsSinceRoutes = {0};
    return results -> {
      Received received = new Received(results, CodecContext.BASE);
      if (!received.routes().keySet().containsAll(List.of(prefixes))) {
        return false;
      }
      return received.endOfRib().containsAll(Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST))
          || ++readsSinceRoutes[0] > grace;
    };
  }

  /** Checks the OPEN of a peer in {@code asn} that speaks both unicast families. */
  void assertOpen(long asn) {
    Open open = open();
    assertEquals(asn, open.asn(), open.toString());
    List<AfiSafi> families =
        open.capabilities(MultiprotocolCapability.class).stream()
            .map(MultiprotocolCapability::afiSafi)
            .toList();
    assertTrue(families.contains(AfiSafi.IPV4_UNICAST), open.toString());
    assertTrue(families.contains(AfiSafi.IPV6_UNICAST), open.toString());
    assertEquals(
        List.of(new FourOctetAsCapability(asn)), open.capabilities(FourOctetAsCapability.class));
  }

  /**
   * Checks that {@code prefix} arrived with MED 50, community ASN:100, large community ASN:1:2 and,
   * when {@code routeTarget}, the route target ASN:7.
   */
  void assertRoute(Prefix prefix, long asn, boolean routeTarget) {
    PathAttributes attributes = routes().get(prefix);
    assertTrue(attributes != null, prefix + " not among " + routes().keySet());
    assertEquals(50, attributes.med().orElse(-1), attributes.toString());
    assertTrue(attributes.hasCommunity(Community.of((int) asn, 100)), attributes.toString());
    assertTrue(attributes.hasLargeCommunity(LargeCommunity.of(asn, 1, 2)), attributes.toString());
    if (routeTarget) {
      assertTrue(
          attributes.hasExtendedCommunity(ExtendedCommunity.routeTarget((int) asn, 7)),
          attributes.toString());
    }
    assertTrue(attributes.nextHop().isPresent(), attributes.toString());
    assertEquals(asn, attributes.asPath().neighborAs().orElse(-1), attributes.toString());
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    results.forEach(
        r ->
            text.append(r.message().map(Object::toString).orElse("-"))
                .append(r.errors())
                .append('\n'));
    return text.toString();
  }
}
