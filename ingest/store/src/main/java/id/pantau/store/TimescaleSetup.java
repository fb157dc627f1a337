package id.pantau.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the time-series tables into TimescaleDB hypertables with compression and retention
 * policies, following the TimescaleDB 2.x documentation. Every call is idempotent
 * ({@code if_not_exists}), so it runs at every start. Applied only when the extension is in
 * {@code pg_extension}; the tables and queries stay the same, so plain PostgreSQL gives the
 * same answers. When the extension is created after Pantau's tables hold data, the next start
 * converts them ({@code migrate_data}); an extension older than
 * {@link TimescaleVersion#OLDEST_SUPPORTED} is refused with the command that updates it.
 */
final class TimescaleSetup {
  private static final Logger log = LoggerFactory.getLogger(TimescaleSetup.class);

  private TimescaleSetup() {
  }

  static StorageMode detect(Connection c) throws SQLException {
    String created = single(c, "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'");
    if (created == null) {
      String available = single(c, "SELECT default_version FROM pg_available_extensions WHERE name = 'timescaledb'");
      if (available != null) {
        log.info("TimescaleDB {} is installed on the database server but not created in this database: Pantau uses"
            + " plain tables. To use it: CREATE EXTENSION timescaledb; then restart Pantau, which converts its tables",
            available);
      }
      return StorageMode.POSTGRESQL;
    }
    TimescaleVersion version = TimescaleVersion.parse(created);
    if (!version.supported()) {
      throw new StoreException("TimescaleDB " + version + " in this database is older than "
          + TimescaleVersion.OLDEST_SUPPORTED + ", the oldest Pantau supports: install a newer TimescaleDB on the"
          + " database server, run ALTER EXTENSION timescaledb UPDATE; as the first command of a new psql -X session"
          + " in this database, and start Pantau again", null);
    }
    return StorageMode.TIMESCALEDB;
  }

  static void apply(Connection c, TimescaleConfig cfg) throws SQLException {
    try (Statement s = c.createStatement()) {
      hypertable(s, "reading", "ts", cfg.chunkInterval());
      hypertable(s, "rollup_1m", "minute", cfg.chunkInterval().multipliedBy(7));
      // Compression settings cannot change once chunks are compressed: set them only the first time.
      if (!compressionEnabled(s, "reading")) {
        s.execute("ALTER TABLE reading SET (timescaledb.compress, timescaledb.compress_segmentby = 'sensor_id, metric_id',"
            + " timescaledb.compress_orderby = 'ts DESC')");
      }
      s.execute("SELECT add_compression_policy('reading', " + interval(cfg.compressAfter()) + ", if_not_exists => TRUE)");
      s.execute("SELECT add_retention_policy('reading', " + interval(cfg.rawRetention()) + ", if_not_exists => TRUE)");
      s.execute("SELECT add_retention_policy('rollup_1m', " + interval(cfg.rollupRetention()) + ", if_not_exists => TRUE)");
      createHourlyAggregate(s, cfg);
    }
    log.info("TimescaleDB hypertables ready chunkInterval={} compressAfter={} rawRetention={} rollupRetention={}",
        cfg.chunkInterval(), cfg.compressAfter(), cfg.rawRetention(), cfg.rollupRetention());
  }

  /**
   * {@code rollup_1h}: a continuous aggregate of the minute rollups for the hour and day views.
   * Real-time ({@code materialized_only = false}), so the minutes not yet materialized are
   * included and it answers as the minute rollups do. Its refresh window reaches back as far as
   * {@code compressAfter}, the longest gateway outage the deployment expects, so batches
   * redelivered that late still reach it. Without it (an older TimescaleDB, say) the series are
   * summed from the minute rollups: slower for long ranges, the same answers.
   */
  private static void createHourlyAggregate(Statement s, TimescaleConfig cfg) {
    try {
      s.execute("""
          CREATE MATERIALIZED VIEW IF NOT EXISTS rollup_1h
          WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
          SELECT kecamatan_id, metric_id, time_bucket(INTERVAL '1 hour', minute) AS hour,
                 sum(count) AS count, sum(sum) AS sum, min(min) AS min, max(max) AS max
          FROM rollup_1m
          GROUP BY kecamatan_id, metric_id, time_bucket(INTERVAL '1 hour', minute)
          WITH NO DATA""");
      s.execute("SELECT add_continuous_aggregate_policy('rollup_1h', start_offset => " + interval(cfg.compressAfter())
          + ", end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '10 minutes', if_not_exists => TRUE)");
      s.execute("SELECT add_retention_policy('rollup_1h', " + interval(cfg.rollupRetention()) + ", if_not_exists => TRUE)");
    } catch (SQLException e) {
      log.warn("no continuous aggregate rollup_1h ({}): hour and day series are summed from rollup_1m", e.getMessage());
    }
  }

  /**
   * Makes {@code table} a hypertable; a plain table that already holds rows (the extension was
   * created after Pantau's tables) is converted in place, which keeps it locked until done.
   */
  private static void hypertable(Statement s, String table, String timeColumn, Duration chunkInterval) throws SQLException {
    boolean plain;
    try (var rs = s.executeQuery("SELECT 1 FROM timescaledb_information.hypertables"
        + " WHERE hypertable_schema = current_schema() AND hypertable_name = '" + table + "'")) {
      plain = !rs.next();
    }
    if (plain) {
      log.info("TimescaleDB: making table={} a hypertable; rows already in it are moved into chunks (locked until done)",
          table);
    }
    s.execute("SELECT create_hypertable('" + table + "', '" + timeColumn + "', chunk_time_interval => "
        + interval(chunkInterval) + ", if_not_exists => TRUE, migrate_data => TRUE)");
  }

  private static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static boolean compressionEnabled(Statement s, String table) throws SQLException {
    try (var rs = s.executeQuery("SELECT compression_enabled FROM timescaledb_information.hypertables"
        + " WHERE hypertable_schema = current_schema() AND hypertable_name = '" + table + "'")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  private static String interval(Duration d) {
    return "INTERVAL '" + d.toSeconds() + " seconds'";
  }
}
