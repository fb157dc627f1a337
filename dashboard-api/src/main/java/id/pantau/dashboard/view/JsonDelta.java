package id.pantau.dashboard.view;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A keyed JSON diff, so that a screen holding one version of a view can be sent only what
 * changed to reach the next. A patch is a JSON object of one of three forms:
 * <ul>
 *   <li>{@code {"replace": v}}: the value becomes {@code v};</li>
 *   <li>{@code {"by": field, "items": {identity: patch}, "order": [identity...]}}: an array of
 *       objects that each carry {@code field} ({@link #IDENTITIES}, the first that fits), its
 *       value unique in the array, a string or an integer; {@code items} patches the elements
 *       that changed or are new (by the identity's text), {@code order} lists the new array's
 *       identities and is there only when they differ from the old array's, in content or in
 *       order (an element left out of it is removed);</li>
 *   <li>otherwise an object's diff: {@code {"keys": {key: patch}, "removed": [key...]}}, each
 *       part there only when not empty.</li>
 * </ul>
 * Anything else that changed (numbers, strings, arrays without identities) is replaced whole.
 * {@code apply(old, diff(old, new))} equals {@code new}. docs/API.md states the same for
 * third-party screens; wall.js applies it in the browser. Pure.
 */
public final class JsonDelta {
  /** Identity fields of the views' arrays: kecamatan by slug; alerts, gateways, complaints by id; gauges by sensor. */
  static final List<String> IDENTITIES = List.of("slug", "id", "sensor", "gateway");

  private JsonDelta() {
  }

  /** The patch that turns {@code old} into {@code next}; an empty object when they are equal. */
  public static JsonObject diff(JsonObject old, JsonObject next) {
    return diffObject(old, next);
  }

  /** {@code old} with the patch applied, as a new object ({@code old} is left as it was). */
  public static JsonObject apply(JsonObject old, JsonObject patch) {
    Object out = applyValue(old, patch);
    if (!(out instanceof JsonObject o)) {
      throw new IllegalArgumentException("the patch does not make an object: " + patch.encode());
    }
    return o;
  }

  private static JsonObject diffValue(Object old, Object next) {
    if (Objects.equals(old, next)) {
      return null;
    }
    if (old instanceof JsonObject a && next instanceof JsonObject b) {
      return diffObject(a, b);
    }
    if (old instanceof JsonArray a && next instanceof JsonArray b) {
      String field = identity(a, b);
      if (field != null) {
        return diffArray(a, b, field);
      }
    }
    return new JsonObject().put("replace", next);
  }

  private static JsonObject diffObject(JsonObject old, JsonObject next) {
    JsonObject keys = new JsonObject();
    for (String key : next.fieldNames()) {
      Object value = next.getValue(key);
      JsonObject p = old.containsKey(key) ? diffValue(old.getValue(key), value) : new JsonObject().put("replace", value);
      if (p != null) {
        keys.put(key, p);
      }
    }
    JsonArray removed = new JsonArray();
    old.fieldNames().stream().filter(k -> !next.containsKey(k)).forEach(removed::add);
    JsonObject out = new JsonObject();
    if (!keys.isEmpty()) {
      out.put("keys", keys);
    }
    if (!removed.isEmpty()) {
      out.put("removed", removed);
    }
    return out;
  }

  private static JsonObject diffArray(JsonArray old, JsonArray next, String field) {
    Map<String, Object> before = byIdentity(old, field);
    JsonObject items = new JsonObject();
    List<String> order = new ArrayList<>(next.size());
    for (int i = 0; i < next.size(); i++) {
      Object element = next.getValue(i);
      String id = key(((JsonObject) element).getValue(field));
      order.add(id);
      JsonObject p = before.containsKey(id) ? diffValue(before.get(id), element)
          : new JsonObject().put("replace", element);
      if (p != null) {
        items.put(id, p);
      }
    }
    JsonObject out = new JsonObject().put("by", field).put("items", items);
    if (!order.equals(new ArrayList<>(before.keySet()))) {
      out.put("order", new JsonArray(new ArrayList<>(order)));
    }
    return out;
  }

  /** The first identity field that every element of both arrays carries, uniquely in each; null if none. */
  private static String identity(JsonArray a, JsonArray b) {
    for (String field : IDENTITIES) {
      if (identifies(a, field) && identifies(b, field)) {
        return field;
      }
    }
    return null;
  }

  private static boolean identifies(JsonArray array, String field) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject o) || key(o.getValue(field)) == null || !seen.add(key(o.getValue(field)))) {
        return false;
      }
    }
    return true;
  }

  /** An identity's text: a string as it is, an integer in decimal (as JavaScript's String() writes it); else null. */
  private static String key(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Integer || value instanceof Short) {
      return value.toString();
    }
    if (value instanceof Long n) {
      return Math.abs(n) <= 1L << 53 ? n.toString() : null;
    }
    if (value instanceof BigInteger n) {
      return n.bitLength() <= 53 ? n.toString() : null;
    }
    return null;
  }

  /** In the array's order (a LinkedHashMap), which {@code order} is compared with. */
  private static Map<String, Object> byIdentity(JsonArray array, String field) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject element = array.getJsonObject(i);
      out.put(key(element.getValue(field)), element);
    }
    return out;
  }

  private static Object applyValue(Object old, JsonObject patch) {
    if (patch.containsKey("replace")) {
      return copy(patch.getValue("replace"));
    }
    if (patch.containsKey("by")) {
      return applyArray(old, patch);
    }
    if (!(old instanceof JsonObject object)) {
      throw new IllegalArgumentException("an object's patch for a value that is not an object: " + patch.encode());
    }
    JsonObject out = object.copy();
    JsonObject keys = patch.getJsonObject("keys", new JsonObject());
    for (String key : keys.fieldNames()) {
      out.put(key, applyValue(out.getValue(key), keys.getJsonObject(key)));
    }
    patch.getJsonArray("removed", new JsonArray()).forEach(k -> out.remove((String) k));
    return out;
  }

  private static JsonArray applyArray(Object old, JsonObject patch) {
    if (!(old instanceof JsonArray array)) {
      throw new IllegalArgumentException("an array's patch for a value that is not an array: " + patch.encode());
    }
    String field = patch.getString("by");
    Map<String, Object> before = new HashMap<>();
    List<String> oldOrder = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String id = key(array.getJsonObject(i).getValue(field));
      before.put(id, array.getValue(i));
      oldOrder.add(id);
    }
    JsonObject items = patch.getJsonObject("items", new JsonObject());
    JsonArray order = patch.getJsonArray("order");
    JsonArray out = new JsonArray();
    for (Object id : order == null ? oldOrder : order.getList()) {
      String k = String.valueOf(id);
      JsonObject p = items.getJsonObject(k);
      out.add(p == null ? copy(before.get(k)) : applyValue(before.get(k), p));
    }
    return out;
  }

  private static Object copy(Object value) {
    if (value instanceof JsonObject o) {
      return o.copy();
    }
    return value instanceof JsonArray a ? a.copy() : value;
  }
}
