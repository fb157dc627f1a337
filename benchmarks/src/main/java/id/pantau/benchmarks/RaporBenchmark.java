package id.pantau.benchmarks;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * The rapor over a month and over a year for Bandung (issue 16: under 1 s and under 5 s), on a
 * year of history written by bulk SQL: Bandung's complaints at a realistic volume (100 a day, some
 * 3,000 a month, each created, dispatched and mostly resolved), an alert every 30 minutes, and the
 * hourly rollups the rapor reads (air quality in every kecamatan, river level in ten). A trivial
 * query of the same server ({@code GET /api/v1/health}) is timed in the same run as the baseline.
 *
 * <p>The minute rollups are not written: over whole days the rapor reads {@code rollup_hour} on
 * plain PostgreSQL, and a year of minutes (some 37 million rows) would take the step many minutes
 * to write. On TimescaleDB the rapor reads the continuous aggregate over the minutes instead, so
 * the step runs on the embedded (plain) database only.
 */
final class RaporBenchmark {
  private static final int TIMED = 5;
  private static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");

  private final BenchmarkServer bench;
  private final PrintStream out;
  private final List<Figure> figures;
  private final List<String> notes;

  RaporBenchmark(BenchmarkServer bench, PrintStream out, List<Figure> figures, List<String> notes) {
    this.bench = bench;
    this.out = out;
    this.figures = figures;
    this.notes = notes;
  }

