package id.pantau.store;

import id.pantau.config.ConfigException;
import id.pantau.config.ConfigTree;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the data lives. With no {@code url}, Pantau starts an embedded PostgreSQL whose data
 * stays in {@code embeddedDataDir} across restarts; in production {@code url} points at
 * PostgreSQL (with TimescaleDB where installed).
 */
public record DatabaseConfig(
    String url,
    String user,
    String password,
    Path embeddedDataDir,
    int embeddedPort,
    int poolSize,
    Duration connectTimeout,
    TimescaleConfig timescale,
    long freeSpaceWarningBytes) {
  /** When no level is given (tests): 1 GiB, as in the defaults. */
  private static final long DEFAULT_FREE_SPACE_WARNING = 1024L << 20;

  public DatabaseConfig(String url, String user, String password, Path embeddedDataDir, int embeddedPort, int poolSize,
                        Duration connectTimeout, TimescaleConfig timescale) {
    this(url, user, password, embeddedDataDir, embeddedPort, poolSize, connectTimeout, timescale,
        DEFAULT_FREE_SPACE_WARNING);
  }

  public DatabaseConfig {
    if (url != null && !url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException("database.url", "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), is " + url);
    }
  }

  public boolean embedded() {
    return url == null;
  }

  public static DatabaseConfig from(ConfigTree c) {
    return new DatabaseConfig(
        c.optionalString("database.url"),
        c.optionalString("database.user"),
        c.optionalString("database.password"),
        Path.of(c.string("database.embeddedDataDir")),
        c.integer("database.embeddedPort", 0, 65535),
        c.integer("database.poolSize", 2, 200),
        c.duration("database.connectTimeout"),
        TimescaleConfig.from(c),
        (long) c.integer("database.embeddedFreeSpaceWarningMb", 0, Integer.MAX_VALUE) << 20);
  }

  /** The URL with no credentials, for logs. */
  public String describe() {
    return embedded() ? "embedded PostgreSQL in " + embeddedDataDir.toAbsolutePath() : url.replaceAll("password=[^&]*", "password=***");
  }
}
