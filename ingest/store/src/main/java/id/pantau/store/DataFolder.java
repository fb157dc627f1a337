package id.pantau.store;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the embedded PostgreSQL's data folder and log tell about a failed start: a folder that
 * is no longer a data folder, or one PostgreSQL cannot recover, is broken (restarting again
 * cannot help: a person must restore it); anything else (a full disk, a port still taken,
 * shared memory still held by dying backends) may pass, so the start is tried again.
 */
final class DataFolder {
  /** PostgreSQL's own words for a cluster it cannot open. */
  private static final List<String> BROKEN = List.of("could not locate a valid checkpoint record",
      "invalid checkpoint record", "incorrect checksum in control file", "database files are incompatible",
      "could not open file \"global/pg_control\"", "is not a valid data directory", "required wal directory");

  /** The folder is broken: restarting will not help. */
  static final class BrokenException extends StoreException {
    BrokenException(String message) {
      super(message, null);
    }
  }

  private DataFolder() {
  }

  /** Refuses a folder whose control files are gone: started anyway, it would become a new, empty database. */
  static void requireIntact(Path dataDir) {
    for (String needed : List.of("PG_VERSION", "postgresql.conf", "global/pg_control")) {
      if (!Files.isRegularFile(dataDir.resolve(needed))) {
        throw new BrokenException("the data folder " + dataDir + " has no " + needed
            + ": it is not a PostgreSQL data folder any more (deleted or damaged); restore it from a backup"
            + " and restart Pantau");
      }
    }
  }

  /** The size of the log now, so that a later {@link #lastError} reads only what a start wrote. */
  static long logSize(Path logFile) {
    try {
      return Files.exists(logFile) ? Files.size(logFile) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The last FATAL or PANIC message PostgreSQL wrote since {@code from}, or null. */
  static String lastError(Path logFile, long from) {
    try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
      long start = Math.max(from, f.length() - 64 * 1024);
      byte[] tail = new byte[(int) (f.length() - start)];
      f.seek(start);
      f.readFully(tail);
      String last = null;
      for (String line : new String(tail, StandardCharsets.UTF_8).split("\n")) {
        int at = Math.max(line.indexOf("FATAL:"), line.indexOf("PANIC:"));
        if (at >= 0) {
          last = line.substring(at).trim(); // pg_ctl's "waiting for server to start...." may share the line
        }
      }
      return last;
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether the log holds {@code text} after {@code from}. */
  static boolean logSaysSince(Path logFile, long from, String text) {
    try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
      if (f.length() <= from) {
        return false;
      }
      byte[] tail = new byte[(int) Math.min(f.length() - from, 256 * 1024)];
      f.seek(f.length() - tail.length);
      f.readFully(tail);
      return new String(tail, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether PostgreSQL's error says the folder itself cannot be opened. */
  static boolean saysBroken(String error) {
    if (error == null) {
      return false;
    }
    String lower = error.toLowerCase(Locale.ROOT);
    return BROKEN.stream().anyMatch(lower::contains);
  }

  /** Whether PostgreSQL's error is a full disk, which passes when space is freed. */
  static boolean saysDiskFull(String error) {
    return error != null && error.toLowerCase(Locale.ROOT).contains("no space left on device");
  }
}
