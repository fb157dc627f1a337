package id.pantau.server.support;

import id.pantau.dashboard.testing.Poll;
import id.pantau.store.testing.SharedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases of their own for the tests only TimescaleDB can answer, made on the server that
 * {@code PANTAU_TEST_DATABASE_URL} points at (so that one test's chunks, policies and jobs never
 * meet another's). Without such a server the tests are skipped, saying what they need.
 */
public final class TimescaleDatabases {
  public static final String NEEDS = "needs TimescaleDB: set PANTAU_TEST_DATABASE_URL (and _USER, _PASSWORD) to a"
      + " database on a PostgreSQL server with the timescaledb extension installed, as .ci/run does"
      + " (see docs/OPERATIONS.md#timescaledb)";
  private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

  private TimescaleDatabases() {
  }

  /** Skips the calling test unless the external test database's server offers TimescaleDB. */
  public static void assumeAvailable() throws SQLException {
    String url = System.getenv("PANTAU_TEST_DATABASE_URL");
    Assumptions.assumeTrue(url != null, NEEDS);
    try (Connection c = connect(url); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
      Assumptions.assumeTrue(rs.next(), NEEDS + " (the server at " + url + " has no timescaledb extension)");
    }
  }

  /** A new, empty database; with the extension created in it, or without (to create it later). */
  public static Fresh create(String purpose, boolean withExtension) throws SQLException {
    String shared = System.getenv("PANTAU_TEST_DATABASE_URL");
    String name = "pantau_ts_" + purpose + "_" + Long.toString(System.nanoTime(), 36);
    try (Connection c = connect(shared); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    Fresh fresh = new Fresh(name, withDatabase(shared, name));
    if (withExtension) {
      fresh.createExtension();
    }
    return fresh;
  }

  /**
   * Takes Pantau's policies (compression, retention, the aggregate's refresh) off TimescaleDB's
   * scheduler and waits until none is running, so a test runs each when it says
   * ({@link #runPolicy}) instead of whenever the scheduler does.
   */
  public static void pausePolicies(TestServer server) throws Exception {
    server.execute("SELECT alter_job(job_id, scheduled => false) FROM timescaledb_information.jobs"
        + " WHERE proc_name LIKE 'policy_%' AND hypertable_name IS NOT NULL");
    Poll.until(() -> server.number("SELECT count(*) FROM timescaledb_information.job_stats s"
        + " JOIN timescaledb_information.jobs j USING (job_id) WHERE j.hypertable_name IS NOT NULL AND s.job_status <> 'Paused'"), 0L);
  }

  /** Runs one of Pantau's policies now, e.g. {@code policy_compression} of {@code reading}. */
  public static void runPolicy(TestServer server, String proc, String hypertable) throws SQLException {
    long job = server.number("SELECT job_id FROM timescaledb_information.jobs WHERE proc_name = ? AND hypertable_name = ?",
        proc, hypertable);
    if (job < 0) {
      throw new AssertionError("no " + proc + " job on " + hypertable);
    }
    server.execute("CALL run_job(" + job + ")");
  }

  static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, SharedDatabase.user(), SharedDatabase.password());
  }

  private static String withDatabase(String url, String database) {
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException("PANTAU_TEST_DATABASE_URL is not jdbc:postgresql://host:port/db: " + url);
    }
    return m.group(1) + database + m.group(3);
  }

  /** A database of one test, dropped (with its TimescaleDB scheduler's connection) on close. */
  public record Fresh(String name, String url) implements AutoCloseable {
    public void createExtension() throws SQLException {
      execute("SET client_min_messages TO warning; CREATE EXTENSION IF NOT EXISTS timescaledb");
    }

    public void execute(String sql) throws SQLException {
      try (Connection c = connect(url); Statement s = c.createStatement()) {
        s.execute(sql);
      }
    }

    @Override
    public void close() throws SQLException {
      try (Connection c = connect(System.getenv("PANTAU_TEST_DATABASE_URL")); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }
}
