package id.pantau.ingest.batch;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Tells a database that is away (retry the same flush later) from a database that refused
 * the data (retrying cannot help). Only the second may lead to a rejection.
 */
final class StorageFailures {
  private StorageFailures() {
  }

  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException) {
        return true; // includes the pool's "connection is not available" timeout
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        // 08 connection, 53 resources, 57 operator intervention (shutdown), 40 deadlock/serialization,
        // 58 system error, XX internal error
        if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("40")
            || state.startsWith("58") || state.startsWith("XX")) {
          return true;
        }
      }
      if (t instanceof java.io.IOException) {
        return true;
      }
    }
    return e instanceof SQLException sql && sql.getSQLState() == null;
  }
}
