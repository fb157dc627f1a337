package id.pantau.store;

import id.pantau.store.testing.SharedDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database as Pantau opens it. Runs on the embedded PostgreSQL; set
 * PANTAU_TEST_DATABASE_URL (with _USER and _PASSWORD) to run it against an external
 * PostgreSQL or TimescaleDB instead — the assertions follow what that database offers.
 */
class DatabaseIT {
  @TempDir
  static Path dir;
  static Database database;

  @BeforeAll
  static void open() throws Exception {
    // an external test database is reset (once per JVM) before its first use, as every IT does
    String url = System.getenv("PANTAU_TEST_DATABASE_URL") == null ? null : SharedDatabase.jdbcUrl();
    var timescale = new TimescaleConfig(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(90), Duration.ofDays(730));
    database = Database.open(new DatabaseConfig(url, System.getenv("PANTAU_TEST_DATABASE_USER"),
        System.getenv("PANTAU_TEST_DATABASE_PASSWORD"), dir.resolve("pg"), 0, 4, Duration.ofSeconds(10), timescale));
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void storageModeFollowsWhatTheDatabaseOffers() throws SQLException {
    // given the extensions installed in the database
    boolean timescaleInstalled = exists("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'");

    // then the mode and the shape of the time-series tables follow them
    assertEquals(timescaleInstalled ? StorageMode.TIMESCALEDB : StorageMode.POSTGRESQL, database.mode());
    if (timescaleInstalled) {
      assertTrue(exists("SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = 'reading'"));
      assertTrue(exists("SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = 'rollup_1m'"));
    } else {
      assertEquals("r", text("SELECT relkind::text FROM pg_class WHERE relname = 'reading'"));
    }
  }

  @Test
  void connectionsCommitSynchronously() throws SQLException {
    // an acknowledgement means committed: every pooled connection runs with synchronous_commit on
    assertEquals("on", text("SHOW synchronous_commit"));
  }

  @Test
  void embeddedDatabaseKeepsFsyncOn() throws SQLException {
    if (System.getenv("PANTAU_TEST_DATABASE_URL") == null) {
      assertEquals("on", text("SHOW fsync"));
      assertEquals("on", text("SHOW full_page_writes"));
    }
  }

  @Test
  void retentionDeletesOnlyWhatIsOlderThanTheRetention() throws SQLException {
    // given one old and one recent batch id, reading and rollup
    execute("TRUNCATE ingest_batch, reading, rollup_1m, rollup_hour");
    execute("INSERT INTO ingest_batch (gateway_id, boot, seq, stream, items, stored_at) VALUES"
        + " ('g', 1, 1, 'telemetry', 1, now() - interval '100 days'), ('g', 1, 2, 'telemetry', 1, now())");
    execute("INSERT INTO reading VALUES (now() - interval '100 days', 1, 1, 1.0), (now(), 1, 1, 2.0)");
    execute("INSERT INTO rollup_1m VALUES (1, 1, date_trunc('minute', now() - interval '800 days'), 1, 1, 1, 1),"
        + " (1, 1, date_trunc('minute', now()), 1, 2, 2, 2)");
    execute("INSERT INTO rollup_hour VALUES (1, 1, date_trunc('hour', now() - interval '800 days'), 1, 1, 1, 1),"
        + " (1, 1, date_trunc('hour', now() - interval '730 days'), 1, 3, 3, 3), (1, 1, date_trunc('hour', now()), 1, 2, 2, 2)");

    // when retention runs with 90 days for raw data and 730 for rollups
    new RetentionJob(database.dataSource(), database.mode(), Duration.ofDays(90), Duration.ofDays(730)).run();

    // then only the recent rows remain (on TimescaleDB, its own policies handle readings and rollups)
    assertEquals("2", text("SELECT string_agg(seq::text, ',') FROM ingest_batch"));
    if (database.mode() == StorageMode.POSTGRESQL) {
      assertEquals("2", text("SELECT string_agg(value::text, ',') FROM reading"));
      assertEquals("2", text("SELECT string_agg(sum::text, ',') FROM rollup_1m"));
    }
    // rollup_hour is a plain table everywhere; the hour that straddles the retention's edge stays
    assertEquals("2,3", text("SELECT string_agg(sum::text, ',' ORDER BY sum) FROM rollup_hour"));
    assertFalse(exists("SELECT 1 FROM ingest_batch WHERE stored_at < now() - interval '90 days'"));
  }

  private static boolean exists(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
         var rs = s.executeQuery(sql)) {
      return rs.next();
    }
  }

  private static String text(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
         var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
