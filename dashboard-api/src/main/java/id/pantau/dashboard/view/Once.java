package id.pantau.dashboard.view;

import java.util.concurrent.Callable;

/**
 * A read several views of one tick share: made at most once, on first use; a failure is
 * remembered too, so every view that needs the read fails with the same error.
 */
final class Once<T> {
  private final Callable<T> read;
  private boolean done;
  private T value;
  private Exception failure;

  Once(Callable<T> read) {
    this.read = read;
  }

  T get() throws Exception {
    if (!done) {
      done = true;
      try {
        value = read.call();
      } catch (Exception e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return value;
  }

  /** The value when it was read successfully, else {@code fallback}. */
  T orElse(T fallback) {
    return done && failure == null ? value : fallback;
  }
}
