package id.pantau.dashboard.view;

import static id.pantau.dashboard.TestCities.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.city.KecamatanRef;
import id.pantau.dashboard.kpi.KecamatanSnapshot;
import id.pantau.dashboard.readmodel.GatewayStatus;
import id.pantau.dashboard.readmodel.MinuteRollup;
import id.pantau.dashboard.readmodel.SensorValue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonDeltaTest {
  private static final Instant T = Instant.parse("2026-11-20T09:00:00Z");
  private static final String[] METRICS = {"pm25", "pm10", "water_level_cm", "traffic_count", "noise_db"};

  @Test
  void objectsDiffByKeyAndListWhatWasRemoved() {
    JsonObject old = new JsonObject("{\"a\":1,\"b\":{\"x\":1,\"y\":2},\"c\":\"gone\"}");
    JsonObject next = new JsonObject("{\"a\":1,\"b\":{\"x\":1,\"y\":3},\"d\":[1,2]}");

    JsonObject patch = JsonDelta.diff(old, next);

    assertEquals(new JsonObject("{\"keys\":{\"b\":{\"keys\":{\"y\":{\"replace\":3}}},\"d\":{\"replace\":[1,2]}},"
        + "\"removed\":[\"c\"]}"), patch);
    assertEquals(next, JsonDelta.apply(old, patch));
  }

  @Test
  void arraysOfIdentifiedObjectsDiffByIdentityAndSendTheOrderOnlyWhenItChanged() {
    JsonObject old = new JsonObject("{\"k\":[{\"slug\":\"a\",\"v\":1},{\"slug\":\"b\",\"v\":2}]}");
    JsonObject changed = new JsonObject("{\"k\":[{\"slug\":\"a\",\"v\":1},{\"slug\":\"b\",\"v\":5}]}");
    JsonObject reordered = new JsonObject("{\"k\":[{\"slug\":\"c\",\"v\":9},{\"slug\":\"a\",\"v\":1}]}");

    assertEquals(new JsonObject("{\"keys\":{\"k\":{\"by\":\"slug\",\"items\":{\"b\":{\"keys\":{\"v\":{\"replace\":5}}}}}}}"),
        JsonDelta.diff(old, changed));
    assertEquals(new JsonObject("{\"keys\":{\"k\":{\"by\":\"slug\",\"items\":{\"c\":{\"replace\":{\"slug\":\"c\",\"v\":9}}},"
        + "\"order\":[\"c\",\"a\"]}}}"), JsonDelta.diff(old, reordered));
    assertEquals(reordered, JsonDelta.apply(old, JsonDelta.diff(old, reordered)));
  }

  @Test
  void integerIdentitiesAndArraysWithoutThemAreHandled() {
    JsonObject old = new JsonObject("{\"active\":[{\"id\":7,\"s\":1},{\"id\":8,\"s\":1}],\"dup\":[{\"id\":1},{\"id\":1}],"
        + "\"plain\":[1,2,3]}");
    JsonObject next = new JsonObject("{\"active\":[{\"id\":8,\"s\":2}],\"dup\":[{\"id\":1},{\"id\":2}],\"plain\":[1,2]}");

    JsonObject patch = JsonDelta.diff(old, next);

    assertEquals(new JsonArray("[\"8\"]"), patch.getJsonObject("keys").getJsonObject("active").getJsonArray("order"));
    assertTrue(patch.getJsonObject("keys").getJsonObject("dup").containsKey("replace"), "identities not unique");
    assertTrue(patch.getJsonObject("keys").getJsonObject("plain").containsKey("replace"));
    assertEquals(next, JsonDelta.apply(old, patch));
  }

  @Test
  void applyLeavesTheOldValueAsItWas() {
    JsonObject old = new JsonObject("{\"a\":{\"b\":1},\"k\":[{\"slug\":\"a\",\"v\":1}]}");
    JsonObject copy = old.copy();

    JsonDelta.apply(old, JsonDelta.diff(old, new JsonObject("{\"a\":{\"b\":2},\"k\":[{\"slug\":\"a\",\"v\":3}]}")));

    assertEquals(copy, old);
  }

  @Test
  void equalViewsGiveAnEmptyPatch() {
    JsonObject view = kecamatanView(30, 0, 40);
    assertEquals(new JsonObject(), JsonDelta.diff(view, view.copy()));
  }

  @Test
  void oneKecamatanChangedInTheThirtyKecamatanViewIsASmallPatch() {
    JsonObject old = kecamatanView(30, 0, 40);
    JsonObject next = kecamatanView(30, 17, 41);

    JsonObject patch = wire(JsonDelta.diff(old, next));

    assertEquals(next, JsonDelta.apply(old, patch));
    int whole = next.encode().length();
    int delta = patch.encode().length();
    assertTrue(delta * 20 < whole, delta + " bytes of patch for a " + whole + "-byte view");
    assertFalse(patch.encode().contains("\"kec-3\""), "an unchanged kecamatan is not in the patch: " + patch.encode());
  }

  @Test
  void applyingTheDiffGivesTheNewValueForRandomMutations() {
    Random random = new Random(19);
    for (int round = 0; round < 2_000; round++) {
      JsonObject old = round % 4 == 0 ? kecamatanView(30, random.nextInt(30), 40) : randomObject(random, 3);
      JsonObject next = mutate(random, old.copy(), 3);
      JsonObject patch = wire(JsonDelta.diff(old, next));
      assertEquals(next, JsonDelta.apply(old, patch), "round " + round + ": " + old.encode() + " -> " + next.encode());
    }
  }

  /** As a screen gets it: encoded and parsed again. */
  private static JsonObject wire(JsonObject patch) {
    return new JsonObject(patch.encode());
  }

  /** The kecamatan view of a city of {@code count} kecamatan, as KecamatanJson writes it; one pm25 value set. */
  static JsonObject kecamatanView(int count, int changed, double pm25) {
    List<KecamatanRef> refs = new ArrayList<>();
    List<SensorValue> latest = new ArrayList<>();
    List<MinuteRollup> minutes = new ArrayList<>();
    List<GatewayStatus> gateways = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String slug = "kec-" + i;
      refs.add(new KecamatanRef(i + 1, 1, "bandung", slug, "Kecamatan " + i, i % 2 == 0 ? "north" : "south"));
      for (String metric : METRICS) {
        double v = metric.equals("pm25") && i == changed ? pm25 : 10 + i;
        latest.add(value(metric + "-" + i, slug, metric, v, T));
        minutes.add(new MinuteRollup(slug, metric, T, 6, v * 6, v - 1, v + 1));
      }
      gateways.add(new GatewayStatus("bandung." + slug + ".gw1", slug, true, T, 120L, null));
    }
    return KecamatanJson.of("bandung", KecamatanSnapshot.of(refs, latest, minutes, List.of(), gateways));
  }

  private static JsonObject randomObject(Random random, int depth) {
    JsonObject out = new JsonObject();
    int keys = random.nextInt(5);
    for (int i = 0; i < keys; i++) {
      out.put("k" + random.nextInt(8), randomValue(random, depth - 1));
    }
    return out;
  }

  private static Object randomValue(Random random, int depth) {
    int kind = depth <= 0 ? random.nextInt(4) : random.nextInt(7);
    return switch (kind) {
      case 0 -> random.nextInt(100);
      case 1 -> "s" + random.nextInt(10);
      case 2 -> random.nextBoolean() ? null : random.nextDouble();
      case 3 -> random.nextBoolean();
      case 4 -> randomObject(random, depth);
      case 5 -> identifiedArray(random, depth);
      default -> new JsonArray().add(random.nextInt(3)).add(randomValue(random, depth - 1));
    };
  }

  private static JsonArray identifiedArray(Random random, int depth) {
    String field = JsonDelta.IDENTITIES.get(random.nextInt(JsonDelta.IDENTITIES.size()));
    JsonArray out = new JsonArray();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      // ids drawn from a small range: sometimes repeated, so that some arrays have no usable identity
      Object id = random.nextBoolean() ? "e" + random.nextInt(8) : random.nextInt(8);
      out.add(randomObject(random, depth - 1).put(field, id));
    }
    return out;
  }

  /** Changes, adds, removes and reorders parts of the value, at random depths. */
  private static JsonObject mutate(Random random, JsonObject value, int depth) {
    for (String key : new ArrayList<>(value.fieldNames())) {
      int roll = random.nextInt(10);
      Object v = value.getValue(key);
      if (roll == 0) {
        value.remove(key);
      } else if (roll == 1) {
        value.put(key, randomValue(random, depth - 1));
      } else if (roll < 5 && v instanceof JsonObject o) {
        value.put(key, mutate(random, o, depth - 1));
      } else if (roll < 5 && v instanceof JsonArray a) {
        value.put(key, mutate(random, a, depth - 1));
      }
    }
    if (random.nextInt(4) == 0) {
      value.put("n" + random.nextInt(4), randomValue(random, depth - 1));
    }
    return value;
  }

  private static JsonArray mutate(Random random, JsonArray array, int depth) {
    List<Object> elements = new ArrayList<>(array.getList().size());
    for (int i = 0; i < array.size(); i++) {
      Object v = array.getValue(i);
      int roll = random.nextInt(8);
      if (roll == 0) {
        continue;
      }
      elements.add(roll < 4 && v instanceof JsonObject o ? mutate(random, o, depth - 1) : v);
    }
    if (random.nextBoolean() && elements.size() > 1) {
      java.util.Collections.swap(elements, 0, elements.size() - 1);
    }
    if (random.nextInt(3) == 0 && !elements.isEmpty() && elements.get(0) instanceof JsonObject first) {
      elements.add(first.copy().put("slug", "new" + random.nextInt(5)).put("id", 100 + random.nextInt(5)));
    }
    return new JsonArray(elements);
  }
}
