package id.pantau.benchmarks;

import id.pantau.simulator.report.SvgChart;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The suite's result as JSON (to keep and compare) and as a self-contained HTML page. */
final class SuiteReport {
  private final JsonObject json;
  private final List<Figure> figures;
  private final List<KneeSweep.Step> sweep;
  private final List<double[]> sizes;

  SuiteReport(String command, String profile, Machine machine, List<Figure> figures, List<KneeSweep.Step> sweep,
              List<double[]> sizes, List<String> notes, double minutes) {
    this.figures = figures;
    this.sweep = sweep;
    this.sizes = sizes;
    JsonArray f = new JsonArray();
    figures.forEach(x -> f.add(x.json()));
    JsonArray s = new JsonArray();
    sweep.forEach(x -> s.add(new JsonObject().put("offeredMessagesPerSecond", x.offeredMessagesPerSecond())
        .put("ackedMessagesPerSecond", x.ackedMessagesPerSecond()).put("p50Ms", x.p50Millis()).put("p99Ms", x.p99Millis())
        .put("late", x.late()).put("scheduled", x.scheduled())));
    JsonArray z = new JsonArray();
    sizes.forEach(x -> z.add(new JsonObject().put("readingsPerMessage", (int) x[0]).put("readingsPerSecond", x[1])
        .put("messagesPerSecond", x[2]).put("p99Ms", x[3])));
    json = new JsonObject().put("command", command).put("profile", profile).put("machine", machine.json())
        .put("date", java.time.Instant.now().toString()).put("minutes", minutes).put("figures", f).put("kneeSweep", s)
        .put("messageSizes", z).put("notes", new JsonArray(notes));
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("result.json"), json.encodePrettily(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.html"), html(), StandardCharsets.UTF_8);
  }

  /** Each ratio (or bounded value) now and in the earlier result; one worse by more than {@code tolerance} is a regression. */
  String compare(Path earlier, double tolerance) throws IOException {
    double keep = 1 - tolerance;
    JsonObject old = new JsonObject(Files.readString(earlier));
    StringBuilder b = new StringBuilder("== Compared with " + earlier + " (" + old.getString("date") + ", "
        + old.getJsonObject("machine", new JsonObject()).getInteger("cores") + " cores; tolerance "
        + Math.round(tolerance * 100) + "%) ==\n");
    int regressions = 0;
    for (Figure f : figures) {
      JsonObject then = old.getJsonArray("figures").stream().map(o -> (JsonObject) o)
          .filter(o -> f.name().equals(o.getString("name"))).findFirst().orElse(null);
      if (then == null) {
        continue;
      }
      Double nowValue = f.ratio() != null ? f.ratio() : f.target() != null ? Double.valueOf(f.value()) : null;
      Double thenValue = f.ratio() != null ? then.getDouble("ratio") : f.target() != null ? then.getDouble("value") : null;
      if (nowValue == null || thenValue == null || thenValue == 0) {
        continue;
      }
      boolean worse = f.lowerIsBetter() ? nowValue > thenValue / keep : nowValue < thenValue * keep;
      regressions += worse ? 1 : 0;
      b.append(String.format("%-52s then %10.2f  now %10.2f  %s%n", f.name() + (f.ratio() != null ? " (ratio)" : ""),
          thenValue, nowValue, worse ? "REGRESSION" : "ok"));
    }
    b.append(regressions == 0 ? "no regressions\n" : regressions + " regression(s)\n");
    return b.toString();
  }

  private String html() {
    StringBuilder rows = new StringBuilder();
    for (Figure f : figures) {
      Boolean met = f.met();
      rows.append("<tr><td>").append(esc(f.name())).append("</td><td>").append(String.format("%,.1f %s", f.value(), esc(f.unit())))
          .append("</td><td>").append(f.baseline() == null ? "" : esc(f.baselineName()) + String.format(" %,.1f", f.baseline()))
          .append("</td><td>").append(f.ratio() == null ? "" : String.format("%.2fx", f.ratio()))
          .append("</td><td class=\"").append(met == null ? "" : met ? "met" : "missed").append("\">")
          .append(f.target() == null ? "" : (f.lowerIsBetter() ? "&le; " + f.target() : "&ge; " + f.target() + "x")
              + (met ? " met" : " missed"))
          .append("</td><td>").append(f.note() == null ? "" : esc(f.note())).append("</td></tr>");
    }
    String charts = "";
    if (!sweep.isEmpty()) {
      double[] x = sweep.stream().mapToDouble(KneeSweep.Step::offeredMessagesPerSecond).toArray();
      charts += "<h2>Knee sweep: PUBACK latency against offered load</h2>" + SvgChart.render("ms", " msg/s", x, List.of(
          new SvgChart.Series("p99", "#d62728", sweep.stream().mapToDouble(KneeSweep.Step::p99Millis).toArray()),
          new SvgChart.Series("p50", "#1f77b4", sweep.stream().mapToDouble(KneeSweep.Step::p50Millis).toArray())))
          + "<h2>Knee sweep: acknowledged against offered</h2>" + SvgChart.render("msg/s", " msg/s", x, List.of(
          new SvgChart.Series("offered", "#999999", x),
          new SvgChart.Series("acknowledged", "#2ca02c", sweep.stream().mapToDouble(KneeSweep.Step::ackedMessagesPerSecond).toArray())));
    }
    if (!sizes.isEmpty()) {
      double[] x = sizes.stream().mapToDouble(s -> s[0]).toArray();
      charts += "<h2>Message size: readings per second by readings per message</h2>" + SvgChart.render("readings/s",
          " per msg", x, List.of(new SvgChart.Series("readings/s", "#9467bd", sizes.stream().mapToDouble(s -> s[1]).toArray())));
    }
    JsonObject m = json.getJsonObject("machine");
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Pantau benchmarks</title><style>"
        + "body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse}"
        + "td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}.met{color:#1a7f37}.missed{color:#c0392b}"
        + "</style></head><body><h1>Pantau benchmark suite (" + esc(json.getString("profile")) + ")</h1>"
        + "<p>" + esc(json.getString("command")) + "<br>" + m.getInteger("cores") + " cores, " + m.getLong("memoryMiB")
        + " MiB, " + esc(m.getString("jdk")) + ", " + esc(m.getString("os")) + ", PostgreSQL " + esc(m.getString("postgres"))
        + "<br>" + esc(json.getString("date")) + "</p><table><tr><th>figure</th><th>value</th><th>baseline (same run)</th>"
        + "<th>ratio</th><th>target</th><th>note</th></tr>" + rows + "</table>" + charts
        + "<h2>Notes</h2><ul>" + json.getJsonArray("notes").stream().map(n -> "<li>" + esc(String.valueOf(n)) + "</li>")
            .reduce("", String::concat) + "</ul></body></html>\n";
  }

  private static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
