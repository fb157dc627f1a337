package id.pantau.server.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A size-limited tmpfs mounted for one test, to fill a disk for real. Mounting needs root (or
 * CAP_SYS_ADMIN), as on CI; without it the test fails saying so rather than passing untested.
 */
public final class SmallFileSystem implements AutoCloseable {
  private final Path mountPoint;
  private final Path filler;

  private SmallFileSystem(Path mountPoint) {
    this.mountPoint = mountPoint;
    this.filler = mountPoint.resolve("filler");
  }

  public static SmallFileSystem mount(Path mountPoint, int megabytes) throws Exception {
    Files.createDirectories(mountPoint);
    ProcessBuilder mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs",
        mountPoint.toString()).redirectErrorStream(true);
    Process p;
    try {
      p = mount.start();
    } catch (IOException e) {
      throw new AssertionError("this test fills a small tmpfs and needs the mount command (util-linux): " + e);
    }
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new AssertionError("this test fills a small tmpfs and needs permission to mount one (run it as root or"
          + " with CAP_SYS_ADMIN, as CI does); `mount -t tmpfs` said: " + said.trim());
    }
    return new SmallFileSystem(mountPoint);
  }

  public Path path() {
    return mountPoint;
  }

  /** Writes a file until the file system has no space left. */
  public void fill() throws IOException {
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      for (int size = chunk.length; size >= 512; ) {
        try {
          out.write(chunk, 0, size);
          out.flush();
        } catch (IOException full) {
          size /= 2;
        }
      }
    } catch (IOException closingAFullFile) {
      // the last buffered bytes had no room either: the disk is full, as wanted
    }
  }

  /** Frees what {@link #fill} took. */
  public void free() throws IOException {
    Files.deleteIfExists(filler);
  }

  @Override
  public void close() throws Exception {
    // lazily, should a process still hold a file there
    new ProcessBuilder("umount", "-l", mountPoint.toString()).inheritIO().start().waitFor();
  }
}
