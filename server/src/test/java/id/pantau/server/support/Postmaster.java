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

  /** A postmaster killed at {@code atNanos} ({@link System#nanoTime}): the moment to measure from. */
  public record Killed(long pid, long atNanos) {
  }

  /** SIGKILL, and waits until the process is gone (reaped, which may take a while longer). */
  public static Killed kill(Path dataDir) throws Exception {
    long pid = pid(dataDir);
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no postmaster " + pid));
    if (!process.destroyForcibly()) {
      throw new AssertionError("cannot SIGKILL the postmaster " + pid);
    }
    long at = System.nanoTime();
    process.onExit().join();
    return new Killed(pid, at);
  }
}
