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
 * same answers.
 */
final class TimescaleSetup {
  private static final Logger log = LoggerFactory.getLogger(TimescaleSetup.class);

  private TimescaleSetup() {
  }

  static StorageMode detect(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")) {
      return rs.next() ? StorageMode.TIMESCALEDB : StorageMode.POSTGRESQL;
    }
  }

  static void apply(Connection c, TimescaleConfig cfg) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT create_hypertable('reading', 'ts', chunk_time_interval => " + interval(cfg.chunkInterval())
          + ", if_not_exists => TRUE, migrate_data => TRUE)");
      s.execute("SELECT create_hypertable('rollup_1m', 'minute', chunk_time_interval => " + interval(cfg.chunkInterval().multipliedBy(7))
          + ", if_not_exists => TRUE, migrate_data => TRUE)");
      // Compression settings cannot change once chunks are compressed: set them only the first time.
      if (!compressionEnabled(s, "reading")) {
        s.execute("ALTER TABLE reading SET (timescaledb.compress, timescaledb.compress_segmentby = 'sensor_id, metric_id',"
            + " timescaledb.compress_orderby = 'ts DESC')");
      }
      s.execute("SELECT add_compression_policy('reading', " + interval(cfg.compressAfter()) + ", if_not_exists => TRUE)");
      s.execute("SELECT add_retention_policy('reading', " + interval(cfg.rawRetention()) + ", if_not_exists => TRUE)");
      s.execute("SELECT add_retention_policy('rollup_1m', " + interval(cfg.rollupRetention()) + ", if_not_exists => TRUE)");
    }
    log.info("TimescaleDB hypertables ready chunkInterval={} compressAfter={} rawRetention={} rollupRetention={}",
        cfg.chunkInterval(), cfg.compressAfter(), cfg.rawRetention(), cfg.rollupRetention());
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
