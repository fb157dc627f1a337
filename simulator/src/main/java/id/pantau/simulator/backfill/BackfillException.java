package id.pantau.simulator.backfill;

/** The backfill cannot or will not run: the database is unreachable, not set up, or already filled. */
public final class BackfillException extends Exception {
  public BackfillException(String message) {
    super(message);
  }

  public BackfillException(String message, Throwable cause) {
    super(message, cause);
  }
}
