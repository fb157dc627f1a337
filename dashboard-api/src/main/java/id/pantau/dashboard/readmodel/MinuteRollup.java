package id.pantau.dashboard.readmodel;

import java.time.Instant;

/**
 * One metric's one-minute rollup, for one kecamatan or (kecamatan null) summed over a city.
 */
public record MinuteRollup(String kecamatan, String metric, Instant minute, long count, double sum, double min,
                           double max) {
  public double mean() {
    return sum / count;
  }
}
