package io.github.routeserver.examples.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.io.BaseEncoding;
import io.github.routeserver.bgp.codec.DecodeError;
import io.github.routeserver.bgp.codec.DecodeResult;
import io.github.routeserver.bgp.wire.AfiSafi;
import io.github.routeserver.bgp.wire.BgpError;
import io.github.routeserver.bgp.wire.BgpMessage;
import io.github.routeserver.bgp.wire.Capability;
import io.github.routeserver.bgp.wire.Keepalive;
import io.github.routeserver.bgp.wire.MpReach;
import io.github.routeserver.bgp.wire.MpUnreach;
import io.github.routeserver.bgp.wire.NlriList;
import io.github.routeserver.bgp.wire.Notification;
import io.github.routeserver.bgp.wire.Open;
import io.github.routeserver.bgp.wire.RouteRefresh;
import io.github.routeserver.bgp.wire.Update;
import io.github.routeserver.core.route.OpaqueAttribute;
import io.github.routeserver.core.route.PathAttributes;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A decoded BGP message as JSON: one object with the message's {@code type}, its {@code length} in
 * octets and its fields, plus the RFC 7606 errors that left the message usable ({@code errors});
 * or, for a message that resets the session, only its {@code error}: NOTIFICATION code, subcode,
 * name, the RFC 7606 action, what was wrong and the NOTIFICATION data in hex.
 */
