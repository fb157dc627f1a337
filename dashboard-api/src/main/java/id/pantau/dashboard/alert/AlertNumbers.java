package id.pantau.dashboard.alert;

import java.util.Locale;

/** Numbers in alert titles: whole numbers as such, others to one decimal, huge ones in scientific notation. */
final class AlertNumbers {
  // below this a double's whole value is exact and fits a long; beyond it a cast to long saturates
  private static final double WHOLE_LIMIT = 1e15;

  private AlertNumbers() {
  }

  static String format(double v) {
    if (!Double.isFinite(v) || Math.abs(v) >= WHOLE_LIMIT) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
