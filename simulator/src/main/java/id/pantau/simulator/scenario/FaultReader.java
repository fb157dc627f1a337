package id.pantau.simulator.scenario;

import id.pantau.wire.Metric;
import id.pantau.wire.PlausibleRange;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario's {@code faults} and {@code plausibility}, with {@link ScenarioReader}'s typed
 * access, so a fault aimed at a sensor or gateway the scenario does not have is refused with its
 * location instead of silently doing nothing.
 */
final class FaultReader {
  /** Faults are named in a reading's mark by a bit of a long. */
  static final int MAX_FAULTS = 64;
  private static final Set<String> COMMON = Set.of("kind", "sensor", "gateway", "metric", "startMinute", "durationMinutes");

  private final ScenarioReader r;

  FaultReader(ScenarioReader reader) {
    this.r = reader;
  }

  /** {@code {"temperature_c": {"min": -10, "max": 50}}}, as in the server's city file. */
  Map<Metric, PlausibleRange> plausibility(JsonNode node) {
    Map<Metric, PlausibleRange> out = new EnumMap<>(Metric.class);
    for (var e : r.object(node, null).entrySet()) {
      Metric m = Metric.byWireName(e.getKey());
      if (m == null) {
        throw r.fail(e.getValue(), "'" + e.getKey() + "' is not in the metric catalogue");
      }
      out.put(m, range(e.getValue(), m));
    }
    return out;
  }

  /** {@code {"min": 0, "max": 800}}; an end left out is the catalogue's. */
  PlausibleRange range(JsonNode node, Metric metric) {
    Map<String, JsonNode> f = r.object(node, Set.of("min", "max"));
    double limit = PlausibleRange.LIMIT;
    double min = f.containsKey("min") ? r.number(f.get("min"), -limit, limit) : metric.plausible().min();
    double max = f.containsKey("max") ? r.number(f.get("max"), -limit, limit) : metric.plausible().max();
    if (min > max) {
      throw r.fail(node, "min (" + min + ") is above max (" + max + ")");
    }
    return new PlausibleRange(min, max);
  }

  List<Fault> faults(JsonNode node, String city, List<Scenario.KecamatanSpec> kecamatan,
      List<Scenario.GaugeSpec> gauges, int gatewaysPerKecamatan) {
    Map<String, SensorType> sensors = sensorsOf(kecamatan, gauges);
    Set<String> gateways = new HashSet<>();
    for (Scenario.KecamatanSpec k : kecamatan) {
      for (int n = 1; n <= gatewaysPerKecamatan; n++) {
        gateways.add(city + "." + k.slug() + ".gw" + n);
      }
    }
    List<JsonNode> items = r.array(node, 0);
    if (items.size() > MAX_FAULTS) {
      throw r.fail(node, "at most " + MAX_FAULTS + " faults, has " + items.size());
    }
    List<Fault> out = new ArrayList<>();
    for (JsonNode item : items) {
      out.add(fault(out.size() + 1, item, sensors, gateways));
    }
    return List.copyOf(out);
  }

  private Fault fault(int number, JsonNode item, Map<String, SensorType> sensors, Set<String> gateways) {
    Map<String, JsonNode> f = r.object(item, null);
    JsonNode kindNode = r.required(item, f, "kind");
    String kind = r.string(kindNode);
    Set<String> allowed = new HashSet<>(COMMON);
    allowed.addAll(switch (kind) {
      case "stuck" -> Set.of("value");
      case "spike" -> Set.of("delta", "probability");
      case "unit_mixup" -> Set.of("factor");
      case "dropout" -> Set.of("share");
      case "clock_drift" -> Set.of("lagSecondsPerHour");
      case "silent" -> Set.<String>of();
      default -> throw r.fail(kindNode, "unknown fault kind '" + kind
          + "' (known: clock_drift, dropout, silent, spike, stuck, unit_mixup)");
    });
    r.object(item, allowed);
    Fault.Effect effect = switch (kind) {
      case "stuck" -> new Fault.Stuck(f.containsKey("value") ? r.number(f.get("value"), -Double.MAX_VALUE, Double.MAX_VALUE) : null);
      case "spike" -> new Fault.Spike(r.number(r.required(item, f, "delta"), -Double.MAX_VALUE, Double.MAX_VALUE),
          f.containsKey("probability") ? r.number(f.get("probability"), 0, 1) : 0.2);
      case "unit_mixup" -> new Fault.UnitMixup(f.containsKey("factor") ? r.number(f.get("factor"), -1e12, 1e12) : 1000);
      case "dropout" -> new Fault.Dropout(f.containsKey("share") ? r.number(f.get("share"), 0.01, 1) : 0.5);
      case "clock_drift" -> new Fault.ClockDrift(r.number(r.required(item, f, "lagSecondsPerHour"), 1, 1800));
      default -> new Fault.Silent();
    };
    boolean onGateway = effect instanceof Fault.Dropout
        || effect instanceof Fault.ClockDrift && f.containsKey("gateway");
    String sensor = null;
    String gateway = null;
    if (onGateway) {
      if (f.containsKey("sensor")) {
        throw r.fail(f.get("sensor"), "a " + kind + " fault names a gateway, not a sensor");
      }
      gateway = r.string(r.required(item, f, "gateway"));
      if (!gateways.contains(gateway)) {
        throw r.fail(f.get("gateway"), "gateway '" + gateway + "' is not in the scenario (gateways are named like "
            + gateways.stream().sorted().findFirst().orElse("city.kec.gw1") + ")");
      }
    } else {
      if (f.containsKey("gateway")) {
        throw r.fail(f.get("gateway"), "a " + kind + " fault names a sensor, not a gateway");
      }
      sensor = r.id(r.required(item, f, "sensor"));
      if (!sensors.containsKey(sensor)) {
        throw r.fail(f.get("sensor"), "sensor '" + sensor + "' is not in the scenario (sensors are named like "
            + sensors.keySet().stream().sorted().findFirst().orElse("aq-kec-01") + ")");
      }
    }
    Metric metric = f.containsKey("metric") ? metric(f.get("metric"), sensor == null ? null : sensors.get(sensor)) : null;
    double start = r.number(r.required(item, f, "startMinute"), 0, 1e7);
    double duration = f.containsKey("durationMinutes") ? r.number(f.get("durationMinutes"), 0.001, 1e7)
        : Double.POSITIVE_INFINITY;
    return new Fault(number, effect, sensor, gateway, metric, start, duration);
  }

  private Metric metric(JsonNode node, SensorType type) {
    String name = r.string(node);
    Metric m = Metric.byWireName(name);
    if (m == null) {
      throw r.fail(node, "'" + name + "' is not in the metric catalogue");
    }
    if (type != null && !type.metrics().contains(m)) {
      throw r.fail(node, "a " + type.key() + " sensor does not report " + name + " (it reports "
          + String.join(", ", type.metrics().stream().map(Metric::wireName).toList()) + ")");
    }
    return m;
  }

  private static Map<String, SensorType> sensorsOf(List<Scenario.KecamatanSpec> kecamatan, List<Scenario.GaugeSpec> gauges) {
    Map<String, SensorType> out = new HashMap<>();
    gauges.forEach(g -> out.put(g.sensor(), SensorType.RIVER_GAUGE));
    for (Scenario.KecamatanSpec k : kecamatan) {
      k.sensors().forEach((type, count) -> {
        for (int n = 1; n <= count; n++) {
          out.put(type.sensorId(k.slug(), n), type);
        }
      });
    }
    return out;
  }
}