public final class BgpMessageJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private BgpMessageJson() {}

  /** The object of {@code result}, decoded from {@code length} octets. */
  public static ObjectNode of(DecodeResult result, int length) {
    ObjectNode json = JSON.objectNode();
    if (result.isSessionReset()) {
      json.put("length", length);
      json.set("error", error(result.strongestError().orElseThrow()));
      return json;
    }
    BgpMessage message = result.message().orElseThrow();
    json.put("type", message.type().name());
    json.put("length", length);
    if (message instanceof Open open) {
      open(json, open);
    } else if (message instanceof Update update) {
      update(json, update);
    } else if (message instanceof Notification notification) {
      json.set("error", errorCode(notification.error()));
      json.put("data", notification.data().toString());
      notification.shutdownCommunication().ifPresent(c -> json.put("shutdownCommunication", c));
    } else if (message instanceof RouteRefresh refresh) {
      json.put("afiSafi", refresh.afiSafi().toString());
      json.put("subtype", refresh.subtype().name());
    } else if (!(message instanceof Keepalive)) {
      throw new IllegalArgumentException("message: " + message + " (expected: a BGP message)");
    }
    if (!result.errors().isEmpty()) {
      ArrayNode errors = json.putArray("errors");
      result.errors().forEach(e -> errors.add(error(e)));
    }
    return json;
  }

  private static void open(ObjectNode json, Open open) {
    json.put("version", open.version());
    json.put("myAs", open.myAs());
    json.put("asn", open.asn());
    json.put("holdTime", open.holdTime());
    json.put("bgpIdentifier", open.bgpIdentifier().toString());
    ArrayNode capabilities = json.putArray("capabilities");
    for (Capability capability : open.capabilities()) {
      ObjectNode entry = capabilities.addObject();
      entry.put("code", capability.code().code());
      entry.put("name", capability.code().name());
      entry.setAll((ObjectNode) value(capability));
    }
  }

  /**
   * A value as JSON: records field by field (capabilities and their parts), collections as arrays,
   * numbers and booleans as such, the rest as its text (code points by name, AFI/SAFI as {@code
   * IPV4/UNICAST}, octets in hex).
   */
  private static JsonNode value(Object value) {
    if (value instanceof AfiSafi) {
      return JSON.textNode(value.toString());
    }
    if (value instanceof Record record) {
      ObjectNode object = JSON.objectNode();
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        Object field;
        try {
          field = component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("record accessors of the wire package are public", e);
        }
        if (!(field instanceof Optional<?> optional) || optional.isPresent()) {
          object.set(component.getName(), value(field instanceof Optional<?> o ? o.get() : field));
        }
      }
      return object;
    }
    if (value instanceof Collection<?> collection) {
      ArrayNode array = JSON.arrayNode();
      collection.forEach(item -> array.add(value(item)));
      return array;
    }
    if (value instanceof Boolean bool) {
      return JSON.booleanNode(bool);
    }
    if (value instanceof Number number) {
      return JSON.numberNode(number.longValue());
    }
    return JSON.textNode(String.valueOf(value));
  }

  private static void update(ObjectNode json, Update update) {
    update.endOfRibFamily().ifPresent(family -> json.put("endOfRib", family.toString()));
    if (!update.withdrawnRoutes().isEmpty()) {
      json.set("withdrawn", nlri(update.withdrawnRoutes()));
    }
    update.attributes().ifPresent(a -> json.set("attributes", attributes(a)));
    if (!update.nlri().isEmpty()) {
      json.set("nlri", nlri(update.nlri()));
    }
    update.mpReach().ifPresent(reach -> json.set("mpReach", mpReach(reach)));
    update.mpUnreach().ifPresent(unreach -> json.set("mpUnreach", mpUnreach(unreach)));
    if (!update.otherFamilies().isEmpty()) {
      json.set("otherFamilies", opaque(update.otherFamilies()));
    }
  }

  private static ObjectNode attributes(PathAttributes a) {
    ObjectNode json = JSON.objectNode();
    json.put("origin", a.origin().name());
    json.put("asPath", a.asPath().toString());
    a.nextHop().ifPresent(hop -> json.put("nextHop", hop.toString()));
    a.med().ifPresent(med -> json.put("med", med));
    a.localPref().ifPresent(pref -> json.put("localPref", pref));
    if (a.atomicAggregate()) {
      json.put("atomicAggregate", true);
    }
    a.aggregator().ifPresent(aggregator -> json.put("aggregator", aggregator.toString()));
    a.originatorId().ifPresent(id -> json.put("originatorId", id.toString()));
    texts(json, "clusterList", a.clusterList());
    texts(json, "communities", a.communities());
    texts(json, "extendedCommunities", a.extendedCommunities());
    texts(json, "largeCommunities", a.largeCommunities());
    a.onlyToCustomer().ifPresent(asn -> json.put("onlyToCustomer", asn));
    if (!a.opaqueAttributes().isEmpty()) {
      json.set("unknownAttributes", opaque(a.opaqueAttributes()));
    }
    return json;
  }

  private static void texts(ObjectNode json, String name, List<?> values) {
    if (!values.isEmpty()) {
      ArrayNode array = json.putArray(name);
      values.forEach(v -> array.add(v.toString()));
    }
  }

  private static ArrayNode opaque(List<OpaqueAttribute> attributes) {
    ArrayNode array = JSON.arrayNode();
    for (OpaqueAttribute attribute : attributes) {
      array
          .addObject()
          .put("typeCode", attribute.typeCode())
          .put("flags", attribute.flags())
          .put("value", BaseEncoding.base16().lowerCase().encode(attribute.value()));
    }
    return array;
  }

  private static ObjectNode mpReach(MpReach reach) {
    ObjectNode json = JSON.objectNode();
    json.put("afiSafi", reach.afiSafi().toString());
    reach.attributes().nextHop().ifPresent(hop -> json.put("nextHop", hop.toString()));
    reach
        .attributes()
        .linkLocalNextHop()
        .ifPresent(hop -> json.put("linkLocalNextHop", hop.toString()));
    json.set("nlri", nlri(reach.nlri()));
    return json;
  }

  private static ObjectNode mpUnreach(MpUnreach unreach) {
    ObjectNode json = JSON.objectNode();
    json.put("afiSafi", unreach.afiSafi().toString());
    json.set("withdrawn", nlri(unreach.withdrawn()));
    return json;
  }

  /** Prefixes as text; with ADD-PATH, objects of path identifier and prefix. */
  private static ArrayNode nlri(NlriList list) {
    ArrayNode array = JSON.arrayNode();
    for (int i = 0; i < list.size(); i++) {
      if (list.hasPathIds()) {
        array.addObject().put("pathId", list.pathId(i)).put("prefix", list.prefix(i).toString());
      } else {
        array.add(list.prefix(i).toString());
      }
    }
    return array;
  }

  private static ObjectNode error(DecodeError error) {
    ObjectNode json = errorCode(error.error());
    json.put("action", error.action().name());
    error.afiSafi().ifPresent(family -> json.put("afiSafi", family.toString()));
    json.put("detail", error.detail());
    json.put("data", error.data().toString());
    return json;
  }

  private static ObjectNode errorCode(BgpError error) {
    return JSON.objectNode()
        .put("code", error.code().code())
        .put("subcode", error.subcode())
        .put("name", error.name());
  }
}
