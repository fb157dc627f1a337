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
 * created again where it was), so that nothing of an earlier run (cities added over the admin
 * API, sensors, TimescaleDB policies) remains; each test then empties the data tables
 * ({@link TestServer#truncate}).
 */
public final class SharedDatabase {
  private static EmbeddedDatabase database;
  private static boolean externalReset;

  private SharedDatabase() {
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

  private static void reset(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user(), password()); Statement s = c.createStatement()) {
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
    }
  }

  public static String user() {
    return System.getenv().getOrDefault("PANTAU_TEST_DATABASE_USER", "postgres");
  }

  public static String password() {
    return System.getenv("PANTAU_TEST_DATABASE_PASSWORD");
  }
}
