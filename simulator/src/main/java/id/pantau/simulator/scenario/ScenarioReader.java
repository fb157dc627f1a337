package id.pantau.simulator.scenario;

import id.pantau.wire.GatewayTopic;
import id.pantau.wire.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a scenario file (JSON, comments allowed). Every problem names the file,
 * line, column and key; unknown keys are refused so a typo is not silently ignored.
 */
public final class ScenarioReader {
  /** The scenario used when none is given: Bandung, shipped inside the simulator. */
  public static final String BUILT_IN = "bandung";

  private final String source;

  private ScenarioReader(String source) {
    this.source = source;
  }

  public static Scenario builtIn(String name) {
    String resource = "/scenarios/" + name + ".json";
    try (InputStream in = ScenarioReader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ScenarioException(name, 0, 0, "", "no built-in scenario of that name (built in: " + BUILT_IN + ", bandung-faults)");
      }
      return parse("built-in scenario " + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ScenarioException(name, 0, 0, "", "cannot read: " + e.getMessage());
    }
  }

  /** A path to a file, or the name of a built-in scenario. */
  public static Scenario load(String pathOrName) {
    Path path = Path.of(pathOrName);
    if (!Files.exists(path)) {
      if (!pathOrName.contains("/") && !pathOrName.endsWith(".json")) {
        return builtIn(pathOrName);
      }
      throw new ScenarioException(pathOrName, 0, 0, "", "no such file");
    }
    try {
      return parse(pathOrName, Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ScenarioException(pathOrName, 0, 0, "", "cannot read: " + e.getMessage());
    }
  }

  public static Scenario parse(String source, String text) {
    return new ScenarioReader(source).scenario(JsonTreeReader.read(source, text));
  }

  private Scenario scenario(JsonNode root) {
    Map<String, JsonNode> f = object(root, Set.of("name", "city", "timezone", "clock", "gatewaysPerKecamatan",
        "batch", "inflight", "sensorIntervalsSeconds", "sensorsPerKecamatan", "kecamatan", "riverGauges",
        "rainEvents", "complaints", "plausibility", "faults"));
    String city = slug(required(root, f, "city"));
    ZoneId zone = zone(optional(f, "timezone"));
    Map<String, JsonNode> clock = f.containsKey("clock") ? object(f.get("clock"), Set.of("start", "speed")) : Map.of();
    LocalTime start = clock.containsKey("start") ? clockStart(clock.get("start")) : null;
    double speed = clock.containsKey("speed") ? number(clock.get("speed"), 0.001, 100_000) : 1;
    Map<String, JsonNode> batch = f.containsKey("batch") ? object(f.get("batch"), Set.of("everySeconds", "readings")) : Map.of();
    int every = batch.containsKey("everySeconds") ? integer(batch.get("everySeconds"), 1, 3600) : 5;
    int readings = batch.containsKey("readings") ? integer(batch.get("readings"), 1, 10_000) : 100;
    Map<SensorType, Integer> intervals = f.containsKey("sensorIntervalsSeconds")
        ? sensorCounts(f.get("sensorIntervalsSeconds"), 1, 86_400) : Map.of();
    Map<SensorType, Integer> perKecamatan = f.containsKey("sensorsPerKecamatan")
        ? sensorCounts(f.get("sensorsPerKecamatan"), 0, 10_000) : Map.of();
    List<Scenario.KecamatanSpec> kecamatan = kecamatan(required(root, f, "kecamatan"), perKecamatan);
    int gatewaysPerKecamatan = f.containsKey("gatewaysPerKecamatan") ? integer(f.get("gatewaysPerKecamatan"), 1, 100_000) : 1;
    Set<String> slugs = new HashSet<>();
    Set<String> zones = new HashSet<>();
    kecamatan.forEach(k -> {
      slugs.add(k.slug());
      zones.add(k.zone());
    });
    List<Scenario.GaugeSpec> gauges = f.containsKey("riverGauges") ? gauges(f.get("riverGauges"), slugs, zones) : List.of();
    List<Scenario.RainEvent> rain = f.containsKey("rainEvents") ? rain(f.get("rainEvents"), zones) : List.of();
    Map<String, JsonNode> complaints = f.containsKey("complaints")
        ? object(f.get("complaints"), Set.of("perKecamatanPerHour")) : Map.of();
    double complaintRate = complaints.containsKey("perKecamatanPerHour")
        ? number(complaints.get("perKecamatanPerHour"), 0, 10_000) : 1;
    return new Scenario(
        f.containsKey("name") ? string(f.get("name")) : city,
        city, zone, start, speed,
        gatewaysPerKecamatan, every, readings,
        f.containsKey("inflight") ? integer(f.get("inflight"), 1, 65_535) : 10,
        intervals, kecamatan, gauges, rain, complaintRate,
        f.containsKey("plausibility") ? new FaultReader(this).plausibility(f.get("plausibility")) : Map.of(),
        f.containsKey("faults") ? new FaultReader(this).faults(f.get("faults"), city, kecamatan, gauges, gatewaysPerKecamatan)
            : List.of());
  }

  private List<Scenario.KecamatanSpec> kecamatan(JsonNode node, Map<SensorType, Integer> defaults) {
    List<Scenario.KecamatanSpec> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode item : array(node, 1)) {
      Map<String, JsonNode> f = object(item, Set.of("slug", "zone", "sensors"));
      String slug = slug(required(item, f, "slug"));
      if (!seen.add(slug)) {
        throw fail(f.get("slug"), "kecamatan '" + slug + "' is listed twice");
      }
      Map<SensorType, Integer> sensors = new EnumMap<>(SensorType.class);
      sensors.putAll(defaults);
      if (f.containsKey("sensors")) {
        sensors.putAll(sensorCounts(f.get("sensors"), 0, 10_000));
      }
      sensors.remove(SensorType.RIVER_GAUGE); // gauges are listed one by one under riverGauges
      out.add(new Scenario.KecamatanSpec(slug, f.containsKey("zone") ? string(f.get("zone")) : "central", sensors));
    }
    return List.copyOf(out);
  }

