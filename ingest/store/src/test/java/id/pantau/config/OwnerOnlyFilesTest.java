package id.pantau.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret files are created owner-only, and never written through a file that is already there. */
class OwnerOnlyFilesTest {
  @TempDir
  Path dir;

  @Test
  void aSecretFileIsCreatedOwnerOnlyWithItsText() throws Exception {
    Path file = dir.resolve("bandung-gateways.csv");
    OwnerOnlyFiles.create(file, "gateway,kecamatan,secret\n");
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
    assertEquals("gateway,kecamatan,secret\n", Files.readString(file));
  }

  @Test
  void aFileThatIsAlreadyThereIsNotWrittenThrough() throws Exception {
    Path file = Files.writeString(dir.resolve("api-tokens.csv"), "planted\n");
    assertThrows(FileAlreadyExistsException.class, () -> OwnerOnlyFiles.create(file, "secret\n"));
    assertEquals("planted\n", Files.readString(file));
  }
}
