package id.pantau.wire;

import java.util.HashMap;
import java.util.Map;

/** The metric catalogue of protocol v1: a reading's metric name implies its unit. */
public enum Metric {
  PM25("pm25", "µg/m³"),
  PM10("pm10", "µg/m³"),
  CO("co", "µg/m³"),
  NO2("no2", "µg/m³"),
  SO2("so2", "µg/m³"),
  O3("o3", "µg/m³"),
  WATER_LEVEL_CM("water_level_cm", "cm"),
  RAINFALL_MM("rainfall_mm", "mm"),
  TRAFFIC_COUNT("traffic_count", "vehicles"),
  TRAFFIC_SPEED_KMH("traffic_speed_kmh", "km/h"),
  NOISE_DB("noise_db", "dB(A)"),
  TEMPERATURE_C("temperature_c", "°C"),
  HUMIDITY_PCT("humidity_pct", "%"),
  STREETLIGHT_POWER_W("streetlight_power_w", "W"),
  BIN_FILL_PCT("bin_fill_pct", "%");

  private static final Map<String, Metric> BY_NAME = new HashMap<>();

  static {
    for (Metric m : values()) {
      BY_NAME.put(m.wireName, m);
    }
  }

  private final String wireName;
  private final String unit;

  Metric(String wireName, String unit) {
    this.wireName = wireName;
    this.unit = unit;
  }

  /** The name used on the wire and in the database, e.g. {@code water_level_cm}. */
  public String wireName() {
    return wireName;
  }

  public String unit() {
    return unit;
  }

  /** @return the metric, or null when the name is not in the catalogue */
  public static Metric byWireName(String name) {
    return BY_NAME.get(name);
  }
}
