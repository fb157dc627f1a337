package id.pantau.ingest;

/**
 * The message was not taken: the ingest buffer is full (the database is slow or away), or the
 * server is shutting down. Either way it is not acknowledged, and the gateway redelivers it.
 */
public final class OverloadedException extends Exception {
  private final boolean shuttingDown;

  private OverloadedException(String message, boolean shuttingDown) {
    super(message, null, false, false);
    this.shuttingDown = shuttingDown;
  }

  public static OverloadedException bufferFull(long bufferedBytes) {
    return new OverloadedException("ingest buffer full (" + bufferedBytes + " bytes waiting for the database)", false);
  }

  public static OverloadedException shuttingDown() {
    return new OverloadedException("server shutting down", true);
  }

  public boolean isShuttingDown() {
    return shuttingDown;
  }
}
