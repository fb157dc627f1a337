package id.pantau.store.testing;

import id.pantau.store.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded PostgreSQL per test JVM; servers under test reach it by URL, as in production.
 * With {@code PANTAU_TEST_DATABASE_URL} (and {@code _USER}, {@code _PASSWORD}) set, the tests use
 * that database instead, e.g. PostgreSQL with TimescaleDB; its Pantau tables are emptied.
 */
public final class SharedDatabase {
  private static EmbeddedDatabase database;

  private SharedDatabase() {
  }

  public static synchronized String jdbcUrl() throws Exception {
    String external = System.getenv("PANTAU_TEST_DATABASE_URL");
    if (external != null) {
      return external;
    }
    if (database == null) {
      Path dir = Files.createTempDirectory(Path.of("target"), "it-postgres");
      database = EmbeddedDatabase.start(dir.resolve("data"), 0);
      Runtime.getRuntime().addShutdownHook(new Thread(database::close));
    }
    return database.jdbcUrl();
  }

  public static String user() {
    return System.getenv().getOrDefault("PANTAU_TEST_DATABASE_USER", "postgres");
  }

  public static String password() {
    return System.getenv("PANTAU_TEST_DATABASE_PASSWORD");
  }
}
