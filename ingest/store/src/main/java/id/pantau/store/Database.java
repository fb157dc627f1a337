package id.pantau.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database as the rest of Pantau sees it: a pooled {@link DataSource} on a migrated
 * schema, embedded or external, with TimescaleDB features where the extension is present.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource pool;
  private final EmbeddedDatabase embedded;
  private final StorageMode mode;
  private final String description;
  private final EmbeddedDatabaseSupervisor supervisor;
  private final DatabaseProbe probe;

  private Database(HikariDataSource pool, EmbeddedDatabase embedded, StorageMode mode, String description,
                   DatabaseConfig cfg) {
    this.pool = pool;
    this.embedded = embedded;
    this.mode = mode;
    this.description = description;
    this.supervisor = embedded == null ? null
        : new EmbeddedDatabaseSupervisor(embedded, cfg.freeSpaceWarningBytes(), this::dropDeadConnections);
    this.probe = new DatabaseProbe(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword(),
        supervisor == null ? () -> { } : supervisor::suspect);
  }

  /** After a restart: the pool's idle connections all lead to the dead postmaster; new ones are opened as needed. */
  private void dropDeadConnections() {
    var bean = pool.getHikariPoolMXBean();
    if (bean != null) {
      bean.softEvictConnections();
    }
  }

  /** Watches the database from now on: the health probe, and the supervisor in embedded mode. */
  private Database watched() {
    probe.start();
    if (supervisor != null) {
      supervisor.start();
    }
    return this;
  }

  /** Starts (or connects to) the database and migrates it. Blocking; call at start-up. */
  public static Database open(DatabaseConfig cfg) {
    EmbeddedDatabase embedded = cfg.embedded() ? EmbeddedDatabase.start(cfg.embeddedDataDir(), cfg.embeddedPort()) : null;
    HikariDataSource pool = null;
    try {
      pool = pool(cfg, embedded);
      StorageMode mode = prepare(pool, cfg);
      String description = embedded != null
          ? "embedded PostgreSQL at " + embedded.jdbcUrl() + " (user postgres), data in " + embedded.dataDir()
          : cfg.describe();
      return new Database(pool, embedded, mode, description, cfg).watched();
    } catch (RuntimeException | SQLException e) {
      if (pool != null) {
        pool.close();
      }
      if (embedded != null) {
        embedded.close();
      }
      throw new StoreException("cannot open the database (" + cfg.describe() + "): " + e.getMessage(), e);
    }
  }

  private static HikariDataSource pool(DatabaseConfig cfg, EmbeddedDatabase embedded) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName("pantau-db");
    hc.setJdbcUrl(embedded != null ? embedded.jdbcUrl() : cfg.url());
    hc.setUsername(embedded != null ? "postgres" : cfg.user());
    hc.setPassword(embedded != null ? null : cfg.password());
    hc.setMaximumPoolSize(cfg.poolSize());
    hc.setMinimumIdle(Math.min(2, cfg.poolSize()));
    hc.setConnectionTimeout(cfg.connectTimeout().toMillis());
    // Fail fast at start, but let the pool keep retrying later, so ingest resumes by itself.
    hc.setInitializationFailTimeout(cfg.connectTimeout().toMillis());
    // An acknowledgement means committed: never let a server default weaken that.
    hc.setConnectionInitSql("SET synchronous_commit = on");
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    hc.addDataSourceProperty("ApplicationName", "pantau");
    return new HikariDataSource(hc);
  }

  private static StorageMode prepare(DataSource ds, DatabaseConfig cfg) throws SQLException {
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    try (Connection c = ds.getConnection()) {
      warnIfNotDurable(c);
      StorageMode mode = TimescaleSetup.detect(c);
      if (mode == StorageMode.TIMESCALEDB) {
        TimescaleSetup.apply(c, cfg.timescale());
      }
      return mode;
    }
  }

  private static void warnIfNotDurable(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); var rs = s.executeQuery("SHOW fsync")) {
      rs.next();
      if (!"on".equals(rs.getString(1))) {
        log.warn("the database runs with fsync={}: acknowledged data may be lost if its machine crashes", rs.getString(1));
      }
    }
  }

  public DataSource dataSource() {
    return pool;
  }

  public StorageMode mode() {
    return mode;
  }

  /** The JDBC URL the pool connects to (never holds the password): for tools such as the simulator's verifier. */
  public String jdbcUrl() {
    return pool.getJdbcUrl();
  }

  /** Where the data is, without credentials. */
  public String description() {
    return description;
  }

  /** The last health probe, the pool's state and, in embedded mode, the supervisor's. Cheap: no query. */
  public DatabaseHealth health() {
    var bean = pool.getHikariPoolMXBean();
    var poolState = bean == null ? null : new DatabaseHealth.Pool(bean.getActiveConnections(),
        bean.getIdleConnections(), bean.getTotalConnections(), bean.getThreadsAwaitingConnection());
    return new DatabaseHealth(probe.latest(), poolState, supervisor == null ? null : supervisor.status());
  }

  /** Stops watching, then the pool, then the embedded PostgreSQL: in that order, so none of them sees the next go. */
  @Override
  public void close() {
    if (supervisor != null) {
      supervisor.close();
    }
    probe.close();
    pool.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
