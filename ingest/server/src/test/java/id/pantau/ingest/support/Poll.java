package id.pantau.ingest.support;

import java.time.Duration;

/** Waits for an effect instead of sleeping a guessed time. */
public final class Poll {
  public interface Check<T> {
    T get() throws Exception;
  }

  private Poll() {
  }

  /** Polls until {@code check} returns {@code expected}, or fails after 10 s with the last value. */
  public static <T> void until(Check<T> check, T expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = check.get();
      if (expected.equals(last)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("expected " + expected + " within 10 s, last saw " + last);
  }
}
