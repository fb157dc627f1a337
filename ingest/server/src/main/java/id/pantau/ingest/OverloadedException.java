package id.pantau.ingest;

/** The ingest buffer is full (the database is slow or away): the message was not taken. */
public final class OverloadedException extends Exception {
  public OverloadedException(long bufferedBytes) {
    super("ingest buffer full (" + bufferedBytes + " bytes waiting for the database)", null, false, false);
  }
}
