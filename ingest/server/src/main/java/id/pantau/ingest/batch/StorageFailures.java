package id.pantau.ingest.batch;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Tells a database that is away (retry the same flush later) from a database that refused
 * the data (retrying cannot help). Only the second may lead to a rejection.
 */
final class StorageFailures {
  /** disk_full: transient, as the disk can be freed; never a refusal, which would answer the gateway. */
  private static final String DISK_FULL = "53100";
  private static final String DISK_FULL_PREFIX = "the database's disk is full";

  private StorageFailures() {
  }

  /** What the database said, with what an operator should do when the cause is known (a full disk). */
  static String describe(Throwable e) {
    SQLException full = diskFull(e);
    return full == null ? e.toString() : DISK_FULL_PREFIX + " (SQLState 53100: " + full.getMessage() + "): free space on"
        + " the database's disk; acknowledgements are held and ingest resumes by itself when writes succeed";
  }

  static boolean isDiskFull(Throwable e) {
    return diskFull(e) != null;
  }

  /** Whether a {@link #describe} text tells of a full disk. */
  static boolean isDiskFull(String described) {
    return described != null && described.startsWith(DISK_FULL_PREFIX);
  }

  private static SQLException diskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && DISK_FULL.equals(sql.getSQLState())) {
        return sql;
      }
    }
    return null;
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
