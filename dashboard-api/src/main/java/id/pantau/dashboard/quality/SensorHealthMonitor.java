package id.pantau.dashboard.quality;

import id.pantau.city.City;
import id.pantau.dashboard.readmodel.HourCount;
import id.pantau.wire.Metric;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Assesses a city's sensors and the completeness of its data from what is stored (the snapshot
 * ticker calls it every tick, before the hazard KPIs, which leave out the sensors it finds
 * suspect); at most once per {@code sensorHealth.interval}, the ticks between getting the last
 * assessment. Remembers since when each sensor has been in its state, so that a fault seen
 * across many ticks keeps its first time even as the window slides past it.
 */
public final class SensorHealthMonitor {
  private static final Duration DAY = Duration.ofHours(24);

  private final SensorHealthStore store;
  private final SensorHealthConfig config;
  private final SensorHealth health;
  private final CadenceBook cadences;
  private final Map<String, Map<String, SensorStatus>> previous = new ConcurrentHashMap<>();
  private final Map<String, QualityReport> lastReport = new ConcurrentHashMap<>();

  public SensorHealthMonitor(javax.sql.DataSource ds, SensorHealthConfig config) {
    this.store = new SensorHealthStore(ds);
    this.config = config;
    this.health = new SensorHealth(config);
    this.cadences = new CadenceBook(config.defaultCadence());
  }

  /**
   * Blocking: call from a worker.
   *
   * @param refused messages refused per kecamatan and hour over the last 25 hours (the ingest view's)
   */
  public QualityReport assess(City city, int cityId, Instant now, List<HourCount> refused) throws SQLException {
    QualityReport last = lastReport.get(city.slug());
    if (last != null && now.isBefore(last.computedAt().plus(config.interval()))) {
      return last;
    }
    QualityReport fresh = assessNow(city, cityId, now, refused);
    lastReport.put(city.slug(), fresh);
    return fresh;
  }

  private QualityReport assessNow(City city, int cityId, Instant now, List<HourCount> refused) throws SQLException {
    List<SensorHealthStore.SensorRow> rows = store.sensors(cityId);
    Map<Integer, Map<Metric, List<Sample>>> window = store.window(cityId, now.minus(config.window()), now.plus(DAY),
        judged(city));
    List<SensorStatus> statuses = new ArrayList<>();
    Map<String, List<Completeness.Expectation>> expected = new HashMap<>();
    Map<String, SensorStatus> before = previous.getOrDefault(city.slug(), Map.of());
    Map<String, SensorStatus> now0 = new HashMap<>();
    for (SensorHealthStore.SensorRow row : rows) {
      Map<Metric, List<Sample>> samples = window.getOrDefault(row.id(), Map.of());
      samples.forEach((m, list) -> cadences.learn(city.slug(), row.sensor(), m, list.stream()
          .filter(s -> !s.flagged()).toList()));
      Set<Metric> metrics = new LinkedHashSet<>(row.metrics());
      Duration cadence = null;
      for (Metric m : metrics) {
        Duration d = cadences.cadence(city.expectedCadence(), city.slug(), row.sensor(), m);
        Duration quiet = cadences.forSilence(city.expectedCadence(), city.slug(), row.sensor(), m);
        cadence = cadence == null || quiet.compareTo(cadence) < 0 ? quiet : cadence;
        if (row.maintenance() == null) {
          expected.computeIfAbsent(row.kecamatan(), k -> new ArrayList<>())
              .add(new Completeness.Expectation(row.firstSeen(), d));
        }
      }
      Map<Metric, List<Sample>> ordered = new EnumMap<>(Metric.class);
      ordered.putAll(samples);
      SensorFacts facts = new SensorFacts(row.sensor(), row.kecamatan(), ordered, row.lastStored(),
          row.newestTs(), row.gateway(), row.gatewayLastBatch(), row.gatewayLagMs(),
          cadence == null ? config.defaultCadence() : cadence, row.maintenance());
      SensorStatus status = keepSince(health.judge(facts, now), before.get(row.sensor()));
      now0.put(row.sensor(), status);
      statuses.add(status);
    }
    previous.put(city.slug(), now0);
    return report(city, cityId, now, statuses, expected, refused);
  }

  /** The metrics whose readings the checks judge, or whose cadence the city leaves to be learned. */
  private static Set<Metric> judged(City city) {
    Set<Metric> metrics = java.util.EnumSet.copyOf(StuckDetector.MOVING);
    metrics.addAll(SpikeDetector.MAX_PER_MINUTE.keySet());
    for (Metric m : Metric.values()) {
      if (!city.expectedCadence().containsKey(m)) {
        metrics.add(m);
      }
    }
    return metrics;
  }

  /** A sensor still in the same state for the same reason keeps the earlier of the two since-times. */
  private static SensorStatus keepSince(SensorStatus fresh, SensorStatus before) {
    if (before != null && before.state() == fresh.state() && java.util.Objects.equals(before.reason(), fresh.reason())
        && before.since() != null && (fresh.since() == null || before.since().isBefore(fresh.since()))) {
      return fresh.withSince(before.since());
    }
    return fresh;
  }

  private QualityReport report(City city, int cityId, Instant now, List<SensorStatus> statuses,
                               Map<String, List<Completeness.Expectation>> expected, List<HourCount> refused)
      throws SQLException {
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    Instant from = hour.minus(DAY);
    Instant to = hour.plus(Duration.ofHours(1));
    HourTable counts = new HourTable(from);
    store.counted(cityId, from, to).forEach(c -> counts.add(c, counts.received));
    store.flagged(cityId, from, to).forEach(c -> {
      counts.add(c, counts.received);
      counts.add(c, counts.flagged);
    });
    refused.forEach(c -> counts.add(c, counts.refused));
    List<QualityReport.KecamatanQuality> kecamatan = new ArrayList<>();
    List<Completeness.Expectation> all = new ArrayList<>();
    for (var k : city.kecamatan()) {
      List<Completeness.Expectation> ex = expected.getOrDefault(k.slug(), List.of());
      all.addAll(ex);
      List<SensorStatus> own = statuses.stream().filter(s -> s.kecamatan().equals(k.slug())).toList();
      kecamatan.add(counts.figures(k.slug(), ex, own, now));
    }
    return new QualityReport(now, List.copyOf(statuses), List.copyOf(kecamatan),
        counts.figures(null, all, statuses, now));
  }
}
