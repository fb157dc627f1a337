package id.pantau.benchmarks;

import id.pantau.dashboard.kpi.SeriesQuery;
import id.pantau.dashboard.kpi.SeriesRequest;
import id.pantau.wire.Metric;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import javax.sql.DataSource;

/**
 * What TimescaleDB's compression does to Pantau's raw readings: days of realistic readings
 * written by COPY into the {@code reading} hypertable, compressed by Pantau's own compression
 * policy (its job run now), the compression ratio from {@code chunk_compression_stats}, and
 * dashboard queries timed over the same rows uncompressed and compressed, alternating
 * (COPY, uncompressed, compressed; COPY again, ...) so that both states see the same machine.
 * The answers must not change with compression; the step says so if they do.
 */
final class HypertableBenchmark {
  private static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");
  private static final String KECAMATAN = "coblong";
  private static final int TIMED = 7;

  /** One dashboard query: its name, and how to run it once, returning its answer as text. */
  private interface Query {
    String name();

    /** @param answer whether to return the answer as text (null otherwise: formatting it is not the query's cost) */
    String run(Connection c, boolean answer) throws SQLException;
  }

  private final BenchmarkServer bench;
  private final PrintStream out;
  private final List<Figure> figures;
  private final List<String> notes;

  HypertableBenchmark(BenchmarkServer bench, PrintStream out, List<Figure> figures, List<String> notes) {
    this.bench = bench;
    this.out = out;
    this.figures = figures;
    this.notes = notes;
  }

  void run(int days, int rounds) throws Exception {
    if (bench.count("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'") == 0
        || bench.count("SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_name = 'reading'") == 0) {
      notes.add("hypertable step skipped: reading is not a TimescaleDB hypertable here (run it with --database-url"
          + " pointing at a database with the timescaledb extension)");
      out.println("\n[hypertable] skipped: reading is not a TimescaleDB hypertable in this database");
      return;
    }
    long compressionJob = bench.count("SELECT job_id FROM timescaledb_information.jobs"
        + " WHERE proc_name = 'policy_compression' AND hypertable_name = 'reading'");
    // The scheduler must not compress (or refresh) behind the measurement's back: Pantau's jobs pause for the step.
    bench.execute("SELECT alter_job(job_id, scheduled => false) FROM timescaledb_information.jobs WHERE job_id >= 1000");
    try {
      measure(days, rounds, compressionJob);
    } finally {
      bench.execute("SELECT alter_job(job_id, scheduled => true) FROM timescaledb_information.jobs WHERE job_id >= 1000");
    }
  }