  private List<Scenario.GaugeSpec> gauges(JsonNode node, Set<String> kecamatan, Set<String> zones) {
    List<Scenario.GaugeSpec> out = new ArrayList<>();
    for (JsonNode item : array(node, 0)) {
      Map<String, JsonNode> f = object(item, Set.of("sensor", "river", "kecamatan", "order", "baseCm",
          "siaga3Cm", "siaga1Cm", "catchment", "rangeCm"));
      String kec = string(required(item, f, "kecamatan"));
      if (!kecamatan.contains(kec)) {
        throw fail(f.get("kecamatan"), "'" + kec + "' is not one of the scenario's kecamatan");
      }
      double siaga3 = number(required(item, f, "siaga3Cm"), 0, 10_000);
      double siaga1 = number(required(item, f, "siaga1Cm"), 0, 10_000);
      if (siaga1 <= siaga3) {
        throw fail(f.get("siaga1Cm"), "siaga1Cm must be above siaga3Cm (" + siaga3 + ")");
      }
      out.add(new Scenario.GaugeSpec(id(required(item, f, "sensor")), string(required(item, f, "river")), kec,
          f.containsKey("order") ? integer(f.get("order"), 1, 100) : 1,
          f.containsKey("baseCm") ? number(f.get("baseCm"), 0, 10_000) : siaga3 * 0.5,
          siaga3, siaga1, zoneList(required(item, f, "catchment"), zones),
          f.containsKey("rangeCm") ? new FaultReader(this).range(f.get("rangeCm"), Metric.WATER_LEVEL_CM) : null));
    }
    return List.copyOf(out);
  }

  private List<Scenario.RainEvent> rain(JsonNode node, Set<String> zones) {
    List<Scenario.RainEvent> out = new ArrayList<>();
    for (JsonNode item : array(node, 0)) {
      Map<String, JsonNode> f = object(item, Set.of("startMinute", "durationMinutes", "peakMmPerHour", "zones"));
      out.add(new Scenario.RainEvent(
          number(required(item, f, "startMinute"), 0, 1e7),
          number(required(item, f, "durationMinutes"), 1, 1e5),
          number(required(item, f, "peakMmPerHour"), 0, 500),
          zoneList(required(item, f, "zones"), zones)));
    }
    return List.copyOf(out);
  }

