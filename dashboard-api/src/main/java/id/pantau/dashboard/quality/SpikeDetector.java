package id.pantau.dashboard.quality;

import id.pantau.wire.Metric;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A change between two consecutive readings faster than the quantity can physically change: a
 * loose connector, a splash on a radar gauge, a unit mix-up for one reading. The sensor stays
 * suspect until {@code settleReadings} readings in a row after the jump moved at believable
 * rates (a real step would need that many to be trusted again), counted in readings rather than
 * minutes so that a slow sensor is not cleared before it has said anything new. A change within
 * less than a minute is judged as if it took the minute: a sensor read every second carries
 * noise that, scaled up to a minute, would look like a flood. {@code settleReadings} 0 turns the
 * check off.
 */
public final class SpikeDetector {
  /**
   * The fastest believable change per minute. Water level: the steepest flash-flood rises on
   * record on small rivers are about a metre in ten minutes; 50 cm in one minute is beyond any
   * of them (the example, 2 m a minute, is four times that). Temperature: a sensor in a
   * radiation shield follows air that changes a few degrees in an hour; 5 C in a minute is a
   * fault. Humidity 30 points a minute; particulates 400 ug/m3 a minute (smoke drifting past is
   * fast, but not from clean air to Berbahaya in a minute); noise is left out (a horn is a spike
   * that is real).
   */
  static final Map<Metric, Double> MAX_PER_MINUTE = defaults();

  private final int settleReadings;
  private final Map<Metric, Double> maxPerMinute;

  public SpikeDetector(int settleReadings) {
    this(settleReadings, MAX_PER_MINUTE);
  }

  public SpikeDetector(int settleReadings, Map<Metric, Double> maxPerMinute) {
    this.settleReadings = settleReadings;
    this.maxPerMinute = Map.copyOf(maxPerMinute);
  }

  /** @param samples one metric of one sensor, oldest first */
  public Optional<Finding> check(Metric metric, List<Sample> samples) {
    Double limit = maxPerMinute.get(metric);
    if (limit == null || settleReadings == 0) {
      return Optional.empty();
    }
    List<Sample> valid = samples.stream().filter(s -> !s.flagged()).toList();
    // newest first: the latest jump counts, and only while fewer than settleReadings followed it
    for (int i = valid.size() - 1, after = 0; i > 0 && after < settleReadings; i--, after++) {
      Sample before = valid.get(i - 1);
      Sample now = valid.get(i);
      double minutes = Math.max(Duration.between(before.ts(), now.ts()).toMillis(), 60_000) / 60_000.0;
      double rate = Math.abs(now.value() - before.value()) / minutes;
      if (rate > limit) {
        return Optional.of(new Finding(SensorState.SUSPECT, "spike", now.ts(), metric.wireName() + " from "
            + before.value() + " to " + now.value() + " in " + Duration.between(before.ts(), now.ts()).toSeconds()
            + " s (at most " + limit + " a minute is possible)"));
      }
    }
    return Optional.empty();
  }

  private static Map<Metric, Double> defaults() {
    Map<Metric, Double> m = new EnumMap<>(Metric.class);
    m.put(Metric.WATER_LEVEL_CM, 50.0);
    m.put(Metric.TEMPERATURE_C, 5.0);
    m.put(Metric.HUMIDITY_PCT, 30.0);
    m.put(Metric.PM25, 400.0);
    m.put(Metric.PM10, 400.0);
    return m;
  }
}
