package id.pantau.dashboard.testing;

import java.time.Duration;

/** Waits for an effect instead of sleeping a guessed time. */
public final class Poll {
  public interface Check<T> {
    T get() throws Exception;
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Poll() {
  }

  /**
   * Polls until {@code check} returns {@code expected}, or fails after 60 s with the last value:
   * generous, because a 2-core CI machine busy with other work is slow, and waiting costs only on failure.
   */
  public static <T> void until(Check<T> check, T expected) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = check.get();
      if (expected.equals(last)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("expected " + expected + " within " + TIMEOUT.toSeconds() + " s, last saw " + last);
  }
}