  private void measure(int days, int rounds, long compressionJob) throws Exception {
    DataSource ds = bench.db();
    // whole UTC days ending more than a week ago: every chunk is older than the policy's compressAfter (7 days)
    Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(8L + days, ChronoUnit.DAYS);
    Instant end = start.plus(days, ChronoUnit.DAYS);
    out.printf("%n[hypertable] %d days of Bandung's readings (%s to %s) by COPY into the reading hypertable,"
        + " compressed by Pantau's policy job %d, queries timed uncompressed and compressed, %d rounds%n",
        days, start, end, compressionJob, rounds);
    bench.execute("TRUNCATE reading, rollup_1m, latest_value, reading_flagged_1h");
    List<Query> queries = null;
    double[][] plain = null;
    double[][] packed = null;
    String[] answers = null;
    boolean sameAnswers = true;
    double[] ratios = new double[rounds];
    double[] heapRatios = new double[rounds];
    double[] copyRates = new double[rounds];
    double[] compressSeconds = new double[rounds];
    long[] stats = null;
    long chunks = 0;
    HistoricalReadings.Written w = null;
    for (int r = 0; r < rounds; r++) {
      // Every round starts from the same rows freshly COPYed, in time order as gateways deliver them:
      // decompressing instead would leave the chunks sorted by sensor, a layout the uncompressed table never has.
      bench.execute("TRUNCATE reading");
      w = HistoricalReadings.write(ds, start.toEpochMilli(), days);
      copyRates[r] = w.rowsPerSecond();
      chunks = bench.count("SELECT count(*) FROM show_chunks('reading')");
      settle();
      out.printf("  round %d: COPY %,d rows from %d sensors into %,d chunks, %,.0f rows/s (COPY and commit only)%n",
          r + 1, w.rows(), w.sensors(), chunks, w.rowsPerSecond());
      if (r == 0) {
        rollUp(start, end);
        bench.execute("ANALYZE sensor");
        queries = queries(ds, w, start, end);
        plain = new double[queries.size()][rounds];
        packed = new double[queries.size()][rounds];
        answers = new String[queries.size()];
        for (Query q : queries) {
          time(ds, q); // a first pass for the JIT and the connection pool, not counted
        }
      }
      for (int q = 0; q < queries.size(); q++) {
        Timed t = time(ds, queries.get(q));
        plain[q][r] = t.millis;
        if (answers[q] == null) {
          answers[q] = t.answer;
        } else {
          sameAnswers &= answers[q].equals(t.answer);
        }
      }
      long t = System.nanoTime();
      bench.execute("CALL run_job(" + compressionJob + ")");
      compressSeconds[r] = (System.nanoTime() - t) / 1e9;
      settle();
      stats = compressionStats();
      ratios[r] = (double) stats[1] / stats[2];
      heapRatios[r] = (double) stats[3] / stats[4];
      out.printf("  round %d: policy job compressed %d of %d chunks in %.1f s, %,d -> %,d bytes (%.1fx; table alone %.1fx)%n",
          r + 1, stats[0], chunks, compressSeconds[r], stats[1], stats[2], ratios[r], heapRatios[r]);
      for (int q = 0; q < queries.size(); q++) {
        Timed timed = time(ds, queries.get(q));
        packed[q][r] = timed.millis;
        sameAnswers &= answers[q].equals(timed.answer);
      }
      for (int q = 0; q < queries.size(); q++) {
        out.printf("  round %d: %-62s uncompressed %8.2f ms, compressed %8.2f ms (%.2fx)%n", r + 1,
            queries.get(q).name(), plain[q][r], packed[q][r], packed[q][r] / plain[q][r]);
      }
    }
    long compressedChunks = stats[0];
    long before = stats[1];
    long after = stats[2];
    figures.add(Figure.of("hypertable: COPY of " + days + " days of readings", median(copyRates), "rows/s",
        String.format("%,d rows, %d sensors, %d chunks, 1 connection, 50,000-row transactions; rounds %s", w.rows(),
            w.sensors(), chunks, spread(copyRates, ""))));
    if (compressedChunks != chunks) {
      notes.add(String.format("the compression policy compressed %d of %d chunks", compressedChunks, chunks));
    }
    figures.add(Figure.ratio("hypertable: compression ratio (policy job)", before / 1048576.0, "MiB",
        "compressed", after / 1048576.0, null, String.format("%d of %d chunks, data and indexes; rounds %s;"
            + " table alone (no indexes) %s", compressedChunks, chunks, spread(ratios, "x"), spread(heapRatios, "x"))));
    figures.add(Figure.of("hypertable: compression job", w.rows() / median(compressSeconds), "rows/s",
        "rounds " + spread(compressSeconds, " s")));
    for (int q = 0; q < queries.size(); q++) {
      double[] perRound = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        perRound[r] = packed[q][r] / plain[q][r];
      }
      figures.add(Figure.ratio("hypertable: " + queries.get(q).name(), median(packed[q]), "ms compressed",
          "uncompressed", median(plain[q]), null, "median of " + rounds + " rounds, each the median of " + TIMED
              + " runs; compressed/uncompressed per round " + spread(perRound, "x")));
    }
    figures.add(Figure.of("hypertable: same answers compressed and uncompressed", sameAnswers ? 1 : 0, "1 = yes",
        queries.size() + " queries"));
    if (!sameAnswers) {
      notes.add("a dashboard query answered differently over compressed chunks");
    }
  }

  /**
   * The state a week-old chunk is in when a dashboard reads it: vacuumed (hint bits set, the
   * visibility map current) and analyzed, its pages written out. Right after a COPY of half a
   * gigabyte the first reads would set hint bits and compete with the write-back, a cost that
   * would be charged to the uncompressed side only.
   */
  private void settle() throws SQLException {
    bench.execute("VACUUM ANALYZE reading");
    bench.execute("CHECKPOINT");
  }

  /** The minute rollups of the data set, as the writer would have kept them, and the hourly aggregate refreshed. */
  private void rollUp(Instant start, Instant end) throws SQLException {
    try (Connection c = bench.db().getConnection(); PreparedStatement ps = c.prepareStatement("""
        INSERT INTO rollup_1m (kecamatan_id, metric_id, minute, count, sum, min, max)
        SELECT s.kecamatan_id, r.metric_id, date_trunc('minute', r.ts), count(*), sum(r.value), min(r.value), max(r.value)
        FROM reading r JOIN sensor s ON s.id = r.sensor_id
        WHERE r.flag IS NULL AND r.ts >= ? AND r.ts < ?
        GROUP BY 1, 2, 3""")) {
      ps.setTimestamp(1, Timestamp.from(start));
      ps.setTimestamp(2, Timestamp.from(end));
      ps.executeUpdate();
    }
    if (bench.count("SELECT count(*) FROM pg_class WHERE relname = 'rollup_1h'") > 0) {
      bench.execute("CALL refresh_continuous_aggregate('rollup_1h', '" + start + "', '" + end + "')");
    }
    bench.execute("ANALYZE rollup_1m");
  }

  private List<Query> queries(DataSource ds, HistoricalReadings.Written w, Instant start, Instant end)
      throws SQLException {
    int kecamatanId = w.kecamatanIds().get(KECAMATAN);
    int cityId = (int) bench.count("SELECT city_id FROM kecamatan WHERE id = " + kecamatanId);
    short pm25 = (short) bench.count("SELECT id FROM metric WHERE name = 'pm25'");
    int sensor = (int) bench.count("SELECT min(s.id) FROM sensor s WHERE s.kecamatan_id = " + kecamatanId
        + " AND s.external_id LIKE 'aq-%'");
    Instant origin = start.atZone(ZONE).toLocalDate().atStartOfDay(ZONE).toInstant();
    String hourly = """
        SELECT date_bin('1 hour', r.ts, ?) AS bucket, count(*), min(r.value), max(r.value), sum(r.value)
        FROM reading r JOIN sensor s ON s.id = r.sensor_id
        WHERE %s AND r.metric_id = ? AND r.flag IS NULL AND r.ts >= ? AND r.ts < ?
        GROUP BY 1 ORDER BY 1""";
    Instant lastDay = end.minus(1, ChronoUnit.DAYS);
    SeriesQuery api = new SeriesQuery(ds);
    return List.of(
        sql("kecamatan pm25 hourly, " + days(start, end) + " days, from reading", hourly.formatted("s.kecamatan_id = ?"),
            ps -> bind(ps, Timestamp.from(origin), kecamatanId, pm25, Timestamp.from(start), Timestamp.from(end))),
        // the same answer with the kecamatan's sensor ids resolved first: over compressed chunks the join above is
        // planned as a hash join that decompresses every pm25 segment of the city; an id list reaches the
        // segment index (sensor_id, metric_id) of each compressed chunk instead
        sql("kecamatan pm25 hourly, " + days(start, end) + " days, sensor ids first", """
            SELECT date_bin('1 hour', r.ts, ?) AS bucket, count(*), min(r.value), max(r.value), sum(r.value)
            FROM reading r
            WHERE r.sensor_id = ANY(ARRAY(SELECT id FROM sensor WHERE kecamatan_id = ?))
              AND r.metric_id = ? AND r.flag IS NULL AND r.ts >= ? AND r.ts < ?
            GROUP BY 1 ORDER BY 1""",
            ps -> bind(ps, Timestamp.from(origin), kecamatanId, pm25, Timestamp.from(start), Timestamp.from(end))),
        sql("city pm25 hourly, " + days(start, end) + " days, from reading", hourly.formatted("s.city_id = ?"),
            ps -> bind(ps, Timestamp.from(origin), cityId, pm25, Timestamp.from(start), Timestamp.from(end))),
        sql("one sensor's pm25 readings, last day, from reading",
            "SELECT ts, value FROM reading WHERE sensor_id = ? AND metric_id = ? AND ts >= ? AND ts < ? ORDER BY ts",
            ps -> bind(ps, sensor, pm25, Timestamp.from(lastDay), Timestamp.from(end))),
        new Query() {
          @Override
          public String name() {
            return "API series (rollup_1h + rollup_1m), kecamatan pm25 1h, " + days(start, end) + " days";
          }

          @Override
          public String run(Connection c, boolean answer) throws SQLException {
            // the JSON the API answers with is built either way, as the endpoint does
            String json = api.load(new SeriesRequest("bandung", KECAMATAN, Metric.PM25, SeriesRequest.Step.HOUR, start,
                end), cityId, kecamatanId, ZONE).getJsonArray("points").encode();
            return answer ? json : null;
          }
        });
  }

  private static long days(Instant start, Instant end) {
    return ChronoUnit.DAYS.between(start, end);
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private static Query sql(String name, String sql, Binder binder) {
    return new Query() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String run(Connection c, boolean answer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          binder.bind(ps);
          try (ResultSet rs = ps.executeQuery()) {
            return answer ? answer(rs) : read(rs);
          }
        }
      }
    };
  }

  private static void bind(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      ps.setObject(i + 1, values[i]);
    }
  }

  /**
   * The rows as text, numbers to 9 significant digits: sums of doubles may differ in their last
   * bits when the rows are added in another order, which is not a different answer.
   */
  private static String answer(ResultSet rs) throws SQLException {
    StringBuilder b = new StringBuilder();
    int columns = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringJoiner row = new StringJoiner(",", "", "\n");
      for (int i = 1; i <= columns; i++) {
        Object v = rs.getObject(i);
        row.add(v instanceof Double d ? String.format("%.9g", d) : Objects.toString(v));
      }
      b.append(row);
    }
    return b.toString();
  }

  /** Every value read, as a dashboard would, and nothing more. */
  private static String read(ResultSet rs) throws SQLException {
    int columns = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      for (int i = 1; i <= columns; i++) {
        rs.getObject(i);
      }
    }
    return null;
  }

  private record Timed(double millis, String answer) {
  }

  /** Two runs to warm the caches (the first keeps the answer), then the median of {@link #TIMED} runs. */
  private static Timed time(DataSource ds, Query q) throws SQLException {
    try (Connection c = ds.getConnection()) {
      String answer = q.run(c, true);
      q.run(c, false);
      double[] millis = new double[TIMED];
      for (int i = 0; i < TIMED; i++) {
        long t = System.nanoTime();
        q.run(c, false);
        millis[i] = (System.nanoTime() - t) / 1e6;
      }
      return new Timed(median(millis), answer);
    }
  }

  /**
   * Compressed chunks; bytes before and after compression over them (data, indexes and TOAST);
   * and the table alone (before: the rows; after: the compressed rows and their TOAST, where the
   * compressed column values live).
   */
  private long[] compressionStats() throws SQLException {
    try (Connection c = bench.db().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
        SELECT count(*) FILTER (WHERE compression_status = 'Compressed'),
               coalesce(sum(before_compression_total_bytes), 0), coalesce(sum(after_compression_total_bytes), 0),
               coalesce(sum(before_compression_table_bytes), 0),
               coalesce(sum(after_compression_table_bytes + after_compression_toast_bytes), 0)
        FROM chunk_compression_stats('reading')""")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)};
    }
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String spread(double[] values, String unit) {
    List<String> parts = new ArrayList<>();
    for (double v : values) {
      parts.add(String.format(v >= 100 ? "%.0f" : "%.2f", v) + unit);
    }
    return String.join(" / ", parts);
  }
}