  private List<String> zoneList(JsonNode node, Set<String> zones) {
    List<String> out = new ArrayList<>();
    for (JsonNode z : array(node, 1)) {
      String zone = string(z);
      if (!zones.contains(zone)) {
        throw fail(z, "zone '" + zone + "' is not the zone of any kecamatan (zones: " + String.join(", ", zones.stream().sorted().toList()) + ")");
      }
      out.add(zone);
    }
    return List.copyOf(out);
  }

  private Map<SensorType, Integer> sensorCounts(JsonNode node, int min, int max) {
    Map<SensorType, Integer> out = new EnumMap<>(SensorType.class);
    for (var e : object(node, null).entrySet()) {
      SensorType type = SensorType.byKey(e.getKey());
      if (type == null) {
        List<String> known = java.util.Arrays.stream(SensorType.values()).map(SensorType::key).toList();
        throw fail(e.getValue(), "unknown sensor type '" + e.getKey() + "' (known: " + String.join(", ", known) + ")");
      }
      out.put(type, integer(e.getValue(), min, max));
    }
    return out;
  }

  // --- typed access, each failing with the location of the offending value ---

  Map<String, JsonNode> object(JsonNode node, Set<String> allowed) {
    if (!node.isObject()) {
      throw fail(node, "expected an object, found " + node.describe());
    }
    if (allowed != null) {
      for (String key : node.fields().keySet()) {
        if (!allowed.contains(key)) {
          throw fail(node.fields().get(key), "unknown key '" + key + "' (allowed here: "
              + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
      }
    }
    return node.fields();
  }

  List<JsonNode> array(JsonNode node, int minItems) {
    if (!node.isArray()) {
      throw fail(node, "expected an array, found " + node.describe());
    }
    if (node.items().size() < minItems) {
      throw fail(node, "needs at least " + minItems + " item(s)");
    }
    return node.items();
  }

  JsonNode required(JsonNode parent, Map<String, JsonNode> fields, String key) {
    JsonNode node = fields.get(key);
    if (node == null) {
      throw new ScenarioException(source, parent.line(), parent.column(),
          parent.path().isEmpty() ? key : parent.path() + "." + key, "is required");
    }
    return node;
  }

  private JsonNode optional(Map<String, JsonNode> fields, String key) {
    return fields.get(key);
  }

  String string(JsonNode node) {
    if (!(node.value() instanceof String s) || s.isBlank()) {
      throw fail(node, "expected a non-empty string, found " + node.describe());
    }
    return s;
  }

  private String slug(JsonNode node) {
    String s = string(node);
    if (!GatewayTopic.isSlug(s)) {
      throw fail(node, "'" + s + "' is not a slug (lower-case letters, digits and '-')");
    }
    return s;
  }

  String id(JsonNode node) {
    String s = string(node);
    if (!s.matches("[A-Za-z0-9._-]{1,64}")) {
      throw fail(node, "'" + s + "' is not an id (1 to 64 letters, digits, '.', '_', '-')");
    }
    return s;
  }

  int integer(JsonNode node, int min, int max) {
    if (!(node.value() instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw fail(node, "expected a whole number, found " + node.describe());
    }
    long v = n.longValue();
    if (v < min || v > max) {
      throw fail(node, "must be between " + min + " and " + max + ", is " + v);
    }
    return (int) v;
  }

  double number(JsonNode node, double min, double max) {
    if (!(node.value() instanceof Number n)) {
      throw fail(node, "expected a number, found " + node.describe());
    }
    double v = n.doubleValue();
    if (!(v >= min && v <= max)) {
      throw fail(node, "must be between " + min + " and " + max + ", is " + v);
    }
    return v;
  }

  private ZoneId zone(JsonNode node) {
    if (node == null) {
      return ZoneId.of("Asia/Jakarta");
    }
    try {
      return ZoneId.of(string(node));
    } catch (DateTimeException e) {
      throw fail(node, "unknown time zone " + node.describe() + " (e.g. Asia/Jakarta, Asia/Makassar)");
    }
  }

  private LocalTime clockStart(JsonNode node) {
    String s = string(node);
    if (s.equals("now")) {
      return null;
    }
    try {
      return LocalTime.parse(s);
    } catch (DateTimeException e) {
      throw fail(node, "expected \"now\" or a time of day like \"07:00\", found " + node.describe());
    }
  }

  ScenarioException fail(JsonNode node, String problem) {
    return new ScenarioException(source, node.line(), node.column(), node.path(), problem);
  }
}
