package id.pantau.simulator.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import id.pantau.config.ConfigTree;
import id.pantau.server.PantauMain;
import id.pantau.server.PantauServer;
import id.pantau.simulator.cli.SimulatorMainAccess;
import id.pantau.store.testing.SharedDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --backfill} into the database of a real Pantau server (the shared test database, set up
 * by the server: schema, Bandung's kecamatan, the metric catalogue; TimescaleDB with
 * {@code PANTAU_TEST_DATABASE_URL}), as a user runs it: the history is there and consistent, and a
 * second backfill is refused with nothing written.
 */
class BackfillIT {
  private static final String END = "2026-03-19T00:00+07:00";
  private static final Instant END_AT = OffsetDateTime.parse(END).toInstant();
  private static final Instant START_AT = END_AT.minusSeconds(3 * 86_400);
  private static final Map<String, Set<String>> NEXT = Map.of(
      "created", Set.of("dispatched", "rejected"), "dispatched", Set.of("in_progress"),
      "in_progress", Set.of("resolved"), "resolved", Set.of("closed", "reopened"), "reopened", Set.of("in_progress"),
      "closed", Set.of(), "rejected", Set.of());
  private static PantauServer server;
  private static Run first;

  @BeforeAll
  static void startServerAndBackfill() throws Exception {
    Path home = Files.createTempDirectory("backfill-it");
    ConfigTree config = ConfigTree.of(PantauMain.defaults())
        .with("database.url", SharedDatabase.jdbcUrl()).with("database.user", SharedDatabase.user())
        .with("mqtt.host", "127.0.0.1").with("mqtt.port", 0).with("mqtt.instances", 1)
        .with("http.host", "127.0.0.1").with("http.port", 0)
        .with("security.passwordIterations", 1000)
        .with("gateways.credentialsDir", home.resolve("credentials").toString());
    if (SharedDatabase.password() != null) {
      config = config.with("database.password", SharedDatabase.password());
    }
    server = PantauServer.start(config);
    first = backfill();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static Run backfill() {
    List<String> args = new ArrayList<>(List.of("--backfill", "3d", "--backfill-end", END, "--seed", "5",
        "--database-url", server.database().jdbcUrl(), "--database-user", SharedDatabase.user()));
    if (SharedDatabase.password() != null) {
      args.addAll(List.of("--database-password", SharedDatabase.password()));
    }
    return run(args.toArray(String[]::new));
  }

  @Test
  void threeDaysOfRollupsFromEveryKecamatanWithinTheStretch() throws Exception {
    assertEquals(0, first.exitCode, first.output);
    assertTrue(first.output.contains("backfill 100.0%  day 3/3"), first.output);
    assertEquals(30, count("SELECT count(DISTINCT kecamatan_id) FROM rollup_1m"));
    assertEquals(0, count("SELECT count(*) FROM rollup_1m WHERE minute < '" + START_AT + "' OR minute >= '" + END_AT + "'"));
    // one PM2.5 row a minute per kecamatan, but for the minutes its gateway was away
    long pm25 = count("SELECT count(*) FROM rollup_1m r JOIN metric m ON m.id = r.metric_id WHERE m.name = 'pm25'");
    assertTrue(pm25 <= 30 * 3 * 1440 && pm25 > 30 * 3 * 1440 * 0.95, pm25 + " PM2.5 rows");
  }

  @Test
  void theHourlyRollupsAreTheMinuteRollupsSummedByHour() throws Exception {
    // the rapor reads months and years from rollup_hour: it holds exactly the minutes' sums
    assertTrue(count("SELECT count(*) FROM rollup_hour") > 30 * 3 * 24, "hourly rows written");
    assertEquals(0, count("""
        SELECT count(*) FROM (
          SELECT kecamatan_id, metric_id, date_trunc('hour', minute AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour,
                 sum(count) AS count, sum(sum) AS sum, min(min) AS min, max(max) AS max
          FROM rollup_1m GROUP BY 1, 2, 3) m
        FULL JOIN rollup_hour h USING (kecamatan_id, metric_id, hour)
        WHERE h.count IS DISTINCT FROM m.count OR abs(h.sum - m.sum) > 1e-6 * greatest(1, abs(m.sum))
           OR h.min IS DISTINCT FROM m.min OR h.max IS DISTINCT FROM m.max"""));
  }

  @Test
  void eachRollupRowSumsItsReadings() throws Exception {
    assertEquals(0, count("SELECT count(*) FROM rollup_1m WHERE count < 1 OR min > max"
        + " OR sum < min * count - 1e-6 OR sum > max * count + 1e-6"));
    // an air-quality station reads each metric once a minute: central kecamatan have two
    assertEquals(0, count("""
        SELECT count(*) FROM rollup_1m r JOIN metric m ON m.id = r.metric_id JOIN kecamatan k ON k.id = r.kecamatan_id
        WHERE m.name = 'pm25' AND r.count <> CASE WHEN k.zone = 'central' THEN 2 ELSE 1 END"""));
    // six street lights every five minutes: at most 1728 readings a kecamatan a day
    assertEquals(0, count("""
        SELECT count(*) FROM (SELECT r.kecamatan_id, date_trunc('day', r.minute), sum(r.count) AS n
          FROM rollup_1m r JOIN metric m ON m.id = r.metric_id WHERE m.name = 'streetlight_power_w'
          GROUP BY 1, 2) d WHERE n > 1728"""));
  }

  @Test
  void complaintsHaveOrderedLifecyclesAndTheirStateFollowsTheirEvents() throws Exception {
    assertTrue(count("SELECT count(*) FROM complaint WHERE id LIKE 'bf-%'") > 100, first.output);
    assertEquals(count("SELECT count(*) FROM complaint"), count("SELECT count(DISTINCT complaint_id) FROM complaint_event"));
    try (Connection c = server.database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
        SELECT c.id, c.state, c.state_at, c.resolved_at, c.created_at, e.event, e.ts
        FROM complaint c JOIN complaint_event e ON e.city_id = c.city_id AND e.complaint_id = c.id
        ORDER BY c.id, e.ts"""); ResultSet rs = ps.executeQuery()) {
      String id = null;
      List<String> events = new ArrayList<>();
      List<Instant> times = new ArrayList<>();
      String[] row = null;
      while (rs.next()) {
        if (!rs.getString(1).equals(id)) {
          check(id, row, events, times);
          id = rs.getString(1);
          row = new String[] {rs.getString(2), instant(rs, 3), instant(rs, 4), instant(rs, 5)};
          events.clear();
          times.clear();
        }
        events.add(rs.getString(6));
        times.add(rs.getObject(7, OffsetDateTime.class).toInstant());
      }
      check(id, row, events, times);
    }
  }

  private static void check(String id, String[] row, List<String> events, List<Instant> times) {
    if (id == null) {
      return;
    }
    assertEquals("created", events.get(0), id);
    assertEquals(times.get(0).toString(), row[3], id + " created_at is its created event");
    for (int i = 1; i < events.size(); i++) {
      assertTrue(NEXT.get(events.get(i - 1)).contains(events.get(i)), id + ": " + events);
      assertTrue(times.get(i).isAfter(times.get(i - 1)), id + ": " + times);
    }
    String last = events.get(events.size() - 1);
    assertEquals(last, row[0], id + " state is its last event");
    assertEquals(times.get(times.size() - 1).toString(), row[1], id + " state_at");
    if (Set.of("resolved", "closed", "rejected").contains(last)) {
      int from = events.lastIndexOf("reopened") + 1;
      int resolved = from;
      while (!Set.of("resolved", "closed", "rejected").contains(events.get(resolved))) {
        resolved++;
      }
      assertEquals(times.get(resolved).toString(), row[2], id + " resolved_at: the first resolution since reopening");
    } else {
      assertNull(row[2], id + " is open");
    }
  }

  // the running server judges the backfilled complaints too: those still open in March are past their
  // target now, and it opens complaint_breach alerts of its own (and sends them down), after the stretch
  @Test
  void alertsAreClearedWithinTheStretchAndAcknowledgedBeforeTheyClear() throws Exception {
    String backfilled = "SELECT count(*) FROM alert WHERE opened_at < '" + END_AT + "'";
    assertTrue(count(backfilled) > 0, first.output);
    assertEquals(0, count(backfilled + " AND (cleared_at IS NULL OR cleared_at <= opened_at"
        + " OR opened_at < '" + START_AT + "' OR cleared_at >= '" + END_AT + "')"));
    assertEquals(0, count(backfilled + " AND acknowledged_at IS NOT NULL"
        + " AND (acknowledged_at < opened_at OR acknowledged_at > cleared_at OR acknowledged_by IS NULL)"));
    assertEquals(0, count(backfilled + " AND rule NOT IN ('flood', 'ispu', 'gateway_offline')"));
  }

  @Test
  void instructionsAreDeliveredAfterTheyWereSent() throws Exception {
    assertTrue(count("SELECT count(*) FROM downlink_message WHERE kind = 'instruction'") > 0, first.output);
    assertEquals(0, count("SELECT count(*) FROM downlink_delivery d JOIN downlink_message m ON m.id = d.message_id"
        + " WHERE d.delivered_at < m.created_at"));
    assertEquals(0, count("SELECT count(*) FROM downlink_message WHERE kind = 'instruction' AND broker_published_at IS NULL"));
  }

  // its refresh policy looks back only a few days: the backfill refreshes it over the stretch
  @Test
  void onTimescaleDbTheHourlyAggregateHoldsTheBackfilledStretch() throws Exception {
    assumeTrue(count("SELECT count(*) FROM pg_class WHERE relname = 'rollup_1h'") > 0,
        "TimescaleDB's rollup_1h: run with PANTAU_TEST_DATABASE_URL pointing at TimescaleDB");
    assertTrue(first.output.contains("refreshing the continuous aggregate rollup_1h"), first.output);
    String stretch = " WHERE %s >= '" + START_AT + "' AND %s < '" + END_AT + "'";
    assertEquals(count("SELECT sum(count) FROM rollup_1m" + stretch.formatted("minute", "minute")),
        count("SELECT sum(count) FROM rollup_1h" + stretch.formatted("hour", "hour")));
  }

  @Test
  void aSecondBackfillIsRefusedAndWritesNothing() throws Exception {
    long rollups = count("SELECT count(*) FROM rollup_1m");
    long complaints = count("SELECT count(*) FROM complaint");
    Run again = backfill();
    assertEquals(3, again.exitCode, again.output);
    assertTrue(again.output.contains("already holds backfilled history of bandung"), again.output);
    assertEquals(rollups, count("SELECT count(*) FROM rollup_1m"));
    assertEquals(complaints, count("SELECT count(*) FROM complaint"));
  }

  private static String instant(ResultSet rs, int column) throws Exception {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant().toString();
  }

  private record Run(int exitCode, String output) {
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = SimulatorMainAccess.run(args, print, print);
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  private static long count(String sql) throws Exception {
    try (Connection c = server.database().dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
