package id.pantau.dashboard.alert;

import java.util.Locale;

/**
 * What a rule sees for one subject right now. {@link State#OPEN}: past the opening level;
 * {@link State#HOLD}: between the clearing and the opening level, where an open alert stays
 * open and no new one opens (hysteresis); {@link State#CLEAR}: back to normal.
 *
 * @param subject what the alert is about, unique within its rule (a sensor, a gateway, a kecamatan)
 */
record AlertCondition(String rule, String subject, String kecamatan, State state, String severity,
                      String title, String titleEn, Double value) {
  enum State { OPEN, HOLD, CLEAR }

  String key() {
    return rule + "/" + subject;
  }

  // below this a double's whole value is exact and fits a long; beyond it a cast to long saturates
  private static final double WHOLE_LIMIT = 1e15;

  /** A figure in a title: whole numbers without decimals, others with one, huge ones in scientific notation. */
  static String fmt(double v) {
    if (!Double.isFinite(v) || Math.abs(v) >= WHOLE_LIMIT) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
