package id.pantau.city;

import id.pantau.wire.Metric;
import id.pantau.wire.PlausibleRange;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * A city's plausible range for every metric: the catalogue's, replaced by the city file's
 * {@code plausibility} entries, replaced for single sensors (a river gauge's {@code rangeCm}).
 * Checked for every stored reading, so the check is two comparisons against arrays indexed by
 * the metric's ordinal; a hash lookup by sensor happens only for a metric that has per-sensor
 * ranges in this city.
 */
public final class Plausibility {
  private static final Metric[] METRICS = Metric.values();
  private static final Plausibility CATALOGUE = new Plausibility(Map.of(), Map.of());

  private final double[] min = new double[METRICS.length];
  private final double[] max = new double[METRICS.length];
  // null where the metric has no per-sensor range: the common case costs no lookup
  private final Map<String, PlausibleRange>[] bySensor;
  private final Map<Metric, PlausibleRange> cityRanges;
  private final Map<Metric, Map<String, PlausibleRange>> sensorRanges;

  /**
   * @param cityRanges the city's ranges, replacing the catalogue's for these metrics
   * @param sensorRanges per metric, per sensor id: ranges replacing the city's for that sensor
   */
  @SuppressWarnings("unchecked")
  public Plausibility(Map<Metric, PlausibleRange> cityRanges, Map<Metric, Map<String, PlausibleRange>> sensorRanges) {
    this.cityRanges = Map.copyOf(cityRanges);
    this.sensorRanges = Collections.unmodifiableMap(copy(sensorRanges));
    this.bySensor = new Map[METRICS.length];
    for (Metric m : METRICS) {
      PlausibleRange r = this.cityRanges.getOrDefault(m, m.plausible());
      min[m.ordinal()] = r.min();
      max[m.ordinal()] = r.max();
      Map<String, PlausibleRange> sensors = this.sensorRanges.get(m);
      bySensor[m.ordinal()] = sensors == null || sensors.isEmpty() ? null : sensors;
    }
  }

  /** The catalogue's ranges, for a city that sets none. */
  public static Plausibility catalogue() {
    return CATALOGUE;
  }

  /** Whether a reading is physically possible for that metric at that sensor. */
  public boolean plausible(Metric metric, String sensor, double value) {
    int m = metric.ordinal();
    Map<String, PlausibleRange> sensors = bySensor[m];
    if (sensors != null) {
      PlausibleRange own = sensors.get(sensor);
      if (own != null) {
        return own.contains(value);
      }
    }
    return value >= min[m] && value <= max[m];
  }

  /** The range a sensor's readings of a metric are checked against. */
  public PlausibleRange range(Metric metric, String sensor) {
    Map<String, PlausibleRange> sensors = sensorRanges.get(metric);
    PlausibleRange own = sensors == null ? null : sensors.get(sensor);
    return own != null ? own : new PlausibleRange(min[metric.ordinal()], max[metric.ordinal()]);
  }

  /** Per metric, per sensor: the ranges replacing the city's for single sensors. */
  public Map<Metric, Map<String, PlausibleRange>> sensorRanges() {
    return sensorRanges;
  }

  /** The city's own ranges (the city file's {@code plausibility}), without the catalogue's. */
  public Map<Metric, PlausibleRange> cityRanges() {
    return cityRanges;
  }

  private static Map<Metric, Map<String, PlausibleRange>> copy(Map<Metric, Map<String, PlausibleRange>> ranges) {
    Map<Metric, Map<String, PlausibleRange>> copy = new EnumMap<>(Metric.class);
    ranges.forEach((m, sensors) -> copy.put(m, Map.copyOf(new HashMap<>(sensors))));
    return copy;
  }
}
