package id.pantau.dashboard.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Readings received, flagged and refused per kecamatan over 25 hours (24 complete and the one
 * under way), and the completeness figures made from them.
 */
final class HourTable {
  private static final int HOURS = 25;
  final Map<String, long[]> received = new HashMap<>();
  final Map<String, long[]> flagged = new HashMap<>();
  final Map<String, long[]> refused = new HashMap<>();
  private final Instant from;

  /** @param from the start of the first complete hour */
  HourTable(Instant from) {
    this.from = from;
  }

  void add(id.pantau.dashboard.readmodel.HourCount c, Map<String, long[]> into) {
    int i = (int) Duration.between(from, c.hour()).toHours();
    if (i >= 0 && i < HOURS) {
      into.computeIfAbsent(c.kecamatan(), k -> new long[HOURS])[i] += c.count();
    }
  }

  /**
   * @param kecamatan null: the whole city (every kecamatan's counts)
   * @param now the hour under way is counted to its minute, so the figures (and the view's ETag) stay
   *     the same between ticks of one minute
   */
  QualityReport.KecamatanQuality figures(String kecamatan, List<Completeness.Expectation> expected,
                                         List<SensorStatus> sensors, Instant now) {
    long[] got = sum(received, kecamatan);
    long[] bad = sum(flagged, kecamatan);
    long[] refusedOf = sum(refused, kecamatan);
    List<Completeness> hours = new ArrayList<>();
    long day = 0;
    long flaggedDay = 0;
    long refusedDay = 0;
    for (int i = 0; i < HOURS - 1; i++) {
      Instant start = from.plus(Duration.ofHours(i));
      hours.add(Completeness.of(start, start.plus(Duration.ofHours(1)), expected, got[i]));
      day += got[i];
      flaggedDay += bad[i];
      refusedDay += refusedOf[i];
    }
    Instant current = from.plus(Duration.ofHours(HOURS - 1));
    Map<SensorState, Integer> byState = new EnumMap<>(SensorState.class);
    for (SensorState s : SensorState.values()) {
      byState.put(s, 0);
    }
    List<String> silent = new ArrayList<>();
    for (SensorStatus s : sensors) {
      byState.merge(s.state(), 1, Integer::sum);
      if (s.state() == SensorState.SILENT) {
        silent.add(s.sensor());
      }
    }
    return new QualityReport.KecamatanQuality(kecamatan, List.copyOf(hours),
        Completeness.of(from, current, expected, day), Completeness.of(current, now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES), expected, got[HOURS - 1]),
        byState, List.copyOf(silent), new QualityReport.Counts(bad[HOURS - 2], flaggedDay, bad[HOURS - 1]),
        new QualityReport.Counts(refusedOf[HOURS - 2], refusedDay, refusedOf[HOURS - 1]));
  }

  private static long[] sum(Map<String, long[]> counts, String kecamatan) {
    if (kecamatan != null) {
      return counts.getOrDefault(kecamatan, new long[HOURS]);
    }
    long[] total = new long[HOURS];
    counts.values().forEach(c -> {
      for (int i = 0; i < HOURS; i++) {
        total[i] += c[i];
      }
    });
    return total;
  }
}
