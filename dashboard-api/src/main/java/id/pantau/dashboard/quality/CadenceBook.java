package id.pantau.dashboard.quality;

import id.pantau.wire.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often each sensor is expected to report each metric: what the city file declares for the
 * metric, else what was learned from the sensor's own readings (the median interval of the
 * health window, remembered so that a sensor that fell silent keeps the cadence it had), else
 * the configured default.
 */
final class CadenceBook {
  private static final int MIN_INTERVALS = 2;

  private final Map<String, Duration> learned = new ConcurrentHashMap<>();
  private final Duration fallback;

  CadenceBook(Duration fallback) {
    this.fallback = fallback;
  }

  /** Learns from the window's readings (oldest first) when there are enough of them. */
  void learn(String city, String sensor, Metric metric, List<Sample> samples) {
    median(samples).ifPresent(d -> learned.put(key(city, sensor, metric), d));
  }

  Duration cadence(Map<Metric, Duration> declared, String city, String sensor, Metric metric) {
    Duration d = declared.get(metric);
    if (d != null) {
      return d;
    }
    return learned.getOrDefault(key(city, sensor, metric), fallback);
  }

  /**
   * The interval to judge silence by: the expected one, or the sensor's own when it reports faster
   * (a sensor set to report every 10 s in a city that declares a minute has stopped after 30 s).
   */
  Duration forSilence(Map<Metric, Duration> declared, String city, String sensor, Metric metric) {
    Duration expected = cadence(declared, city, sensor, metric);
    Duration own = learned.get(key(city, sensor, metric));
    return own != null && own.compareTo(expected) < 0 ? own : expected;
  }

  /** The median interval between consecutive readings of distinct times, if there are enough. */
  static java.util.Optional<Duration> median(List<Sample> samples) {
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < samples.size(); i++) {
      long gap = samples.get(i).ts().toEpochMilli() - samples.get(i - 1).ts().toEpochMilli();
      if (gap > 0) {
        gaps.add(gap);
      }
    }
    if (gaps.size() < MIN_INTERVALS) {
      return java.util.Optional.empty();
    }
    gaps.sort(null);
    return java.util.Optional.of(Duration.ofMillis(gaps.get(gaps.size() / 2)));
  }

  private static String key(String city, String sensor, Metric metric) {
    return city + "/" + sensor + "/" + metric.wireName();
  }
}
