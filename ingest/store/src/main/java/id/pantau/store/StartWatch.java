package id.pantau.store;

import java.nio.file.Path;

/**
 * While the library waits for PostgreSQL to answer, watches the log for pg_ctl's word that the
 * server exited, and then interrupts the waiting thread (the library returns early on an
 * interrupt, which {@link #sawFailure} tells apart from a real start).
 */
final class StartWatch implements AutoCloseable {
  private static final String FAILED = "pg_ctl: could not start server";
  private final Thread waiting = Thread.currentThread();
  private final Path logFile;
  private final long from;
  private final Thread watcher;
  private volatile boolean failed;
  private volatile boolean done;

  StartWatch(Path logFile, long from) {
    this.logFile = logFile;
    this.from = from;
    this.watcher = new Thread(this::watch, "pantau-db-start-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private void watch() {
    while (!done && !failed) {
      if (DataFolder.logSaysSince(logFile, from, FAILED)) {
        failed = true;
        waiting.interrupt();
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  boolean sawFailure() {
    return failed;
  }

  @Override
  public void close() {
    done = true;
    watcher.interrupt();
    try {
      watcher.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failed) {
      Thread.interrupted(); // ours, not the caller's: cleared
    }
  }
}
