package id.pantau.benchmarks;

import io.vertx.core.json.JsonObject;

/**
 * One measured figure beside the baseline it is judged against, both from the same run.
 *
 * @param target the lowest acceptable ratio (or, for {@code lowerIsBetter}, the highest value), or null
 */
record Figure(String name, double value, String unit, String baselineName, Double baseline, Double target,
              boolean lowerIsBetter, String note) {

  static Figure of(String name, double value, String unit, String note) {
    return new Figure(name, value, unit, null, null, null, false, note);
  }

  static Figure ratio(String name, double value, String unit, String baselineName, double baseline, Double target,
                      String note) {
    return new Figure(name, value, unit, baselineName, baseline, target, false, note);
  }

  static Figure bound(String name, double value, String unit, double limit, String note) {
    return new Figure(name, value, unit, null, null, limit, true, note);
  }

  Double ratio() {
    return baseline == null || baseline == 0 ? null : value / baseline;
  }

  /** Null when there is no target. */
  Boolean met() {
    if (target == null) {
      return null;
    }
    return lowerIsBetter ? value <= target : ratio() != null && ratio() >= target;
  }

  String line() {
    StringBuilder b = new StringBuilder(String.format("%-44s %,14.1f %-12s", name, value, unit));
    if (baseline != null) {
      b.append(String.format(" vs %s %,.1f: %.2fx", baselineName, baseline, ratio()));
    }
    if (target != null) {
      b.append(lowerIsBetter ? String.format("  target <= %s", trim(target)) : String.format("  target >= %.2fx", target));
      b.append(met() ? "  MET" : "  MISSED");
    }
    if (note != null) {
      b.append("  (").append(note).append(')');
    }
    return b.toString();
  }

  JsonObject json() {
    return new JsonObject().put("name", name).put("value", value).put("unit", unit).put("baselineName", baselineName)
        .put("baseline", baseline).put("ratio", ratio()).put("target", target).put("lowerIsBetter", lowerIsBetter)
        .put("met", met()).put("note", note);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
