package id.pantau.ingest.support;

import id.pantau.store.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;

/** One embedded PostgreSQL per test JVM; servers under test reach it by URL, as in production. */
final class SharedDatabase {
  private static EmbeddedDatabase database;

  private SharedDatabase() {
  }

  static synchronized String jdbcUrl() throws Exception {
    if (database == null) {
      Path dir = Files.createTempDirectory(Path.of("target"), "it-postgres");
      database = EmbeddedDatabase.start(dir.resolve("data"), 0);
      Runtime.getRuntime().addShutdownHook(new Thread(database::close));
    }
    return database.jdbcUrl();
  }
}
