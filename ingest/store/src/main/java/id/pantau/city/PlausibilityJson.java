package id.pantau.city;

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
final class PlausibilityJson {
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
