package id.pantau.simulator.scenario;

import id.pantau.wire.Metric;
import java.util.List;

/** The kinds of sensor a kecamatan gateway speaks for, the metrics each reports, and its id prefix. */
public enum SensorType {
  AIR_QUALITY("air_quality", "aq", 60, Metric.PM25, Metric.PM10, Metric.NO2, Metric.CO, Metric.O3, Metric.SO2),
  TRAFFIC("traffic", "tc", 60, Metric.TRAFFIC_COUNT, Metric.TRAFFIC_SPEED_KMH),
  RAIN("rain", "rg", 60, Metric.RAINFALL_MM),
  WEATHER("weather", "wx", 60, Metric.TEMPERATURE_C, Metric.HUMIDITY_PCT),
  NOISE("noise", "nz", 60, Metric.NOISE_DB),
  STREETLIGHT("streetlight", "sl", 300, Metric.STREETLIGHT_POWER_W),
  WASTE_BIN("waste_bin", "wb", 600, Metric.BIN_FILL_PCT),
  RIVER_GAUGE("river_gauge", "wl", 60, Metric.WATER_LEVEL_CM);

  private final String key;
  private final String idPrefix;
  private final int defaultIntervalSeconds;
  private final List<Metric> metrics;

  SensorType(String key, String idPrefix, int defaultIntervalSeconds, Metric... metrics) {
    this.key = key;
    this.idPrefix = idPrefix;
    this.defaultIntervalSeconds = defaultIntervalSeconds;
    this.metrics = List.of(metrics);
  }

  /** The name used in scenario files, e.g. {@code air_quality}. */
  public String key() {
    return key;
  }

  public String idPrefix() {
    return idPrefix;
  }

  /** The id of a kecamatan's n-th sensor of this type, e.g. {@code aq-coblong-01}. */
  public String sensorId(String kecamatan, int n) {
    return String.format("%s-%s-%02d", idPrefix, kecamatan, n);
  }

  public int defaultIntervalSeconds() {
    return defaultIntervalSeconds;
  }

  public List<Metric> metrics() {
    return metrics;
  }

  public static SensorType byKey(String key) {
    for (SensorType t : values()) {
      if (t.key.equals(key)) {
        return t;
      }
    }
    return null;
  }
}
