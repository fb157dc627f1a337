package id.pantau.dashboard.quality;

import id.pantau.wire.Metric;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A sensor whose newest readings of a metric that normally moves are all the same value, at least
 * {@code minReadings} of them spanning at least {@code minSpan}: a frozen ADC, a gateway repeating
 * its last value, a blocked inlet. Both bounds must hold, so a fast sensor reading the same whole
 * number a few times in clean air is not stuck, nor is a slow one that sent two equal readings.
 * Flagged readings are skipped: they are a fault of their own.
 */
public final class StuckDetector {
  /**
   * Quantities that never hold perfectly still while a sensor works: air pollutants, temperature,
   * humidity and noise carry measurement noise in their last digit. Not rain (zero for days in the
   * dry season), counts, bin fill or lamp power (legitimately constant), nor water level (a calm
   * river read to the centimetre can rest for hours).
   */
  static final Set<Metric> MOVING = EnumSet.of(Metric.PM25, Metric.PM10, Metric.CO, Metric.NO2, Metric.SO2,
      Metric.O3, Metric.TEMPERATURE_C, Metric.HUMIDITY_PCT, Metric.NOISE_DB);

  private final int minReadings;
  private final Duration minSpan;

  public StuckDetector(int minReadings, Duration minSpan) {
    if (minReadings < 2) {
      throw new IllegalArgumentException("a stuck value needs at least 2 readings, is " + minReadings);
    }
    this.minReadings = minReadings;
    this.minSpan = minSpan;
  }

  /** @param samples one metric of one sensor, oldest first */
  public Optional<Finding> check(Metric metric, List<Sample> samples) {
    if (!MOVING.contains(metric)) {
      return Optional.empty();
    }
    Sample newest = null;
    Sample runStart = null;
    int run = 0;
    for (int i = samples.size() - 1; i >= 0; i--) {
      Sample s = samples.get(i);
      if (s.flagged()) {
        continue;
      }
      if (newest == null) {
        newest = s;
      } else if (Double.compare(s.value(), newest.value()) != 0) {
        break;
      }
      runStart = s;
      run++;
    }
    if (run < minReadings || Duration.between(runStart.ts(), newest.ts()).compareTo(minSpan) < 0) {
      return Optional.empty();
    }
    return Optional.of(new Finding(SensorState.SUSPECT, "stuck", runStart.ts(), metric.wireName() + " at "
        + newest.value() + " for " + run + " readings since " + runStart.ts()));
  }
}