  void run(int complaintsPerDay) throws Exception {
    if (bench.count("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'") > 0) {
      notes.add("rapor step skipped: on TimescaleDB the rapor reads rollup_1h over the minute rollups, which this"
          + " step does not write");
      out.println("\n[rapor] skipped on TimescaleDB");
      return;
    }
    // the year before this month: its last full month is the month measured, its calendar year the year
    YearMonth month = YearMonth.now(ZONE).minusMonths(1);
    LocalDate first = month.plusMonths(1).atDay(1).minusYears(1);
    String start = "timestamptz '" + first + " 00:00+07'";
    int days = 365;
    out.printf("%n[rapor] a year of Bandung's history from %s by bulk SQL: %,d complaints a day, an alert every"
        + " 30 minutes, hourly rollups%n", first, complaintsPerDay);
    long t0 = System.nanoTime();
    bench.execute("TRUNCATE complaint, complaint_event, alert CASCADE");
    bench.execute("""
        INSERT INTO rollup_hour (kecamatan_id, metric_id, hour, count, sum, min, max)
        SELECT k.id, m.id, %1$s + g * interval '1 hour', 360, 360 * (20 + ((g * 7 + k.id) %% 150)), 5, 30 + ((g + k.id) %% 200)
        FROM generate_series(0, %2$d) g, kecamatan k, metric m
        WHERE k.city_id = (SELECT id FROM city WHERE slug = 'bandung')
          AND (m.name IN ('pm25', 'pm10') OR (m.name = 'water_level_cm' AND k.id %% 3 = 0))""".formatted(start, days * 24 - 1));
    bench.execute("""
        INSERT INTO complaint_event (city_id, complaint_id, event, ts, kecamatan_id, gateway_id, category)
        SELECT k.city_id, 'RB' || g, e.name, t.ts0 + e.off, k.id, 'bench',
               (ARRAY['sampah','banjir','jalan_rusak','pju_mati','air_bersih'])[1 + g %% 5]
        FROM generate_series(0, %2$d) g
        CROSS JOIN LATERAL (SELECT %1$s + (g * (86400.0 / %3$d)) * interval '1 second' AS ts0) t
        JOIN LATERAL (SELECT id, city_id FROM kecamatan WHERE city_id = (SELECT id FROM city WHERE slug = 'bandung')
                      ORDER BY id OFFSET g %% 30 LIMIT 1) k ON true
        JOIN LATERAL (VALUES ('created', interval '0'), ('dispatched', interval '1 hour' * (1 + g %% 97)),
                             ('resolved', interval '1 hour' * (20 + g %% 300))) e(name, off)
          ON e.name <> 'resolved' OR g %% 20 <> 0""".formatted(start, complaintsPerDay * days - 1, complaintsPerDay));
    bench.execute("""
        INSERT INTO complaint (city_id, id, kecamatan_id, category, created_at, state, state_at, resolved_at)
        SELECT city_id, complaint_id, min(kecamatan_id), min(category), min(ts),
               CASE WHEN bool_or(event = 'resolved') THEN 'resolved' ELSE 'dispatched' END, max(ts),
               CASE WHEN bool_or(event = 'resolved') THEN max(ts) END
        FROM complaint_event GROUP BY 1, 2""");
    bench.execute("""
        INSERT INTO alert (city_id, kecamatan_id, rule, subject, severity, title, title_en, opened_at, acknowledged_at, cleared_at)
        SELECT k.city_id, k.id, (ARRAY['threshold','flood','ispu','complaint_breach','gateway_offline'])[1 + g %% 5],
               's' || g, 'warning', 't', 't', %1$s + g * interval '30 minutes',
               CASE WHEN g %% 7 <> 0 THEN %1$s + g * interval '30 minutes' + (g %% 40) * interval '1 minute' END,
               %1$s + g * interval '30 minutes' + (g %% 300) * interval '1 minute'
        FROM generate_series(0, %2$d) g
        JOIN LATERAL (SELECT id, city_id FROM kecamatan WHERE city_id = (SELECT id FROM city WHERE slug = 'bandung')
                      ORDER BY id OFFSET g %% 30 LIMIT 1) k ON true""".formatted(start, days * 48 - 1));
    bench.execute("VACUUM ANALYZE complaint, complaint_event, alert, rollup_hour");
    out.printf("  written in %.1f s: %,d complaints, %,d complaint events, %,d alerts, %,d hourly rollups%n",
        (System.nanoTime() - t0) / 1e9, bench.count("SELECT count(*) FROM complaint"),
        bench.count("SELECT count(*) FROM complaint_event"), bench.count("SELECT count(*) FROM alert"),
        bench.count("SELECT count(*) FROM rollup_hour"));

    String base = "http://127.0.0.1:" + bench.server().httpPort();
    String monthPath = "/api/v1/rapor?city=bandung&period=" + month;
    String yearPath = "/api/v1/rapor?city=bandung&from=" + first + "&to=" + first.plusDays(days - 1L);
    HttpClient http = HttpClient.newHttpClient();
    double health = median(http, base + "/api/v1/health?city=bandung");
    double monthMs = median(http, base + monthPath);
    double yearMs = median(http, base + yearPath);
    figures.add(Figure.of("GET /api/v1/health (baseline, same run)", health, "ms", "median of " + TIMED));
    figures.add(Figure.bound("rapor, Bandung, a month (" + month + ")", monthMs, "ms", 1000,
        "median of " + TIMED + ", beside the month before; " + complaintsPerDay + " complaints/day"));
    figures.add(Figure.bound("rapor, Bandung, a year (" + days + " days)", yearMs, "ms", 5000,
        "median of " + TIMED + ", beside the year before"));
  }

  /** Median wall time of {@link #TIMED} requests after one discarded, in milliseconds; each must answer 200. */
  private double median(HttpClient http, String url) throws Exception {
    double[] ms = new double[TIMED];
    for (int i = -1; i < TIMED; i++) {
      long t = System.nanoTime();
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
      double took = (System.nanoTime() - t) / 1e6;
      if (r.statusCode() != 200) {
        throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + new String(r.body()));
      }
      if (i >= 0) {
        ms[i] = took;
      }
    }
    Arrays.sort(ms);
    out.printf("  %-70s median %8.1f ms (min %.1f, max %.1f)%n", url.replaceFirst("http://[^/]+", ""), ms[TIMED / 2],
        ms[0], ms[TIMED - 1]);
    return ms[TIMED / 2];
  }
}
