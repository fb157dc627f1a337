package id.pantau.store;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded PostgreSQL running, as systemd's {@code Restart=} would: its postmaster is
 * checked every {@value #CHECK_MS} ms (and at once when the pool reports a failure); a dead one
 * is started again on the same folder and port, with growing pauses between failed attempts and
 * a log line for each. It gives up only when the folder itself is broken, and then says why in
 * {@link #status()}. Also samples the folder's free space.
 */
public final class EmbeddedDatabaseSupervisor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseSupervisor.class);
  static final long CHECK_MS = 500;
  private static final long BACKOFF_MIN_MS = 500;
  private static final long BACKOFF_MAX_MS = 30_000;

  public enum State { RUNNING, RESTARTING, FAILED }

  /** @param reason why it is not running (null while it runs); @param disk null if it cannot be read */
  public record Status(State state, int restarts, String reason, DiskSpace disk) {
  }

  private final EmbeddedDatabase database;
  private final long diskWarningBytes;
  private final Runnable afterRestart;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "pantau-db-supervisor");
    t.setDaemon(true);
    return t;
  });
  private volatile Status status;
  private volatile boolean closed;

  /** @param afterRestart run once a restarted PostgreSQL answers (e.g. drop the pool's dead connections) */
  EmbeddedDatabaseSupervisor(EmbeddedDatabase database, long diskWarningBytes, Runnable afterRestart) {
    this.database = database;
    this.diskWarningBytes = diskWarningBytes;
    this.afterRestart = afterRestart;
    this.status = new Status(State.RUNNING, 0, null, DiskSpace.sample(database.dataDir(), diskWarningBytes));
  }

  void start() {
    thread.scheduleWithFixedDelay(this::check, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
  }

  public Status status() {
    return status;
  }

  /** The pool failed to reach the database: look at the postmaster now rather than at the next tick. */
  void suspect() {
    if (!closed) {
      thread.execute(this::check);
    }
  }

  private void check() {
    sampleDisk();
    if (closed || status.state() != State.RUNNING || database.postmasterAlive()) {
      return;
    }
    log.warn("embedded PostgreSQL died pid={} dataDir={}: restarting it on the same folder (crash recovery);"
        + " acknowledgements are held meanwhile and gateways redeliver", database.pid(), database.dataDir());
    restartUntilRunning();
  }

  private void restartUntilRunning() {
    long backoff = BACKOFF_MIN_MS;
    long downSince = System.nanoTime();
    for (int attempt = 1; !closed; attempt++) {
      set(State.RESTARTING, "the embedded PostgreSQL died and is being restarted (attempt " + attempt + ")");
      long logFrom = DataFolder.logSize(database.logFile());
      try {
        database.restart();
        set(State.RUNNING, null, status.restarts() + 1);
        log.info("embedded PostgreSQL restarted attempt={} pid={} port={} downMs={} (crash recovery done)",
            attempt, database.pid(), database.port(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSince));
        afterRestart.run();
        return;
      } catch (DataFolder.BrokenException e) {
        giveUp(e.getMessage());
        return;
      } catch (Exception e) {
        String error = DataFolder.lastError(database.logFile(), logFrom);
        if (DataFolder.saysBroken(error)) {
          giveUp("PostgreSQL cannot open its data folder " + database.dataDir() + ": " + error
              + "; restore the folder from a backup and restart Pantau");
          return;
        }
        String why = DataFolder.saysDiskFull(error)
            ? "the disk of " + database.dataDir() + " is full: free space there and it starts by itself"
            : error != null ? error : e.toString();
        set(State.RESTARTING, "the embedded PostgreSQL does not start (attempt " + attempt + "): " + why);
        log.warn("embedded PostgreSQL restart failed attempt={} retryInMs={} reason=\"{}\" log={}", attempt, backoff, why,
            database.logFile());
        if (!pause(backoff)) {
          return;
        }
        backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
      }
    }
  }

  private void giveUp(String reason) {
    set(State.FAILED, reason);
    log.error("embedded PostgreSQL will not be restarted: {}", reason);
  }

  private boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void sampleDisk() {
    DiskSpace before = status.disk();
    DiskSpace now = DiskSpace.sample(database.dataDir(), diskWarningBytes);
    status = new Status(status.state(), status.restarts(), status.reason(), now);
    if (now != null && now.low() && (before == null || !before.low())) {
      log.warn("disk space low dataDir={} freeMb={} warningMb={}: free space there or move the folder (database.embeddedDataDir);"
          + " when it is full, writes fail and gateways are not acknowledged", now.path(), now.freeBytes() >> 20,
          now.warningBytes() >> 20);
    } else if (now != null && !now.low() && before != null && before.low()) {
      log.info("disk space back above the warning level dataDir={} freeMb={}", now.path(), now.freeBytes() >> 20);
    }
  }

  private void set(State state, String reason) {
    set(state, reason, status.restarts());
  }

  private void set(State state, String reason, int restarts) {
    status = new Status(state, restarts, reason, status.disk());
  }

  /** Stops watching, before the pool and PostgreSQL are stopped on purpose. */
  @Override
  public void close() {
    closed = true;
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
