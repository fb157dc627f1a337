package id.pantau.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteReportTest {
  private static final Machine MACHINE = new Machine(2, 24_000, "OpenJDK 17", "Linux", "17.6");

  @Test
  void aTargetIsJudgedOnTheRatioOrOnTheBound() {
    Figure ingest = Figure.ratio("ingest", 270_000, "readings/s", "COPY", 300_000, 0.9, null);
    assertEquals(0.9, ingest.ratio(), 1e-9);
    assertTrue(ingest.met());
    assertFalse(Figure.ratio("ingest", 260_000, "readings/s", "COPY", 300_000, 0.9, null).met());
    assertTrue(Figure.bound("p99", 19.9, "ms", 20, null).met());
    assertFalse(Figure.bound("p99", 25.2, "ms", 20, null).met());
    assertEquals(null, Figure.of("heap", 14, "MiB", null).met());
  }

  @Test
  void writesJsonAndHtmlAndFlagsARatioMoreThanTenPercentWorseAsARegression(@TempDir Path dir) throws Exception {
    SuiteReport before = report(Figure.ratio("ingest", 300_000, "readings/s", "COPY", 300_000, 0.9, null),
        Figure.bound("p99 at half the knee", 10, "ms", 20, null));
    before.write(dir.resolve("before"));
    JsonObject json = new JsonObject(Files.readString(dir.resolve("before/result.json")));
    assertEquals(1.0, json.getJsonArray("figures").getJsonObject(0).getDouble("ratio"), 1e-9);
    assertEquals(2, json.getJsonObject("machine").getInteger("cores"));
    String html = Files.readString(dir.resolve("before/report.html"));
    assertTrue(html.contains("<table>") && html.contains("ingest") && !html.contains("http://") && !html.contains("https://"));

    String same = report(Figure.ratio("ingest", 290_000, "readings/s", "COPY", 300_000, 0.9, null),
        Figure.bound("p99 at half the knee", 10.5, "ms", 20, null)).compare(dir.resolve("before/result.json"), 0.1);
    assertTrue(same.contains("no regressions"), same);

    String worse = report(Figure.ratio("ingest", 240_000, "readings/s", "COPY", 300_000, 0.9, null),
        Figure.bound("p99 at half the knee", 15, "ms", 20, null)).compare(dir.resolve("before/result.json"), 0.1);
    assertTrue(worse.contains("2 regression(s)"), worse);
  }

  private static SuiteReport report(Figure... figures) {
    return new SuiteReport("test", "quick", MACHINE, List.of(figures), List.of(), List.of(), List.of(), 0.1);
  }
}
