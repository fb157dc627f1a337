package id.pantau.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space on the file system holding a folder, against the level below which operators are warned. */
public record DiskSpace(Path path, long freeBytes, long totalBytes, long warningBytes) {

  /** Reads the file system's figures now (a statfs call); null if they cannot be read. */
  static DiskSpace sample(Path path, long warningBytes) {
    try {
      FileStore store = Files.getFileStore(path);
      return new DiskSpace(path, store.getUsableSpace(), store.getTotalSpace(), warningBytes);
    } catch (IOException e) {
      return null;
    }
  }

  public boolean low() {
    return freeBytes < warningBytes;
  }
}
