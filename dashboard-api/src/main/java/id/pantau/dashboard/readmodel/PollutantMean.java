package id.pantau.dashboard.readmodel;

import id.pantau.wire.Metric;

/** A kecamatan's 24-hour mean concentration of one pollutant, from the one-minute rollups. */
public record PollutantMean(String kecamatan, Metric pollutant, double mean, long readings) {

  /**
   * Pure: the means without the readings of {@code left} (the same kecamatan and pollutant, as
   * means of their own); a mean left with no reading is dropped.
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
        out.add(new PollutantMean(m.kecamatan(), m.pollutant(), sum / n, n));
      }
    }
    return out;
  }
}
