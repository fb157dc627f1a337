package id.pantau.simulator.cli;

/** Reads durations as people type them: {@code 90}, {@code 90s}, {@code 500ms}, {@code 5m}, {@code 1h}. */
final class Durations {
  private Durations() {
  }

  static double seconds(String option, String text) throws UsageException {
    String t = text.trim();
    double factor = 1;
    if (t.endsWith("ms")) {
      factor = 0.001;
      t = t.substring(0, t.length() - 2);
    } else if (t.endsWith("s")) {
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      factor = 60;
      t = t.substring(0, t.length() - 1);
    } else if (t.endsWith("h")) {
      factor = 3600;
      t = t.substring(0, t.length() - 1);
    }
    try {
      double v = Double.parseDouble(t) * factor;
      if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + " must be a duration like 90s, 500ms, 5m or 1h, is '" + text + "'");
    }
  }
}
