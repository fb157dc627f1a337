package id.pantau.city;

import id.pantau.wire.Ids;
import id.pantau.wire.Metric;
import id.pantau.wire.PlausibleRange;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A city file's plausible ranges: {@code plausibility} ({@code {"temperature_c": {"min": -10,
 * "max": 50}}}), {@code sensorPlausibility} ({@code {"aq-coblong-09": {"pm25": {"max": 500}}}})
 * and each river gauge's {@code rangeCm}. An end left out is the catalogue's.
 */
public final class PlausibilityJson {
  private PlausibilityJson() {
  }

  static Plausibility parse(JsonObject city, List<RiverGauge> gauges) {
    Map<Metric, PlausibleRange> cityRanges =
        ranges("plausibility", city.getJsonObject("plausibility", new JsonObject()));
    Map<Metric, Map<String, PlausibleRange>> sensorRanges = new EnumMap<>(Metric.class);
    JsonObject sensors = city.getJsonObject("sensorPlausibility", new JsonObject());
    for (String sensor : sensors.fieldNames()) {
      String at = "sensorPlausibility." + sensor;
      if (!(sensors.getValue(sensor) instanceof JsonObject byMetric)) {
        throw new IllegalArgumentException(at + " must be an object of metric ranges");
      }
      ranges(at, byMetric).forEach((m, r) -> sensorRanges.computeIfAbsent(m, k -> new HashMap<>()).put(sensor, r));
    }
    for (RiverGauge g : gauges) {
      if (g.rangeCm() != null) {
        sensorRanges.computeIfAbsent(Metric.WATER_LEVEL_CM, k -> new HashMap<>()).put(g.sensor(), g.rangeCm());
      }
    }
    return new Plausibility(cityRanges, sensorRanges);
  }

  /**
   * An administrator's ranges for a city, in the city file's format: {@code plausibility} and
   * {@code sensorPlausibility}, replacing the file's. Stricter than a file, as a mistake here
   * takes effect at once: each range's min must be below its max, a sensor id must be one a
   * gateway could send, and no river gauge may lose its siaga levels (its flood alerts could
   * never open). A gauge's own {@code rangeCm} stays unless a sensor entry replaces it.
   *
   * @throws IllegalArgumentException naming the offending entry
   */
  public static Plausibility override(JsonObject body, City city) {
    for (String k : body.fieldNames()) {
      if (!k.equals("plausibility") && !k.equals("sensorPlausibility")) {
        throw new IllegalArgumentException(k + ": the body has only plausibility and sensorPlausibility");
      }
    }
    Map<Metric, PlausibleRange> cityRanges = ranges("plausibility", object(body, "plausibility"));
    cityRanges.forEach((m, r) -> requireOpen("plausibility." + m.wireName(), r));
    Map<Metric, Map<String, PlausibleRange>> sensorRanges = new EnumMap<>(Metric.class);
    for (RiverGauge g : city.gauges()) {
      if (g.rangeCm() != null) {
        sensorRanges.computeIfAbsent(Metric.WATER_LEVEL_CM, k -> new HashMap<>()).put(g.sensor(), g.rangeCm());
      }
    }
    JsonObject sensors = object(body, "sensorPlausibility");
    for (String sensor : sensors.fieldNames()) {
      String at = "sensorPlausibility." + sensor;
      if (!Ids.isValid(sensor)) {
        throw new IllegalArgumentException(at + ": a sensor id is 1 to 64 letters, digits, '.', '_' or '-'");
      }
      if (!(sensors.getValue(sensor) instanceof JsonObject byMetric)) {
        throw new IllegalArgumentException(at + " must be an object of metric ranges");
      }
      ranges(at, byMetric).forEach((m, r) -> {
        requireOpen(at + "." + m.wireName(), r);
        sensorRanges.computeIfAbsent(m, k -> new HashMap<>()).put(sensor, r);
      });
    }
    Plausibility out = new Plausibility(cityRanges, sensorRanges);
    for (RiverGauge g : city.gauges()) {
      PlausibleRange r = out.range(Metric.WATER_LEVEL_CM, g.sensor());
      if (!(r.contains(g.siaga3Cm()) && r.contains(g.siaga1Cm()))) {
        throw new IllegalArgumentException("water_level_cm of gauge " + g.sensor() + ": [" + r.min() + ", " + r.max()
            + "] must include its siaga levels (" + g.siaga3Cm() + " to " + g.siaga1Cm() + " cm), or its flood alerts"
            + " could never open");
      }
    }
    return out;
  }

