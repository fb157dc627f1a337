package id.pantau.city;

import id.pantau.config.ConfigException;
import id.pantau.wire.Metric;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reads city definitions: {@code classpath:cities/bandung.json} or a file path. */
public final class CityFiles {
  private CityFiles() {
  }

  /** @param sources comma-separated locations, from configuration key {@code cities.files} */
  public static List<City> loadAll(String sources) {
    List<City> cities = new ArrayList<>();
    for (String source : sources.split(",")) {
      if (!source.isBlank()) {
        cities.add(load(source.trim()));
      }
    }
    if (cities.isEmpty()) {
      throw new ConfigException("cities.files", "names no city");
    }
    return cities;
  }

  public static City load(String source) {
    try {
      return parse(new JsonObject(read(source)));
    } catch (RuntimeException | IOException e) {
      throw new ConfigException("cities.files", "cannot load city from " + source + ": " + e.getMessage());
    }
  }

  /**
   * A city definition sent over the admin API, in the city file format.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static City fromJson(JsonObject json) {
    try {
      return parse(json);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a valid city definition: " + (e.getMessage() != null ? e.getMessage()
          : e.getClass().getSimpleName() + " (a required field is missing or of the wrong type)"), e);
    }
  }

  static City parse(JsonObject json) {
    JsonArray list = json.getJsonArray("kecamatan", new JsonArray());
    List<Kecamatan> kecamatan = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonObject k = list.getJsonObject(i);
      JsonArray tile = k.getJsonArray("tile");
      kecamatan.add(new Kecamatan(k.getString("slug"), k.getString("name"), k.getString("zone"),
          tile == null ? null : tile.getInteger(0), tile == null ? null : tile.getInteger(1)));
    }
    List<RiverGauge> gauges = gauges(json);
    return new City(json.getString("slug"), json.getString("name"),
        ZoneId.of(json.getString("timezone", "Asia/Jakarta")), kecamatan, gauges, rules(json),
        rule("default", json.getJsonObject("resolution", new JsonObject()).getJsonObject("default",
            new JsonObject().put("amount", 5).put("unit", "working_days"))),
        rule("verification", json.getJsonObject("resolution", new JsonObject()).getJsonObject("verification",
            new JsonObject().put("amount", 3).put("unit", "working_days"))),
        holidays(json), alerts(json.getJsonObject("alerts")),
        json.getBoolean("sensorAllowList", false), PlausibilityJson.parse(json, gauges), cadence(json));
  }

  /** {@code expectedCadenceSeconds}: {@code {"pm25": 60, "water_level_cm": 300}}. */
  private static Map<Metric, Duration> cadence(JsonObject json) {
    JsonObject c = json.getJsonObject("expectedCadenceSeconds", new JsonObject());
    Map<Metric, Duration> out = new EnumMap<>(Metric.class);
    for (String name : c.fieldNames()) {
      Metric m = Metric.byWireName(name);
      if (m == null) {
        throw new IllegalArgumentException("expectedCadenceSeconds." + name + ": not in the metric catalogue");
      }
      if (!(c.getValue(name) instanceof Number n) || n.doubleValue() <= 0) {
        throw new IllegalArgumentException("expectedCadenceSeconds." + name + " must be a number of seconds above zero");
      }
      out.put(m, Duration.ofMillis(Math.round(n.doubleValue() * 1000)));
    }
    return out;
  }

  private static AlertRules alerts(JsonObject a) {
    if (a == null) {
      return AlertRules.defaults();
    }
    AlertRules d = AlertRules.defaults();
    List<AlertRules.Threshold> thresholds = thresholds(a.getJsonArray("thresholds", new JsonArray()));
    return new AlertRules(thresholds, a.getDouble("floodHysteresisCm", d.floodHysteresisCm()),
        a.getInteger("ispuOpenAt", d.ispuOpenAt()), a.getInteger("ispuClearBelow", d.ispuClearBelow()),
        a.getBoolean("complaintBreaches", d.complaintBreaches()),
        a.getInteger("gatewayOfflineMinutes", d.gatewayOfflineMinutes()), a.getInteger("staleMinutes", d.staleMinutes()));
  }

