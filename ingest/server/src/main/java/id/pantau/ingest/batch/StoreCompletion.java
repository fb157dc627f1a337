package id.pantau.ingest.batch;

import id.pantau.wire.Rejection;

/** Told once per submitted item, on a writer thread: stored (committed) or refused. */
public interface StoreCompletion {
  void stored();

  /** The database refused this item's values; it was not stored. */
  void refused(Rejection rejection);
}
