package id.pantau.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files that hold secrets (API tokens, gateway secrets): created readable and writable by
 * their owner only from the first instant. The permissions go to the create call itself, not
 * set after writing: a file that was readable for a moment could have been opened then, and an
 * open file stays readable after its permissions change.
 */
public final class OwnerOnlyFiles {
  private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);

  private OwnerOnlyFiles() {
  }

  /** Creates {@code file} (which must not exist) with {@code text}, owner-only. */
  public static void create(Path file, String text) throws IOException {
    Set<OpenOption> create = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    try (SeekableByteChannel channel = Files.newByteChannel(file, create, ownerOnly(file))) {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path file) {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      log.warn("cannot restrict permissions of {}; protect it by other means", file);
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
  }
}
