package id.pantau.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Deletes what is older than the retention. On TimescaleDB the hypertables have retention
 * policies of their own, so only {@code ingest_batch} and {@code rollup_hour} (plain tables
 * everywhere) are pruned here. Forgetting a batch id older than the raw retention is safe: a redelivery of such a
 * batch carries readings older than the retention, which are refused anyway.
 * Deletes in slices so that no single statement holds locks for long.
 */
public final class RetentionJob {
  private static final int SLICE = 50_000;
  private static final String BATCHES = """
      DELETE FROM ingest_batch WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM ingest_batch WHERE stored_at < now() - ? * interval '1 second' LIMIT %d))""".formatted(SLICE);
  private static final String READINGS = """
      DELETE FROM reading WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM reading WHERE ts < now() - ? * interval '1 second' LIMIT %d))""".formatted(SLICE);
  private static final String ROLLUPS = """
      DELETE FROM rollup_1m WHERE minute < now() - ? * interval '1 second'""";
  // whole hours only: an hour partly inside the retention still sums minutes that are kept
  private static final String HOURLY_ROLLUPS = """
      DELETE FROM rollup_hour WHERE hour < now() - ? * interval '1 second' - interval '1 hour'""";

  private final DataSource ds;
  private final StorageMode mode;
  private final Duration raw;
  private final Duration rollups;

  public RetentionJob(DataSource ds, StorageMode mode, Duration raw, Duration rollups) {
    this.ds = ds;
    this.mode = mode;
    this.raw = raw;
    this.rollups = rollups;
  }

  /** @return rows deleted. Blocking: run on a worker. */
  public long run() throws SQLException {
    long deleted = deleteInSlices(BATCHES, raw);
    if (mode == StorageMode.POSTGRESQL) {
      deleted += deleteInSlices(READINGS, raw);
      deleted += delete(ROLLUPS, rollups);
    }
    deleted += delete(HOURLY_ROLLUPS, rollups);
    return deleted;
  }

  private long deleteInSlices(String sql, Duration age) throws SQLException {
    long total = 0;
    int n;
    do {
      n = delete(sql, age);
      total += n;
    } while (n == SLICE);
    return total;
  }

  private int delete(String sql, Duration age) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, age.toSeconds());
      return ps.executeUpdate();
    }
  }
}
