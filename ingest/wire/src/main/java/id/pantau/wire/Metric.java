package id.pantau.wire;

import java.util.HashMap;
import java.util.Map;

/** The metric catalogue of protocol v1: a reading's metric name implies its unit. */
public enum Metric {
  // Plausible ranges: what the quantity can physically be where a city sensor stands, not what
  // is usual. A reading outside is stored with a flag and kept out of rollups, latest values,
  // KPIs and alerts (docs/PROTOCOL.md). A city file narrows or widens them ("plausibility"), a
  // river gauge has its own ("rangeCm").
  //
  // Particulates: 0-1,000 ug/m3, the standard measuring range of the beta-attenuation monitors
  // air-quality networks run (BAM-1020 class); the ISPU scale ends at PM2.5 500 / PM10 500
  // ("Berbahaya"), so every value the index can still express passes. A city under peat-fire
  // haze, where PM10 has been measured above that, widens it in its file.
  PM25("pm25", "µg/m³", 0, 1_000),
  PM10("pm10", "µg/m³", 0, 1_000),
  // Gases: about twice the top ISPU breakpoint of P.14/MENLHK/2020 (CO 45,000; NO2 3,000;
  // SO2 1,200; O3 1,000 ug/m3), so the whole index range passes and a unit mix-up (ppb sent
  // as ug/m3 by a factor of 1,000, mg for ug) does not.
  CO("co", "µg/m³", 0, 100_000),
  NO2("no2", "µg/m³", 0, 6_000),
  SO2("so2", "µg/m³", 0, 2_500),
  O3("o3", "µg/m³", 0, 2_000),
  // Gauges read against a local datum and may go below zero; 50 m covers any river stage.
  // Each gauge's own range belongs in the city file (riverGauges[].rangeCm).
  WATER_LEVEL_CM("water_level_cm", "cm", -500, 5_000),
  // Per reading interval: the world's one-hour record is about 305 mm, so no reading of an
  // hour or less can exceed 300 mm; a gauge that reports daily totals needs a city override.
  RAINFALL_MM("rainfall_mm", "mm", 0, 300),
  // A counter's interval count: never negative; 100,000 is beyond any road's count per hour.
  TRAFFIC_COUNT("traffic_count", "vehicles", 0, 100_000),
  TRAFFIC_SPEED_KMH("traffic_speed_kmh", "km/h", 0, 200),
  // The measuring range of a class 1 sound level meter; below 20 dB(A) no street is that quiet.
  NOISE_DB("noise_db", "dB(A)", 20, 140),
  // Surface air anywhere people live (records: -89 and +57 C); a city narrows it to its
  // climate (Bandung, at 700 m in the tropics: -10 to 50 C).
  TEMPERATURE_C("temperature_c", "°C", -60, 60),
  HUMIDITY_PCT("humidity_pct", "%", 0, 100),
  // A lamp or a cabinet feeding a street's lamps: never negative, never 100 kW.
  STREETLIGHT_POWER_W("streetlight_power_w", "W", 0, 100_000),
  BIN_FILL_PCT("bin_fill_pct", "%", 0, 100);

  private static final Map<String, Metric> BY_NAME = new HashMap<>();

  static {
    for (Metric m : values()) {
      BY_NAME.put(m.wireName, m);
    }
  }

  private final String wireName;
  private final String unit;
  private final PlausibleRange plausible;

  Metric(String wireName, String unit, double plausibleMin, double plausibleMax) {
    this.wireName = wireName;
    this.unit = unit;
    this.plausible = new PlausibleRange(plausibleMin, plausibleMax);
  }

  /** The name used on the wire and in the database, e.g. {@code water_level_cm}. */
  public String wireName() {
    return wireName;
  }

  public String unit() {
    return unit;
  }

  /** The catalogue's plausible range, before a city's or a sensor's override. */
  public PlausibleRange plausible() {
    return plausible;
  }

  /** @return the metric, or null when the name is not in the catalogue */
  public static Metric byWireName(String name) {
    return BY_NAME.get(name);
  }
}
