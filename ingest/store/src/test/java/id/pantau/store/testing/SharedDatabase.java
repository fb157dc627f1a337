package id.pantau.store.testing;

import id.pantau.store.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One embedded PostgreSQL per test JVM; servers under test reach it by URL, as in production.
 * With {@code PANTAU_TEST_DATABASE_URL} (and {@code _USER}, {@code _PASSWORD}) set, the tests use
 * that database instead, e.g. PostgreSQL with TimescaleDB. Its first use in a test JVM resets it
 * to a fresh database (schema {@code public} dropped and made again, the timescaledb extension
 * created again where it was) — but only an empty database or one it reset before (marked by a
 * comment): a database with other tables is refused, never wiped — so that nothing of an earlier run (cities added over the admin
 * API, sensors, TimescaleDB policies) remains; each test then empties the data tables
 * ({@link TestServer#truncate}).
 */
public final class SharedDatabase {
  private static EmbeddedDatabase database;
  private static boolean externalReset;

  private SharedDatabase() {
  }

  /** Every table a test writes; cities, kecamatan and metrics stay. A new migration's data table joins here. */
  private static final String DATA_TABLES = "reading, ingest_batch, rollup_1m, rollup_hour, latest_value, dead_letter,"
      + " complaint_event, complaint, gateway, alert, downlink_delivery, downlink_subscription, downlink_message,"
      + " alert_threshold_override, reading_flagged_1h, plausibility_override, holiday_override, sensor_maintenance";

  /**
   * Empties the data tables of a test database, and TimescaleDB's continuous aggregate where there
   * is one (it keeps what it materialized, and its watermark, unless emptied itself).
   */
  public static void emptyData(javax.sql.DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("TRUNCATE " + DATA_TABLES);
      if (hasContinuousAggregate(s)) {
        s.execute("TRUNCATE rollup_1h");
      }
    }
  }

  private static boolean hasContinuousAggregate(Statement s) throws SQLException {
    try (var rs = s.executeQuery("SELECT to_regclass('timescaledb_information.continuous_aggregates') IS NOT NULL")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return false;
      }
    }
    try (var rs = s.executeQuery(
        "SELECT count(*) FROM timescaledb_information.continuous_aggregates WHERE view_name = 'rollup_1h'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  public static synchronized String jdbcUrl() throws Exception {
    String external = System.getenv("PANTAU_TEST_DATABASE_URL");
    if (external != null) {
      if (!externalReset) {
        reset(external);
        externalReset = true;
      }
      return external;
    }
    if (database == null) {
      Path dir = Files.createTempDirectory(Path.of("target"), "it-postgres");
      database = EmbeddedDatabase.start(dir.resolve("data"), 0);
      Runtime.getRuntime().addShutdownHook(new Thread(database::close));
    }
    return database.jdbcUrl();
  }

  /** Written on a database the tests made their own, so that they never wipe one they did not. */
  private static final String MARK = "pantau test database: the integration tests drop its schema public";

  private static void reset(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user(), password()); Statement s = c.createStatement()) {
      refuseUnlessOurs(s, url);
      boolean timescale;
      try (var rs = s.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")) {
        timescale = rs.next();
      }
      s.execute("SET client_min_messages TO warning");
      s.execute("DROP SCHEMA public CASCADE");
      s.execute("CREATE SCHEMA public");
      if (timescale) {
        s.execute("CREATE EXTENSION timescaledb");
      }
      s.execute("COMMENT ON DATABASE \"" + single(s, "SELECT current_database()") + "\" IS '" + MARK + "'");
    }
  }

  /** A database with tables of its own that the tests did not mark is someone's data: never drop it. */
  private static void refuseUnlessOurs(Statement s, String url) throws SQLException {
    String tables = single(s, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
    String comment = single(s, "SELECT shobj_description(oid, 'pg_database') FROM pg_database"
        + " WHERE datname = current_database()");
    if (!"0".equals(tables) && !MARK.equals(comment)) {
      throw new IllegalStateException("PANTAU_TEST_DATABASE_URL=" + url + " holds " + tables + " tables the tests did"
          + " not make, and the tests drop its schema public: point them at an empty database of their own"
          + " (createdb pantau_test)");
    }
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  public static String user() {
    return System.getenv().getOrDefault("PANTAU_TEST_DATABASE_USER", "postgres");
  }

  public static String password() {
    return System.getenv("PANTAU_TEST_DATABASE_PASSWORD");
  }
}