  /**
   * The ranges in force: the city's own and per sensor (gauges' {@code rangeCm} included), in the
   * format they are set in, and {@code effective}: every metric's city-wide range, the catalogue's
   * where the city sets none.
   */
  public static JsonObject describe(Plausibility p) {
    JsonObject city = new JsonObject();
    p.cityRanges().forEach((m, r) -> city.put(m.wireName(), json(r)));
    JsonObject sensors = new JsonObject();
    p.sensorRanges().forEach((m, bySensor) -> bySensor.forEach((sensor, r) -> {
      JsonObject of = sensors.getJsonObject(sensor);
      if (of == null) {
        of = new JsonObject();
        sensors.put(sensor, of);
      }
      of.put(m.wireName(), json(r));
    }));
    JsonObject effective = new JsonObject();
    for (Metric m : Metric.values()) {
      effective.put(m.wireName(), json(p.cityRanges().getOrDefault(m, m.plausible())));
    }
    return new JsonObject().put("plausibility", city).put("sensorPlausibility", sortedByKey(sensors))
        .put("effective", effective);
  }

  private static JsonObject json(PlausibleRange r) {
    return new JsonObject().put("min", r.min()).put("max", r.max());
  }

  private static JsonObject sortedByKey(JsonObject o) {
    JsonObject out = new JsonObject();
    o.fieldNames().stream().sorted().forEach(k -> out.put(k, o.getValue(k)));
    return out;
  }

  private static JsonObject object(JsonObject body, String key) {
    Object v = body.getValue(key);
    if (v == null) {
      return new JsonObject();
    }
    if (!(v instanceof JsonObject o)) {
      throw new IllegalArgumentException(key + " must be an object of metric ranges");
    }
    return o;
  }

  /** A range of one value would flag every reading but that one: a typo, not a range. */
  private static void requireOpen(String at, PlausibleRange r) {
    if (!(r.min() < r.max())) {
      throw new IllegalArgumentException(at + ": min (" + r.min() + ") must be below max (" + r.max() + ")");
    }
  }

  /** A gauge's {@code rangeCm}: {@code {"min": 0, "max": 600}}, or null when not given. */
  static PlausibleRange gaugeRange(JsonObject gauge, int index) {
    Object r = gauge.getValue("rangeCm");
    return r == null ? null : range("riverGauges[" + index + "].rangeCm", Metric.WATER_LEVEL_CM, r);
  }

  private static Map<Metric, PlausibleRange> ranges(String at, JsonObject byMetric) {
    Map<Metric, PlausibleRange> ranges = new EnumMap<>(Metric.class);
    for (String name : byMetric.fieldNames()) {
      Metric m = Metric.byWireName(name);
      if (m == null) {
        throw new IllegalArgumentException(at + "." + name + ": '" + name + "' is not in the metric catalogue");
      }
      ranges.put(m, range(at + "." + name, m, byMetric.getValue(name)));
    }
    return ranges;
  }

  private static PlausibleRange range(String at, Metric m, Object value) {
    if (!(value instanceof JsonObject o)) {
      throw new IllegalArgumentException(at + " must be an object {\"min\": ..., \"max\": ...}");
    }
    rejectUnknownKeys(at, o);
    try {
      return new PlausibleRange(end(at, o, "min", m.plausible().min()), end(at, o, "max", m.plausible().max()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
    }
  }

  private static double end(String at, JsonObject o, String key, double catalogue) {
    Object v = o.getValue(key);
    if (v == null) {
      return catalogue;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(at + "." + key + " must be a number");
    }
    return n.doubleValue();
  }

  /** A key other than min and max is a typo worth stopping for: {@code "maks"} would leave the range open. */
  private static void rejectUnknownKeys(String at, JsonObject o) {
    for (String k : o.fieldNames()) {
      if (!k.equals("min") && !k.equals("max")) {
        throw new IllegalArgumentException(at + "." + k + ": a range has only min and max");
      }
    }
  }
}
