package id.pantau.server.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** The postmaster of a data folder, as an operator or the kernel's OOM killer would reach it. */
public final class Postmaster {
  private Postmaster() {
  }

  public static long pid(Path dataDir) throws Exception {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
  }

  /** SIGKILL, and waits until it is gone; returns its pid. */
  public static long kill(Path dataDir) throws Exception {
    long pid = pid(dataDir);
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no postmaster " + pid));
    if (!process.destroyForcibly()) {
      throw new AssertionError("cannot SIGKILL the postmaster " + pid);
    }
    process.onExit().join();
    return pid;
  }
}
