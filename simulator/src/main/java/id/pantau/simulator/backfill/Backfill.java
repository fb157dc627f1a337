package id.pantau.simulator.backfill;

import id.pantau.simulator.scenario.Scenario;
import id.pantau.simulator.scenario.ScenarioException;
import id.pantau.simulator.scenario.ScenarioReader;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --backfill}: a city's history written straight into its database by COPY, the
 * documented bulk path (a year of telemetry at its natural pace over MQTT would take a year):
 * minute rollups day by day with a progress line, then complaints with their events, alerts and
 * instructions with their deliveries — all in one transaction, so a backfill is whole or absent,
 * and refused when the city was backfilled before. The same seed writes the same history.
 */
public final class Backfill {
  private final BackfillOptions options;
  private final PrintStream out;
  private boolean hasHourlyAggregate;

  public Backfill(BackfillOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public BackfillReport run() throws BackfillException, ScenarioException {
    Scenario scenario = ScenarioReader.load(options.scenario());
    try (Connection c = DriverManager.getConnection(options.databaseUrl(), options.user(), emptyIsNone(options.password()))) {
      BackfillTarget target = BackfillTarget.read(c, scenario);
      target.refuseIfFilledOrLive(c, scenario.city());
      Timeline timeline = timeline(c, target, scenario);
      out.printf(Locale.ROOT, "backfilling %s from %s to %s (%s, seed %d) into %s%n", scenario.city(), timeline.start(),
          timeline.end(), options.span(), options.seed(), options.databaseUrl());
      c.setAutoCommit(false);
      try {
        BackfillReport report = write(c, target, scenario, timeline);
        c.commit();
        long committed = System.nanoTime();
        afterCommit(c, timeline);
        out.printf(Locale.ROOT, "committed; statistics%s brought up to date in %s%n",
            hasHourlyAggregate ? " and rollup_1h" : "", BackfillProgress.duration((System.nanoTime() - committed) / 1e9));
        return report;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new BackfillException("database " + options.databaseUrl() + ": " + e.getMessage() + " (nothing was written)", e);
    }
  }

  private Timeline timeline(Connection c, BackfillTarget target, Scenario scenario)
      throws SQLException, BackfillException {
    long minutes = options.span().toMinutes();
    if (options.end() != null) {
      Timeline t = Timeline.ending(options.end(), minutes, scenario.timezone());
      if (target.hasRollups(c, t.start(), t.end())) {
        throw new BackfillException("the database holds rollups of " + scenario.city() + " between " + t.start() + " and "
            + t.end() + ": a backfill there would count them twice. Give an earlier --backfill-end, or none (the"
            + " history then ends where the city's data begins)");
      }
      return t;
    }
    Instant first = target.firstRollup(c);
    return Timeline.ending(first != null ? first : Instant.now(), minutes, scenario.timezone());
  }

  private BackfillReport write(Connection c, BackfillTarget target, Scenario scenario, Timeline timeline)
      throws SQLException {
    long started = System.nanoTime();
    YearWeather weather = new YearWeather(scenario, timeline, options.seed());
    Outages outages = new Outages(scenario, timeline, options.seed());
    TelemetryHistory telemetry = new TelemetryHistory(scenario, timeline, weather, outages, options.seed());
    long rollups = rollups(c, target, timeline, telemetry);
    hourly(c, target, timeline);
    double rollupSeconds = (System.nanoTime() - started) / 1e9;

    HistoryWriter writer = new HistoryWriter(c, target);
    ComplaintHistory complaintHistory = new ComplaintHistory(scenario, timeline, weather, options.seed());
    List<ComplaintHistory.Complaint> complaints = new ArrayList<>();
    target.kecamatanIds.keySet().forEach(k -> complaints.addAll(complaintHistory.of(k)));
    long events = writer.complaints(complaints);

    AlertHistory alertHistory = new AlertHistory(timeline, options.seed());
    List<AlertHistory.Alert> floods = alertHistory.floods(scenario, weather);
    List<AlertHistory.Alert> alerts = new ArrayList<>(floods);
    target.kecamatanIds.keySet().forEach(k -> alerts.addAll(alertHistory.ispu(k, telemetry.pm25Hourly(k))));
    Map<String, String> firstGateway = new java.util.LinkedHashMap<>();
    target.gateways.forEach((k, g) -> firstGateway.put(k, g.get(0)));
    alerts.addAll(alertHistory.gatewaysOffline(outages, firstGateway));
    writer.alerts(alerts);

    List<InstructionHistory.Instruction> instructions = new InstructionHistory(timeline, outages, options.seed())
        .of(List.copyOf(target.kecamatanIds.keySet()), floods);
    long deliveries = writer.instructions(instructions);
    double seconds = (System.nanoTime() - started) / 1e9;
    return new BackfillReport(timeline.start(), timeline.end(), rollups, complaints.size(), events, alerts.size(),
        instructions.size(), deliveries, rollupSeconds, seconds);
  }

  private long rollups(Connection c, BackfillTarget target, Timeline timeline, TelemetryHistory telemetry)
      throws SQLException {
    BackfillProgress progress = new BackfillProgress(out, options.quiet(), timeline.days());
    long rows = 0;
    try (RollupCopy copy = new RollupCopy(c)) {
      for (int day = 0; day < timeline.days(); day++) {
        for (Map.Entry<String, Integer> k : target.kecamatanIds.entrySet()) {
          rows += telemetry.day(day, k.getKey(), k.getValue(), target.metricIds, copy);
        }
        progress.day(day + 1, rows);
      }
      copy.end();
    }
    return rows;
  }

  /**
   * The hourly sums of the new minute rollups, as the ingest writer keeps them (the rapor reads a
   * month or a year from them): in the same transaction, added to an hour that live data shares.
   */
  private static void hourly(Connection c, BackfillTarget target, Timeline timeline) throws SQLException {
    try (var ps = c.prepareStatement("""
        INSERT INTO rollup_hour (kecamatan_id, metric_id, hour, count, sum, min, max)
        SELECT kecamatan_id, metric_id, date_trunc('hour', minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
               sum(count), sum(sum), min(min), max(max)
        FROM rollup_1m WHERE kecamatan_id = ANY (?) AND minute >= ? AND minute < ?
        GROUP BY 1, 2, 3
        ON CONFLICT (kecamatan_id, metric_id, hour) DO UPDATE SET count = rollup_hour.count + EXCLUDED.count,
          sum = rollup_hour.sum + EXCLUDED.sum, min = least(rollup_hour.min, EXCLUDED.min),
          max = greatest(rollup_hour.max, EXCLUDED.max)""")) {
      ps.setArray(1, c.createArrayOf("integer", target.kecamatanIds.values().toArray()));
      ps.setTimestamp(2, java.sql.Timestamp.from(timeline.start()));
      ps.setTimestamp(3, java.sql.Timestamp.from(timeline.end()));
      ps.executeUpdate();
    }
  }

  /** Fresh statistics for the planner; on TimescaleDB the hourly aggregate over the new history. */
  private void afterCommit(Connection c, Timeline timeline) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("ANALYZE rollup_1m");
      s.execute("ANALYZE rollup_hour");
      s.execute("ANALYZE complaint_event");
      s.execute("ANALYZE complaint");
      s.execute("ANALYZE alert");
      try (var rs = s.executeQuery("SELECT to_regclass('rollup_1h') IS NOT NULL")) {
        rs.next();
        hasHourlyAggregate = rs.getBoolean(1);
      }
      if (hasHourlyAggregate) {
        out.println("refreshing the continuous aggregate rollup_1h over the backfilled stretch");
        s.execute("CALL refresh_continuous_aggregate('rollup_1h', '" + timeline.start() + "'::timestamptz, '"
            + timeline.end() + "'::timestamptz)");
      }
    }
  }

  private static String emptyIsNone(String password) {
    return password == null || password.isEmpty() ? null : password;
  }
}
