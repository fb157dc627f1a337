package id.pantau.store;

/** What the database offers; decided at start from {@code pg_extension}. */
public enum StorageMode {
  /** Plain tables; the tested baseline. */
  POSTGRESQL,
  /** Hypertables with compression and retention policies. */
  TIMESCALEDB
}
