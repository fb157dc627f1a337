package id.pantau.dashboard.readmodel;

import id.pantau.wire.Metric;

/**
 * A kecamatan's 24-hour mean concentration of one pollutant, from the one-minute rollups.
 *
 * @param hoursWithData clock hours of the 24 hours with at least one reading (at most 25: the
 *     window starts within an hour)
 * @param hoursSpanned clock hours from the first of them to the hour under way, both counted: how
 *     many could have had data since the pollutant was first measured within the window
 */
public record PollutantMean(String kecamatan, Metric pollutant, double mean, long readings, int hoursWithData,
                            int hoursSpanned) {

  /** A mean with data in every hour of its 24 (fixtures; the stores count hours). */
  public PollutantMean(String kecamatan, Metric pollutant, double mean, long readings) {
    this(kecamatan, pollutant, mean, readings, 24, 24);
  }

  /**
   * Pure: the means without the readings of {@code left} (the same kecamatan and pollutant, as
   * means of their own); a mean left with no reading is dropped. Its hours stay as counted: the
   * rollups do not say whose readings made an hour, so an hour only a removed sensor filled still
   * counts (a kecamatan whose only sensor is removed has no mean left at all).
   */
  public static java.util.List<PollutantMean> without(java.util.List<PollutantMean> means,
                                                      java.util.List<PollutantMean> left) {
    if (left.isEmpty()) {
      return means;
    }
    java.util.List<PollutantMean> out = new java.util.ArrayList<>();
    for (PollutantMean m : means) {
      double sum = m.mean() * m.readings();
      long n = m.readings();
      for (PollutantMean l : left) {
        if (l.kecamatan().equals(m.kecamatan()) && l.pollutant() == m.pollutant()) {
          sum -= l.mean() * l.readings();
          n -= l.readings();
        }
      }
      if (n > 0) {
        out.add(new PollutantMean(m.kecamatan(), m.pollutant(), sum / n, n, m.hoursWithData(), m.hoursSpanned()));
      }
    }
    return out;
  }
}
