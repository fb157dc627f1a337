package id.pantau.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks the database {@code SELECT 1} every {@value #INTERVAL_MS} ms on a thread of its own, over a
 * connection of its own (so a pool busy with writes is not mistaken for a database that is away),
 * with a one-second limit, and keeps the answer: health reads the last one and costs nothing.
 * A database that went away is seen within about a second, with or without traffic.
 */
public final class DatabaseProbe implements AutoCloseable {
  static final long INTERVAL_MS = 500;
  private static final int TIMEOUT_SECONDS = 1;

  /** One probe's outcome; {@code error} is null when it answered. */
  public record Result(boolean reachable, long roundTripMicros, String error, long checkedAtMillis) {
    public long ageMillis() {
      return System.currentTimeMillis() - checkedAtMillis;
    }
  }

  private final String url;
  private final Properties properties = new Properties();
  private final Runnable onFailure;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "pantau-db-probe");
    t.setDaemon(true);
    return t;
  });
  private Connection connection; // used by the probe thread only
  private volatile Result latest;

  /** @param onFailure told after each probe that failed (the supervisor looks at the postmaster) */
  DatabaseProbe(String url, String user, String password, Runnable onFailure) {
    this.url = url;
    this.onFailure = onFailure;
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
    properties.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
    properties.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS));
    properties.setProperty("ApplicationName", "pantau-health");
  }

  /** Probes once now (so health has an answer from the start), then every interval. */
  void start() {
    check();
    thread.scheduleWithFixedDelay(this::check, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
  }

  public Result latest() {
    return latest;
  }

  private void check() {
    long start = System.nanoTime();
    try {
      if (connection == null) {
        connection = DriverManager.getConnection(url, properties);
      }
      try (Statement s = connection.createStatement()) {
        s.setQueryTimeout(TIMEOUT_SECONDS);
        s.execute("SELECT 1");
      }
      latest = new Result(true, (System.nanoTime() - start) / 1000, null, System.currentTimeMillis());
    } catch (SQLException | RuntimeException e) {
      closeConnection();
      latest = new Result(false, (System.nanoTime() - start) / 1000, describe(e), System.currentTimeMillis());
      onFailure.run();
    }
  }

  private static String describe(Exception e) {
    String state = e instanceof SQLException sql && sql.getSQLState() != null ? " (SQLState " + sql.getSQLState() + ")" : "";
    return e.getMessage() + state;
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // it is broken already; a new one is opened at the next probe
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeConnection();
  }
}
