package id.pantau.dashboard.rapor;

import java.util.List;

/** Percentiles as PostgreSQL's {@code percentile_cont} computes them (linear between neighbours), and rounding. */
final class Percentiles {
  private Percentiles() {
  }

  /** The {@code p}-quantile (0..1) of the values, or null when there are none. */
  static Double of(List<Double> values, double p) {
    if (values.isEmpty()) {
      return null;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  /** Two decimals: enough for hours, minutes and percentages, and figures a person can check by hand. */
  static Double round(Double v) {
    return v == null ? null : Math.round(v * 100.0) / 100.0;
  }
}
