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
    /** Until the process is gone from the process table: reaped, which may take a while after its death. */
    public void awaitGone() {
      ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    }
  }

  /** SIGKILL; returns at once (the server under test is what should notice). */
  public static Killed kill(Path dataDir) throws Exception {
    long pid = pid(dataDir);
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no postmaster " + pid));
    if (!process.destroyForcibly()) {
      throw new AssertionError("cannot SIGKILL the postmaster " + pid);
    }
    return new Killed(pid, System.nanoTime());
  }
}
