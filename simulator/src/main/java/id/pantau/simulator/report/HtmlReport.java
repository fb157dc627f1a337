package id.pantau.simulator.report;

import id.pantau.simulator.load.IntervalSample;
import id.pantau.simulator.load.RunResult;
import java.util.List;

/** A self-contained HTML page: the text report plus latency and throughput over time. */
public final class HtmlReport {
  private HtmlReport() {
  }

  public static String render(RunResult r) {
    List<IntervalSample> t = r.timeline();
    double[] x = new double[t.size()];
    double[] p50 = new double[t.size()];
    double[] p99 = new double[t.size()];
    double[] max = new double[t.size()];
    double[] sent = new double[t.size()];
    double[] acked = new double[t.size()];
    double[] readings = new double[t.size()];
    double previous = 0;
    for (int i = 0; i < t.size(); i++) {
      IntervalSample s = t.get(i);
      double seconds = Math.max(1e-3, s.secondsSinceStart() - previous);
      previous = s.secondsSinceStart();
      x[i] = s.secondsSinceStart();
      p50[i] = s.p50Millis();
      p99[i] = s.p99Millis();
      max[i] = s.maxMillis();
      sent[i] = s.sentMessages() / seconds;
      acked[i] = s.ackedMessages() / seconds;
      readings[i] = s.ackedReadings() / seconds;
    }
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Pantau simulator report</title>"
        + "<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}pre{background:#f6f6f6;padding:12px;"
        + "overflow:auto}h2{margin-top:28px}.pass{color:#1a7f37}.fail{color:#c0392b}</style></head><body>"
        + "<h1>Pantau simulator report</h1>"
        + verdict(r)
        + "<h2>Latency over time</h2><p>From each batch's intended send time to its PUBACK, per second (ms).</p>"
        + SvgChart.render("ms", x, List.of(new SvgChart.Series("p50", "#1f77b4", p50),
            new SvgChart.Series("p99", "#d62728", p99), new SvgChart.Series("max", "#999999", max)))
        + "<h2>Throughput over time</h2><p>Messages per second sent and acknowledged.</p>"
        + SvgChart.render("msg/s", x, List.of(new SvgChart.Series("sent", "#2ca02c", sent),
            new SvgChart.Series("acknowledged", "#ff7f0e", acked)))
        + "<h2>Readings acknowledged per second</h2>"
        + SvgChart.render("readings/s", x, List.of(new SvgChart.Series("readings", "#9467bd", readings)))
        + "<h2>Summary</h2><pre>" + escape(TextReport.render(r)) + "</pre></body></html>\n";
  }

  private static String verdict(RunResult r) {
    RunResult.Verification v = r.verification();
    if (v == null) {
      return "<p>Not verified (run with --verify-db to compare acknowledged and stored readings).</p>";
    }
    return v.passed()
        ? "<p class=\"pass\">Verification passed: every acknowledged reading stored exactly once.</p>"
        : "<p class=\"fail\">Verification failed: " + v.missing() + " missing, " + v.duplicated() + " duplicated, "
            + v.extraUnknown() + " never sent.</p>";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
