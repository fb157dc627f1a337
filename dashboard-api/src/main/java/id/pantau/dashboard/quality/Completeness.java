package id.pantau.dashboard.quality;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How much of what was expected arrived over one span of time, for a kecamatan or the city.
 *
 * @param expected readings expected: for every (sensor, metric) the kecamatan has, the part of the
 *     span since the sensor was first seen divided by its expected interval; a sensor in
 *     maintenance expects nothing
 * @param received readings stored, flagged ones included (they arrived; they just do not count)
 * @param percent received of expected, at most 100; null when nothing was expected
 */
public record Completeness(Instant from, Instant to, double expected, long received, Double percent) {

  /** One (sensor, metric) that is expected to report every {@code cadence} since {@code firstSeen}. */
  public record Expectation(Instant firstSeen, Duration cadence) {
  }

  /** Pure. */
  public static Completeness of(Instant from, Instant to, List<Expectation> expectations, long received) {
    double expected = 0;
    for (Expectation e : expectations) {
      Instant start = e.firstSeen() != null && e.firstSeen().isAfter(from) ? e.firstSeen() : from;
      if (start.isBefore(to)) {
        expected += (double) Duration.between(start, to).toMillis() / e.cadence().toMillis();
      }
    }
    return new Completeness(from, to, expected, received, expected <= 0 ? null
        : Math.min(100.0, Math.round(1000.0 * received / expected) / 10.0));
  }
}