  /**
   * The {@code alerts.thresholds} list of a city file, also what the admin API accepts.
   *
   * @throws IllegalArgumentException naming the entry and field at fault
   */
  public static List<AlertRules.Threshold> thresholds(JsonArray list) {
    List<AlertRules.Threshold> thresholds = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "alerts.thresholds[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject t)) {
        throw new IllegalArgumentException(at + " must be an object");
      }
      String metric = t.getValue("metric") instanceof String m ? m : null;
      if (metric == null || id.pantau.wire.Metric.byWireName(metric) == null) {
        throw new IllegalArgumentException(at + ".metric '" + metric + "' is not in the metric catalogue");
      }
      if (!(t.getValue("above") instanceof Number above)) {
        throw new IllegalArgumentException(at + ".above must be a number");
      }
      Object clear = t.getValue("clearBelow", above);
      if (!(clear instanceof Number clearBelow)) {
        throw new IllegalArgumentException(at + ".clearBelow must be a number");
      }
      Object sensor = t.getValue("sensor");
      if (sensor != null && !(sensor instanceof String)) {
        throw new IllegalArgumentException(at + ".sensor must be a sensor id (string)");
      }
      thresholds.add(new AlertRules.Threshold(metric, (String) sensor, above.doubleValue(), clearBelow.doubleValue(),
          String.valueOf(t.getValue("severity", "warning"))));
    }
    return thresholds;
  }

  /** A threshold as the city file and the admin API write it. */
  public static JsonObject json(AlertRules.Threshold t) {
    JsonObject o = new JsonObject().put("metric", t.metric());
    if (t.sensor() != null) {
      o.put("sensor", t.sensor());
    }
    return o.put("above", t.above()).put("clearBelow", t.clearBelow()).put("severity", t.severity());
  }

  private static List<RiverGauge> gauges(JsonObject json) {
    List<RiverGauge> gauges = new ArrayList<>();
    JsonArray list = json.getJsonArray("riverGauges", new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      JsonObject g = list.getJsonObject(i);
      gauges.add(new RiverGauge(g.getString("sensor"), g.getString("river"), g.getString("kecamatan"),
          g.getDouble("siaga3Cm"), g.getDouble("siaga2Cm"), g.getDouble("siaga1Cm"),
          PlausibilityJson.gaugeRange(g, i)));
    }
    return gauges;
  }

  private static List<ResolutionRule> rules(JsonObject json) {
    List<ResolutionRule> rules = new ArrayList<>();
    JsonObject categories = json.getJsonObject("resolution", new JsonObject()).getJsonObject("categories", new JsonObject());
    for (String category : categories.fieldNames()) {
      rules.add(rule(category, categories.getJsonObject(category)));
    }
    return rules;
  }

  private static ResolutionRule rule(String category, JsonObject r) {
    return new ResolutionRule(category, r.getInteger("amount"), ResolutionRule.unit(r.getString("unit")));
  }

  /**
   * {@code holidays}: entries {@code {"date", "kind", "name", "source"}}, or bare dates (local
   * holidays), so that older city files keep loading.
   */
  private static HolidayCalendar holidays(JsonObject json) {
    JsonArray list = json.getJsonArray("holidays", new JsonArray());
    List<Holiday> days = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object entry = list.getValue(i);
      try {
        days.add(entry instanceof JsonObject h
            ? new Holiday(LocalDate.parse(h.getString("date")), Holiday.Kind.parse(h.getString("kind", "local")),
                h.getString("name"), h.getString("source"))
            : Holiday.local(LocalDate.parse((String) entry)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("holidays[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new HolidayCalendar(days);
  }

  private static String read(String source) throws IOException {
    if (source.startsWith("classpath:")) {
      String resource = source.substring("classpath:".length());
      try (InputStream in = CityFiles.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("no such resource");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return Files.readString(Path.of(source));
  }
}
