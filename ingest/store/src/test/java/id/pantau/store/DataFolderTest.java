package id.pantau.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderTest {
  @TempDir
  Path dir;

  @Test
  void aFolderWithoutItsControlFilesIsBrokenAndSaysWhatToDo() throws Exception {
    Files.createDirectories(dir.resolve("global"));
    Files.writeString(dir.resolve("PG_VERSION"), "17\n");
    Files.writeString(dir.resolve("postgresql.conf"), "");
    Files.write(dir.resolve("global/pg_control"), new byte[8192]);
    assertDoesNotThrow(() -> DataFolder.requireIntact(dir));

    Files.delete(dir.resolve("global/pg_control"));
    var e = assertThrows(DataFolder.BrokenException.class, () -> DataFolder.requireIntact(dir));
    assertTrue(e.getMessage().contains("global/pg_control") && e.getMessage().contains("restore it from a backup"),
        e.getMessage());
  }

  @Test
  void postgresWordsTellABrokenFolderFromAFullDiskOrABusyPort() {
    assertTrue(DataFolder.saysBroken("2026-12-03 PANIC:  could not locate a valid checkpoint record"));
    assertTrue(DataFolder.saysBroken("FATAL:  database files are incompatible with server"));
    assertFalse(DataFolder.saysBroken("FATAL:  could not write to file \"pg_wal/xlogtemp.1\": No space left on device"));
    assertTrue(DataFolder.saysDiskFull("FATAL:  could not write to file \"pg_wal/xlogtemp.1\": No space left on device"));
    assertFalse(DataFolder.saysBroken("FATAL:  pre-existing shared memory block (key 1, ID 2) is still in use"));
    assertFalse(DataFolder.saysBroken("LOG:  could not bind IPv4 address \"127.0.0.1\": Address already in use"));
    assertFalse(DataFolder.saysBroken(null));
  }

  @Test
  void lastErrorReadsOnlyWhatTheLatestStartWrote() throws Exception {
    Path log = dir.resolve("postgres.log");
    Files.writeString(log, "FATAL:  an old failure\n");
    long from = DataFolder.logSize(log);
    Files.writeString(log, "LOG:  starting\nwaiting for server to start....2026-12-03 UTC [1] FATAL:  the new failure\n"
        + "pg_ctl: could not start server\n", java.nio.file.StandardOpenOption.APPEND);
    assertEquals("FATAL:  the new failure", DataFolder.lastError(log, from));
    assertTrue(DataFolder.logSaysSince(log, from, "pg_ctl: could not start server"));
    assertEquals(null, DataFolder.lastError(log, Files.size(log)));
  }
}
