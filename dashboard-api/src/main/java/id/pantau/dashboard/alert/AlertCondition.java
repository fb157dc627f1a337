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

  /** A figure in a title: whole numbers without decimals, others with one. */
  static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
