package id.pantau.dashboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token file is taken up while running; a broken edit never locks anyone out. */
class ApiTokensTest {
  private static final String OLD = "aaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String NEW = "bbbbbbbbbbbbbbbbbbbbbbbb";

  @TempDir
  Path dir;

  @Test
  void aTokenRotatedToOneOfTheSameLengthIsTakenUpEvenUnderTheSameModificationTime() throws Exception {
    Path file = dir.resolve("api-tokens.csv");
    Files.writeString(file, "duty,operator," + OLD + "\n");
    ApiTokens tokens = ApiTokens.load(file);
    assertEquals("duty", tokens.holderOf(OLD).name());
    FileTime before = Files.getLastModifiedTime(file);

    Files.writeString(file, "duty,operator," + NEW + "\n");
    Files.setLastModifiedTime(file, before); // a file system that keeps times to the second
    assertTrue(tokens.reloadIfChanged());
    assertNull(tokens.holderOf(OLD), "the old token is revoked");
    assertEquals(ApiTokens.Role.OPERATOR, tokens.holderOf(NEW).role());
    assertFalse(tokens.reloadIfChanged(), "nothing changed since");
  }

  @Test
  void aBrokenOrEmptyFileLeavesTheTokensInForce() throws Exception {
    Path file = dir.resolve("api-tokens.csv");
    Files.writeString(file, "duty,operator," + OLD + "\n");
    ApiTokens tokens = ApiTokens.load(file);
    for (String broken : new String[] {"duty,operator,short\n", "duty,chief," + NEW + "\n", "", "# all commented out\n"}) {
      Files.writeString(file, broken);
      assertFalse(tokens.reloadIfChanged(), "refused: '" + broken.strip() + "'");
      assertEquals("duty", tokens.holderOf(OLD).name(), "still in force after '" + broken.strip() + "'");
      assertNull(tokens.holderOf(NEW));
    }
    Files.writeString(file, "duty,operator," + OLD + "\nnight,admin," + NEW + ",bandung\n");
    assertTrue(tokens.reloadIfChanged(), "a good file after broken ones is taken up");
    assertEquals("bandung", tokens.holderOf(NEW).city());
  }

  @Test
  void aCreatedTokenFileIsNeverReadableByOthersNotEvenWhileItIsBeingWritten() throws Exception {
    // a watcher reads the file's permissions from the instant it exists, over many creations:
    // a file created readable and restricted afterwards is caught in that window
    for (int round = 0; round < 300; round++) {
      Path file = dir.resolve("round-" + round).resolve("api-tokens.csv");
      Files.createDirectories(file.getParent());
      AtomicReference<Set<PosixFilePermission>> firstSeen = new AtomicReference<>();
      AtomicBoolean done = new AtomicBoolean();
      Thread watcher = new Thread(() -> {
        while (firstSeen.get() == null && !done.get()) {
          try {
            firstSeen.set(Files.getPosixFilePermissions(file));
          } catch (java.io.IOException notYet) {
            Thread.onSpinWait();
          }
        }
      });
      watcher.start();
      ApiTokens.load(file);
      done.set(true);
      watcher.join();
      Set<PosixFilePermission> seen = firstSeen.get() != null ? firstSeen.get() : Files.getPosixFilePermissions(file);
      assertEquals(PosixFilePermissions.fromString("rw-------"), seen, "round " + round);
    }
  }
}
