package id.pantau.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * TimescaleDB's background jobs in this database (compression, retention, the continuous
 * aggregate's refresh, and any other) with the outcome of their last run, as the scheduler
 * recorded it in {@code timescaledb_information.job_stats}. A compression job that keeps
 * failing fills the disk without a sound, so this is watched ({@code /api/v1/health}, {@code /metrics}).
 */
public final class TimescaleJobs {
  /** One job; {@code lastRunStatus} and {@code lastRunStartedAt} are null until it first ran. */
  public record Job(int id, String applicationName, String hypertable, String lastRunStatus, Instant lastRunStartedAt,
                    long totalRuns, long totalFailures) {
    public boolean lastRunFailed() {
      return "Failed".equalsIgnoreCase(lastRunStatus);
    }
  }

  private static final String JOBS = """
      SELECT j.job_id, j.application_name, j.hypertable_name, s.last_run_status, s.last_run_started_at,
             coalesce(s.total_runs, 0), coalesce(s.total_failures, 0)
      FROM timescaledb_information.jobs j
      LEFT JOIN timescaledb_information.job_stats s ON s.job_id = j.job_id
      ORDER BY j.job_id""";

  private final DataSource ds;

  public TimescaleJobs(DataSource ds) {
    this.ds = ds;
  }

  /** Blocking: call from a worker. */
  public List<Job> read() throws SQLException {
    List<Job> jobs = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(JOBS)) {
      while (rs.next()) {
        Timestamp started = rs.getTimestamp(5);
        jobs.add(new Job(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
            started == null ? null : started.toInstant(), rs.getLong(6), rs.getLong(7)));
      }
    }
    return jobs;
  }
}
