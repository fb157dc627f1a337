package id.pantau.dashboard.quality;

import id.pantau.config.ConfigException;
import id.pantau.config.ConfigTree;
import java.time.Duration;

/**
 * The sensor health checks' settings ({@code sensorHealth.*}).
 *
 * @param window how far back the stored readings are read for the stuck, spike and out-of-range
 *     checks, and for learning a sensor's cadence; the cost of a check grows with it
 * @param stuckReadings, stuckFor a metric that normally moves stuck at one value for at least this
 *     many readings spanning at least this long
 * @param spikeSettleReadings readings at believable rates after a spike before the sensor is trusted again
 *     (0: no spike check)
 * @param silentCadences, silentMin quiet for this many expected intervals, and at least this long
 * @param lateAfter the newest reading stored more than this after its timestamp (beyond its gateway's lag)
 * @param defaultCadence the expected interval of a sensor whose metric the city does not declare and
 *     whose interval cannot be learned yet
 * @param interval how often a city is assessed; the ticks between reuse the last assessment (0: every tick)
 */
public record SensorHealthConfig(Duration window, int stuckReadings, Duration stuckFor, int spikeSettleReadings,
                                 int silentCadences, Duration silentMin, Duration lateAfter, Duration defaultCadence,
                                 Duration interval) {
  public SensorHealthConfig {
    if (window.compareTo(stuckFor) < 0) {
      throw new ConfigException("sensorHealth.window", "must be at least sensorHealth.stuckFor (" + stuckFor
          + ") or no sensor could ever be found stuck, is " + window);
    }
  }

  public static SensorHealthConfig from(ConfigTree c) {
    return new SensorHealthConfig(positive(c, "sensorHealth.window"), c.integer("sensorHealth.stuckReadings", 2, 100_000),
        c.duration("sensorHealth.stuckFor"), c.integer("sensorHealth.spikeSettleReadings", 0, 100_000),
        c.integer("sensorHealth.silentCadences", 1, 1_000), c.duration("sensorHealth.silentMin"),
        positive(c, "sensorHealth.lateAfter"), positive(c, "sensorHealth.defaultCadence"),
        c.duration("sensorHealth.interval"));
  }

  /** The defaults, for tests and for callers without a configuration. */
  public static SensorHealthConfig defaults() {
    return new SensorHealthConfig(Duration.ofMinutes(45), 6, Duration.ofMinutes(30), 5, 3, Duration.ofMinutes(5),
        Duration.ofMinutes(30), Duration.ofSeconds(60), Duration.ZERO);
  }

  private static Duration positive(ConfigTree c, String key) {
    Duration d = c.duration(key);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(key, "must be longer than zero, is " + d);
    }
    return d;
  }
}
