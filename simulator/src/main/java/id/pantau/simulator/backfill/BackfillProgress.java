package id.pantau.simulator.backfill;

import java.io.PrintStream;
import java.util.Locale;

/** The backfill's progress line: percent of days written, rows so far, rows/s, and the time left. */
final class BackfillProgress {
  private final PrintStream out;
  private final boolean quiet;
  private final int days;
  private final long startNanos = System.nanoTime();
  private long lastPrint;

  BackfillProgress(PrintStream out, boolean quiet, int days) {
    this.out = out;
    this.quiet = quiet;
    this.days = days;
  }

  void day(int done, long rows) {
    long now = System.nanoTime();
    if (quiet || (now - lastPrint < 1_000_000_000L && done < days)) {
      return;
    }
    lastPrint = now;
    double seconds = seconds();
    double eta = done == 0 ? 0 : seconds / done * (days - done);
    out.printf(Locale.ROOT, "backfill %5.1f%%  day %d/%d  %,d rollup rows  %,.0f rows/s  ETA %s%n",
        100.0 * done / days, done, days, rows, rows / Math.max(seconds, 1e-3), duration(eta));
  }

  double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
        : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
